package org.tokenyield.accounts.web;

import org.tokenyield.system.ApiRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.tokenyield.accounts.AccountService;
import org.tokenyield.accounts.AccountView;
import org.tokenyield.accounts.ApiTokenService;
import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.accounts.SignUp;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Accounts", description = "Accounts and API tokens")
@RestController
@RequestMapping("/api/v1")
class AccountApi {

	private final AccountService accounts;

	private final ApiTokenService tokens;

	private final CurrentAccount current;

	AccountApi(AccountService accounts, ApiTokenService tokens, CurrentAccount current) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.current = current;
	}

	record AccountCreated(long id, String username, String role) {
	}

	@Operation(operationId = "signUp", summary = "Create a member account")
	@PostMapping("/accounts")
	@ResponseStatus(HttpStatus.CREATED)
	AccountCreated signUp(@Valid @RequestBody SignUp signUp) {
		AccountView account = this.accounts.signUp(signUp);
		return new AccountCreated(account.id(), account.username(), account.role().name());
	}

	record RoleChange(@jakarta.validation.constraints.NotNull org.tokenyield.accounts.Role role) {
	}

	/** Admins change roles ({@code MEMBER}, {@code MAINTAINER}, {@code ADMIN}). */
	@ApiRole("ADMIN")
	@Operation(operationId = "changeRole", summary = "Change an account's role")
	@PostMapping("/accounts/{username}/role")
	AccountCreated changeRole(@org.springframework.web.bind.annotation.PathVariable String username,
			@Valid @RequestBody RoleChange body) {
		AccountView account = byName(username);
		AccountView changed = this.accounts.changeRole(account.id(), body.role(), this.current.require());
		return new AccountCreated(changed.id(), changed.username(), changed.role().name());
	}

	record Enabled(@jakarta.validation.constraints.NotNull Boolean enabled) {
	}

	record AccountState(long id, String username, String role, boolean enabled) {
	}

	/**
	 * Admins disable an account (its sessions end and its tokens stop working) or enable
	 * it again.
	 */
	@ApiRole("ADMIN")
	@Operation(operationId = "setAccountEnabled", summary = "Disable or enable an account")
	@PostMapping("/accounts/{username}/enabled")
	AccountState setEnabled(@org.springframework.web.bind.annotation.PathVariable String username,
			@Valid @RequestBody Enabled body) {
		AccountView changed = this.accounts.setEnabled(byName(username).id(), body.enabled(), this.current.require());
		return new AccountState(changed.id(), changed.username(), changed.role().name(), changed.enabled());
	}

	record Revoked(int tokensRevoked) {
	}

	/** Admins end every session of an account and revoke all its tokens. */
	@ApiRole("ADMIN")
	@Operation(operationId = "revokeAccess", summary = "End every session and token of an account")
	@PostMapping("/accounts/{username}/revoke")
	Revoked revoke(@org.springframework.web.bind.annotation.PathVariable String username) {
		return new Revoked(this.accounts.revokeAccess(byName(username).id(), this.current.require()));
	}

	private AccountView byName(String username) {
		return this.accounts.find(username)
			.orElseThrow(() -> new org.tokenyield.system.NotFoundException("No account '" + username + "'"));
	}

	record NewToken(@NotBlank @Size(max = 80, message = "{text.at-most}") String name) {
	}

	record TokenCreated(long id, String name, String token, java.time.Instant expiresAt) {
	}

	@ApiRole("MEMBER")
	@Operation(operationId = "createToken", summary = "Create an API token (HTTP Basic credentials)")
	@PostMapping("/tokens")
	@ResponseStatus(HttpStatus.CREATED)
	TokenCreated createToken(@Valid @RequestBody NewToken body) {
		var issued = this.tokens.issue(this.current.require().id(), body.name().trim());
		return new TokenCreated(issued.id(), issued.name(), issued.token(), issued.expiresAt());
	}

}
