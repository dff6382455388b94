package org.tokenyield.vocabularies.web;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.tokenyield.analytics.calc.Estimate;
import org.tokenyield.support.WebSlice;
import org.tokenyield.system.InvalidInputException;
import org.tokenyield.vocabularies.CrossFamilyDrift;
import org.tokenyield.vocabularies.CrossFamilyService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * {@code GET /api/v1/tokenizer-drift} in a web slice: the query reaches the service as
 * asked and the report is served in snake_case; a refused baseline is a 400 naming the
 * field. The service is mocked here only; {@code CrossFamilyDriftIntegrationTests}
 * computes real figures from stored runs.
 */
@WebMvcTest(CrossFamilyApi.class)
@Import(WebSlice.class)
class CrossFamilyApiTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	CrossFamilyService service;

	@Test
	void servesTheReportOfTheAskedBaselineAndDatasetInSnakeCase() {
		Estimate drift = new Estimate(0.25, 0.2, 0.3);
		CrossFamilyDrift.Group group = new CrossFamilyDrift.Group(3, 120, 40, new Estimate(3.0, 2.8, 3.2), drift);
		given(this.service.report("tokenizer/cl100k_base", "my-set"))
			.willReturn(new CrossFamilyService.Report("tokenizer/cl100k_base", "my-set", 3, List.of("latin"),
					List.of("math"), List.of(new CrossFamilyDrift.Row("tokenizer/llama3", group, Map.of("latin", group),
							new TreeMap<>(Map.of("math", group))))));

		assertThat(this.mvc.get().uri("/api/v1/tokenizer-drift?baseline=tokenizer/cl100k_base&dataset=my-set"))
			.hasStatusOk()
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"baseline": "tokenizer/cl100k_base", "dataset": "my-set", "prompts": 3,
					 "scripts": ["latin"], "categories": ["math"],
					 "tokenizers": [{"model": "tokenizer/llama3",
					   "overall": {"prompts": 3, "chars": 120, "tokens": 40, "chars_per_token": {"value": 3.0},
					               "input_drift": {"value": 0.25}},
					   "by_script": {"latin": {"prompts": 3}}, "by_category": {"math": {"prompts": 3}}}]}""");
	}

	@Test
	void aRefusedBaselineIsA400NamingIt() {
		given(this.service.report("tokenizer/nope", null)).willThrow(new InvalidInputException("baseline",
				"must be an offline tokenizer version, one of tokenizer/o200k_base"));

		assertThat(this.mvc.get().uri("/api/v1/tokenizer-drift?baseline=tokenizer/nope")).hasStatus(400)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("baseline");
	}

}
