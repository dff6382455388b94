package org.tokenyield.accounts.web;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.tokenyield.accounts.AccountService;
import org.tokenyield.accounts.AccountView;
import org.tokenyield.accounts.ApiTokenService;
import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.accounts.Role;
import org.tokenyield.support.WebSlice;

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
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The sign-up and account pages in a web slice: what the forms refuse before any service
 * is shown beside its field in the product's words (ValidationMessages.properties), never
 * Bean Validation's defaults. The services are tested on the database in
 * {@code AccountsModuleTests}.
 */
@WebMvcTest(controllers = AccountPages.class)
@Import(WebSlice.class)
@WithMockUser(roles = "MEMBER")
class AccountPagesWebTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	AccountService accounts;

	@MockitoBean
	ApiTokenService tokens;

	@MockitoBean
	CurrentAccount current;

	@BeforeEach
	void signedIn() {
		given(this.current.require())
			.willReturn(new AccountView(7, "ada", "ada@example.org", Role.MEMBER, true, Instant.EPOCH));
	}

	@Test
	void aSignUpOutOfBoundsIsToldFieldByFieldAndReachesNoService() {
		var result = this.mvc.post()
			.uri("/signup")
			.with(csrf())
			.param("username", "ab")
			.param("email", "a".repeat(250) + "@example.org")
			.param("password", "short")
			.exchange();
		assertThat(result).hasStatusOk().hasViewName("signup");
		assertThat(result).bodyText()
			.contains("must be 3 to 40 characters", "must be at most 254 characters", "must be 10 to 128 characters")
			.doesNotContain("size must be between");
		verify(this.accounts, never()).signUp(any());
	}

	@Test
	void aTooLongTokenNameIsToldBesideTheNameAndNoTokenIsIssued() {
		var result = this.mvc.post().uri("/account/tokens").with(csrf()).param("name", "t".repeat(81)).exchange();
		assertThat(result).hasStatusOk().hasViewName("account");
		assertThat(result).bodyText().contains("must be at most 80 characters").doesNotContain("size must be between");
		verify(this.tokens, never()).issue(anyLong(), anyString());
	}

}
