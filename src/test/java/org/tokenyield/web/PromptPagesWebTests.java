package org.tokenyield.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenyield.accounts.AccountView;
import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.accounts.Role;
import org.tokenyield.prompts.PromptReports;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.prompts.PromptStatus;
import org.tokenyield.prompts.PromptView;
import org.tokenyield.runs.RunService;
import org.tokenyield.system.ConflictException;
import org.tokenyield.support.WebSlice;
import org.tokenyield.system.TooManyRequestsException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The submit form and the report button as a web slice: constraints found while binding
 * and the service's refusals both come back as messages beside their fields (or as the
 * flash message of a report), nothing is submitted when binding failed.
 */
@WebMvcTest(controllers = PromptPages.class)
@Import({ WebSlice.class, PageFormats.class })
@WithMockUser(roles = "MEMBER")
class PromptPagesWebTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	PromptService prompts;

	@MockitoBean
	PromptReports reports;

	@MockitoBean
	RunService runs;

	@MockitoBean
	CurrentAccount current;

	private final AccountView member = new AccountView(7, "ada", "ada@example.org", Role.MEMBER, true, Instant.EPOCH);

	@BeforeEach
	void signedIn() {
		given(this.current.get()).willReturn(Optional.of(this.member));
		given(this.current.require()).willReturn(this.member);
		given(this.prompts.categories()).willReturn(List.of("math", "factual"));
		given(this.prompts.viewFor(anyLong(), any())).willReturn(
				new PromptView(5, null, "Sum", "What is 2+2?", "math", null, Map.of("type", "exact", "expected", "4"),
						PromptStatus.APPROVED, null, 8L, "bo", "community", null, Instant.EPOCH, Instant.EPOCH));
	}

	private org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder submit(String title,
			String text) {
		return this.mvc.post()
			.uri("/submit")
			.with(csrf())
			.param("title", title)
			.param("text", text)
			.param("category", "math")
			.param("graderType", "exact")
			.param("expected", "4");
	}

	@Test
	void bindingErrorsStandBesideTheirFieldsAndNothingIsSubmitted() {
		var result = submit("", "x".repeat(20_001)).exchange();
		assertThat(result).hasStatusOk().hasViewName("submit");
		assertThat(result).model()
			.extractingByKey("errors")
			.isEqualTo(Map.of("title", "must not be blank", "text", "must be at most 20000 characters"));
		assertThat(result).bodyText().contains("The prompt was not saved");
		verify(this.prompts, never()).submit(any(), any());
	}

	@Test
	void aTooLongTitleIsToldInTheProductsWordsBesideTheTitle() {
		var result = submit("x".repeat(201), "What is 2+2?").exchange();
		assertThat(result).model()
			.extractingByKey("errors")
			.isEqualTo(Map.of("title", "must be at most 200 characters"));
		assertThat(result).bodyText().contains("must be at most 200 characters").doesNotContain("size must be between");
		verify(this.prompts, never()).submit(any(), any());
	}

	@Test
	void aDuplicateIsAMessageOnTheText() {
		given(this.prompts.submit(any(), any()))
			.willThrow(new ConflictException("text", "The same prompt text already exists (prompt #3)"));
		var result = submit("Sum", "What is 2+2?").exchange();
		assertThat(result).hasStatusOk().hasViewName("submit");
		assertThat(result).model()
			.extractingByKey("errors")
			.isEqualTo(Map.of("text", "The same prompt text already exists (prompt #3)"));
	}

	@Test
	void theSubmissionLimitIsAMessageOnTheTitle() {
		given(this.prompts.submit(any(), any())).willThrow(new TooManyRequestsException(
				"At most 30 submissions an hour; try again later.", Duration.ofMinutes(10)));
		var result = submit("Sum", "What is 2+2?").exchange();
		assertThat(result).model()
			.extractingByKey("errors")
			.isEqualTo(Map.of("title", "At most 30 submissions an hour; try again later."));
	}

	@Test
	void aPreviewChecksWithoutSubmitting() {
		var result = submit("Sum", "What is 2+2?").param("action", "preview").exchange();
		assertThat(result).hasStatusOk().hasViewName("submit");
		assertThat(result).model().extractingByKey("preview").isNotNull();
		verify(this.prompts).check(any(), any());
		verify(this.prompts, never()).submit(any(), any());
	}

	@Test
	void aReportWithoutAReasonIsRefusedBeforeTheService() {
		var result = this.mvc.post().uri("/prompts/5/report").with(csrf()).param("reason", " ").exchange();
		assertThat(result).hasStatus3xxRedirection().hasRedirectedUrl("/prompts/5");
		assertThat(result).flash().containsEntry("error", "A report needs a reason (at most 1000 characters).");
		verify(this.reports, never()).report(anyLong(), anyString(), any());
	}

	@Test
	void aSecondReportShowsTheServicesReason() {
		willThrow(new ConflictException("reason",
				"You already reported this prompt; a maintainer will look at your report."))
			.given(this.reports)
			.report(anyLong(), anyString(), any());
		var result = this.mvc.post().uri("/prompts/5/report").with(csrf()).param("reason", "Ambiguous").exchange();
		assertThat(result).flash()
			.containsEntry("error", "You already reported this prompt; a maintainer will look at your report.");
	}

}
