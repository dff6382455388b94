package org.tokenyield.runs.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.runs.RunService;
import org.tokenyield.system.Csv;
import org.tokenyield.support.WebSlice;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The run API's own part, in a web slice: what it refuses before anything reaches the
 * runs service, and how (problem+json, field errors under {@code errors}). The slice has
 * no database, so the services are Mockito mocks here, used only to show they were never
 * called; the real services, the security chain and role checks are
 * {@code RunsModuleTests}' and {@code RunPagesTests}'. Security filters are off: the
 * slice loads Boot's default chain, not the application's.
 */
@WebMvcTest(controllers = RunApi.class,
		excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "org\\.tokenyield\\.analytics\\..*"))
@AutoConfigureMockMvc(addFilters = false)
@Import({ Csv.class, WebSlice.class })
class RunApiWebTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	RunService runs;

	@MockitoBean
	CurrentAccount current;

	@AfterEach
	void nothingReachedTheService() {
		verifyNoInteractions(this.runs, this.current);
	}

	private MvcTestResult plan(String body) {
		return this.mvc.post()
			.uri("/api/v1/plans?dry_run=true")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private void assertFieldError(MvcTestResult result, String field) {
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.contains(field);
	}

	@Test
	void aPlanNeedsAtLeastOneModel() {
		assertFieldError(plan("{\"models\":[],\"prompts\":\"approved\"}"), "models");
		assertFieldError(plan("{\"prompts\":\"approved\"}"), "models");
	}

	@Test
	void samplesAreBetweenOneAndSixtyFour() {
		assertFieldError(plan("{\"models\":[\"a/b\"],\"samples\":0}"), "samples");
		assertFieldError(plan("{\"models\":[\"a/b\"],\"samples\":65}"), "samples");
	}

	@Test
	void promptsAreApprovedOrAListOfIds() {
		assertFieldError(plan("{\"models\":[\"a/b\"],\"prompts\":\"all\"}"), "prompts");
		assertFieldError(plan("{\"models\":[\"a/b\"],\"prompts\":[1, \"two\"]}"), "prompts");
		assertFieldError(plan("{\"models\":[\"a/b\"],\"prompts\":{\"id\":1}}"), "prompts");
	}

	@Test
	void aBodyThatIsNotJsonIsABadRequestWithAProblem() {
		assertThat(plan("{\"models\":")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void listParametersAreChecked() {
		assertThat(this.mvc.get().uri("/api/v1/runs?size=0")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mvc.get().uri("/api/v1/runs?size=1001")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.get().uri("/api/v1/runs?status=LOST")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
