package org.tokenyield.runs.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.runs.ProviderStatusService;
import org.tokenyield.runs.RunSchedules;
import org.tokenyield.runs.RunService;
import org.tokenyield.system.InvalidInputException;
import org.tokenyield.support.WebSlice;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

/**
 * The run plans page's forms in a web slice: a validated form record and its
 * BindingResult, so bad input comes back as messages on the page, never a 500, and never
 * reaches the services. The slice has no database: the services are Mockito mocks that
 * answer the page's reads with nothing and are checked for what the forms passed them
 * (the real ones: RunsModuleTests, RunPagesTests). Security filters are off (role checks:
 * RunsModuleTests).
 */
@WebMvcTest(controllers = RunPages.class,
		excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "org\\.tokenyield\\.analytics\\..*"))
@AutoConfigureMockMvc(addFilters = false)
@Import(WebSlice.class)
class RunPagesWebTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	RunService runs;

	@MockitoBean
	RunSchedules schedules;

	@MockitoBean
	ProviderStatusService providers;

	@MockitoBean
	CatalogService catalog;

	@MockitoBean
	CurrentAccount current;

	@BeforeEach
	void anEmptyQueue() {
		given(this.runs.totals()).willReturn(new RunService.QueueTotals(0, 0, 0, 0));
	}

	private String preview(Map<String, String> params) throws Exception {
		var request = this.mvc.post().uri("/admin/runs/preview");
		params.forEach((k, v) -> request.param(k, v));
		var result = request.exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString();
	}

	@Test
	void aPlanWithoutModelsOrWithUnreadablePromptsOrSamplesIsRefusedOnThePage() throws Exception {
		assertThat(preview(Map.of("prompts", "approved"))).contains("models choose at least one model version");
		assertThat(preview(Map.of("models", "a/b", "prompts", "12, twelve")))
			.contains("prompts must be &quot;approved&quot; or prompt ids separated by commas");
		assertThat(preview(Map.of("models", "a/b", "prompts", "1234567890123456789")))
			.as("an id beyond a long is refused, not a 500")
			.contains("prompt ids separated by commas");
		assertThat(preview(Map.of("models", "a/b", "prompts", "#"))).contains("prompt ids separated by commas");
		assertThat(preview(Map.of("models", "a/b", "samples", "65"))).contains("samples must be between 1 and 64");
		assertThat(preview(Map.of("models", "a/b", "samples", "many"))).contains("samples");
		then(this.runs).should(never()).estimate(any());
	}

	@Test
	void aValidFormIsEstimatedWithItsPromptIds() throws Exception {
		given(this.runs.estimate(any()))
			.willReturn(new RunService.PlanEstimate(3, 3, new BigDecimal("0.001"), new BigDecimal("0.002"), List.of()));
		assertThat(preview(Map.of("models", "a/b", "prompts", " 12, 14 #15 ", "settings", "default, effort:high")))
			.contains("id=\"estimate\"")
			.doesNotContain("id=\"plan-errors\"");
		ArgumentCaptor<RunService.PlanRequest> request = ArgumentCaptor.forClass(RunService.PlanRequest.class);
		then(this.runs).should().estimate(request.capture());
		assertThat(request.getValue()).isEqualTo(new RunService.PlanRequest(List.of("a/b"), List.of(12L, 14L, 15L),
				false, List.of("default", "effort:high"), null));
	}

	@Test
	void theServicesRefusalIsShownByField() throws Exception {
		given(this.runs.estimate(any()))
			.willThrow(new InvalidInputException("models[0]", "'a/b' is not a known model version"));
		assertThat(preview(Map.of("models", "a/b", "prompts", "approved")))
			.contains("models[0] &#39;a/b&#39; is not a known model version")
			.doesNotContain("id=\"estimate\"");
	}

	@Test
	void aScheduleOutOfRangeComesBackOverTheRedirectUnsaved() {
		assertThat(this.mvc.post().uri("/admin/runs/schedules").param("model", "a/b").param("intervalDays", "0"))
			.hasStatus3xxRedirection()
			.hasRedirectedUrl("/admin/runs")
			.flash()
			.containsEntry("error", "intervalDays must be between 1 and 366");
		then(this.schedules).shouldHaveNoInteractions();
	}

}
