package org.tokenyield.prompts.web;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenyield.accounts.AccountView;
import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.accounts.Role;
import org.tokenyield.prompts.PromptModeration;
import org.tokenyield.prompts.PromptReports;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.prompts.PromptStatus;
import org.tokenyield.prompts.PromptView;
import org.tokenyield.system.AuditLog;
import org.tokenyield.system.ConflictException;
import org.tokenyield.system.InvalidInputException;
import org.tokenyield.support.WebSlice;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The prompts API and the moderation pages as a web slice: invalid bodies are answered
 * problem+json before the service is reached, the service's refusals keep their status
 * and field, a member cannot list the moderation queue, and a refused correction comes
 * back as messages on the form. The services are stand-ins here; their rules are tested
 * on the database (PromptsModuleTests, PromptInputTests, ModerationTests).
 */
@WebMvcTest(controllers = { PromptApi.class, ModerationPages.class })
@Import(WebSlice.class)
@WithMockUser(roles = "MEMBER")
class PromptWebTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	PromptService prompts;

	@MockitoBean
	PromptModeration moderation;

	@MockitoBean
	PromptReports reports;

	@MockitoBean
	CurrentAccount current;

	@MockitoBean
	AuditLog audit;

	private final AccountView member = new AccountView(7, "ada", "ada@example.org", Role.MEMBER, true, Instant.EPOCH);

	@BeforeEach
	void signedIn() {
		given(this.current.get()).willReturn(Optional.of(this.member));
		given(this.current.require()).willReturn(this.member);
	}

	@Test
	void anInvalidSubmissionIsAProblemAndReachesNoService() {
		String body = """
				{"title":" ","text":"%s","category":"math","grader":{"type":"exact","expected":"4"}}"""
			.formatted("x".repeat(20_001));
		var result = this.mvc.post()
			.uri("/api/v1/prompts")
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().containsOnly("title", "text");
		assertThat(result).bodyJson()
			.extractingPath("$.errors[?(@.field == 'text')].message")
			.asArray()
			.containsExactly("must be at most 20000 characters");
		verifyNoInteractions(this.prompts);
	}

	@Test
	void aDuplicateIsAConflictNamingTheField() {
		given(this.prompts.submit(any(), any()))
			.willThrow(new ConflictException("text", "The same prompt text already exists"));
		var result = this.mvc.post()
			.uri("/api/v1/prompts")
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"title":"Sum","text":"What is 2+2?","category":"math","grader":{"type":"exact","expected":"4"}}""")
			.exchange();
		assertThat(result).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("The same prompt text already exists");
	}

	@Test
	void aMemberCannotListTheModerationQueue() {
		var result = this.mvc.get().uri("/api/v1/prompts?status=PENDING").exchange();
		assertThat(result).hasStatus(403).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		verify(this.prompts, never()).byStatus(any());
	}

	@Test
	@WithMockUser(roles = "MAINTAINER")
	void aRefusedCorrectionComesBackAsFieldMessages() {
		given(this.prompts.viewFor(anyLong(), any())).willReturn(
				new PromptView(5, null, "Sum", "What is 2+2?", "math", null, Map.of("type", "exact", "expected", "4"),
						PromptStatus.PENDING, null, 7L, "ada", "community", null, Instant.EPOCH, null));
		given(this.moderation.moderate(anyLong(), any(), any(), any(), any())).willThrow(new InvalidInputException(
				"The grading rule is invalid", Map.of("grader.tolerance", "must be a number")));
		var result = this.mvc.post()
			.uri("/moderation/5/edit")
			.with(csrf())
			.param("category", "math")
			.param("graderType", "numeric")
			.param("expected", "4")
			.param("tolerance", "a lot")
			.exchange();
		assertThat(result).hasStatusOk().hasViewName("moderation-edit");
		assertThat(result).model().extractingByKey("errors").isEqualTo(Map.of("grader.tolerance", "must be a number"));
		assertThat(result).bodyText().contains("The changes were not saved").contains("must be a number");
	}

}
