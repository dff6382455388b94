package org.tokenyield.imports.web;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenyield.accounts.AccountView;
import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.accounts.Role;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.imports.ImportService;
import org.tokenyield.support.WebSlice;
import org.tokenyield.system.InvalidInputException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The import page and API as a web slice: a missing file is refused before the service
 * reads anything, the service's refusal of a dataset is the page's message and the API's
 * problem+json.
 */
@WebMvcTest(controllers = { ImportPages.class, ImportApi.class })
@Import(WebSlice.class)
@WithMockUser(roles = "MAINTAINER")
class ImportWebTests {

	private static final String LIVE_REFUSED = "is required: letters, digits and _.- (at most 64), and not 'live' (this instance's own runs)";

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	ImportService imports;

	@MockitoBean
	CurrentAccount current;

	@MockitoBean
	SummaryVersionStamper summary;

	@BeforeEach
	void signedIn() throws Exception {
		AccountView maintainer = new AccountView(3, "mo", "mo@example.org", Role.MAINTAINER, true, Instant.EPOCH);
		given(this.current.get()).willReturn(Optional.of(maintainer));
		given(this.current.require()).willReturn(maintainer);
		given(this.imports.importFile(argThat(r -> r != null && "live".equals(r.dataset())), any(), any()))
			.willThrow(new InvalidInputException("dataset", LIVE_REFUSED));
		given(this.imports.stage(any(), any())).willReturn("staged");
		given(this.imports.importStaged(eq("staged"), argThat(r -> r != null && "live".equals(r.dataset())), any()))
			.willThrow(new InvalidInputException("dataset", LIVE_REFUSED));
	}

	@Test
	void anUploadWithoutAFileAsksForOne() {
		var result = this.mvc.post()
			.uri("/moderation/import")
			.with(csrf())
			.multipart()
			.param("dataset", "mine")
			.exchange();
		assertThat(result).hasStatusOk().hasViewName("import");
		assertThat(result).model().containsEntry("error", "Choose a file: a JSONL of runs or a harness's log.");
		verifyNoInteractions(this.imports);
	}

	@Test
	void aRefusedDatasetIsThePagesMessage() {
		var result = this.mvc.post()
			.uri("/moderation/import")
			.with(csrf())
			.multipart()
			.file(new MockMultipartFile("file", "runs.jsonl", "application/x-ndjson", "{}\n".getBytes()))
			.param("dataset", "live")
			.exchange();
		assertThat(result).hasStatusOk().hasViewName("import");
		assertThat(result).model().containsEntry("error", "dataset " + LIVE_REFUSED);
		assertThat(result).bodyText().contains("dataset is required: letters, digits");
	}

	@Test
	void theApiAnswersTheSameRefusalAsAProblem() {
		var result = this.mvc.post()
			.uri("/api/v1/imports?dataset=live")
			.with(csrf())
			.contentType(MediaType.parseMediaType("application/x-ndjson"))
			.content("{}\n")
			.exchange();
		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("dataset " + LIVE_REFUSED);
	}

}
