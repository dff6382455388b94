package org.tokenyield.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.tokenyield.accounts.ApiTokenService.IssuedToken;
import org.tokenyield.support.SomeModulesOnly;
import org.tokenyield.system.AuditLog;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The accounts module with only what it depends on (system: the audit log and the
 * per-client limits) on the shared embedded PostgreSQL: accounts, the sign-in throttle
 * and API tokens through the module's services, checked against the rows they leave, and
 * a token through the module's own security chain.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@SomeModulesOnly
@AutoConfigureMockMvc
class AccountsModuleTests {

	private static final String PASSWORD = "correct-horse-1";

	@Autowired
	AccountService accounts;

	@Autowired
	ApiTokenService tokens;

	@Autowired
	SignInThrottle throttle;

	@Autowired
	AccountSessionRepository sessions;

	@Autowired
	AuditLog audit;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private AccountView member() {
		String name = unique("am");
		return this.accounts.signUp(new SignUp(name, name + "@example.org", PASSWORD));
	}

	private AccountView admin() {
		return this.accounts.find("admin").orElseThrow();
	}

	private List<String> auditedActionsOf(String username) {
		return this.audit.page(new AuditLog.Filter(null, username, null, null, 50))
			.entries()
			.stream()
			.map(AuditLog.Entry::action)
			.toList();
	}

	@Test
	void aSignUpStoresAMemberWithAHashedPasswordAndRefusesItsNameOrEmailTwice() {
		String name = unique("Signer");
		AccountView created = this.accounts.signUp(new SignUp(name, " " + name + "@example.org ", PASSWORD));

		assertThat(created.role()).isEqualTo(Role.MEMBER);
		assertThat(created.enabled()).isTrue();
		assertThat(this.accounts.find(name.toLowerCase())).hasValueSatisfying(a -> {
			assertThat(a.id()).isEqualTo(created.id());
			assertThat(a.email()).as("trimmed").isEqualTo(name + "@example.org");
		});
		String hash = this.jdbc.sql("select password_hash from accounts where id = ?")
			.param(created.id())
			.query(String.class)
			.single();
		assertThat(hash).doesNotContain(PASSWORD).startsWith("{bcrypt}");
		assertThat(this.passwordEncoder.matches(PASSWORD, hash)).isTrue();

		assertThatThrownBy(
				() -> this.accounts.signUp(new SignUp(name.toUpperCase(), unique("other") + "@example.org", PASSWORD)))
			.isInstanceOf(AccountConflictException.class);
		assertThatThrownBy(() -> this.accounts.signUp(new SignUp(unique("other"), name + "@EXAMPLE.org", PASSWORD)))
			.isInstanceOf(AccountConflictException.class);
		assertThat(this.jdbc.sql("select count(*) from accounts where lower(email) = lower(?)")
			.param(name + "@example.org")
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.accounts.usernames(List.of(created.id(), -1L))).isEqualTo(Map.of(created.id(), name));
	}

	@Test
	void anAddressIsLockedOutOfAnAccountAfterTenFailuresWithinTheWindowAndNoOtherAddressIs() {
		AccountView member = member();
		String address = unique("203.0.113");
		for (int i = 1; i <= 4; i++) {
			fail(member.username(), address);
		}
		assertThat(waitFor(member.username(), address)).as("four failures are free").isZero();

		fail(member.username(), address);
		assertThat(waitFor(member.username(), address)).as("the fifth: each try waits, first 10 s")
			.isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10));

		for (int i = 6; i <= 9; i++) {
			waitedLongEnough(member.username());
			fail(member.username(), address);
		}
		assertThat(lockedUntil(SignInThrottle.accountClientSubject(member.username(), address)))
			.as("nine failures: slowed, not locked")
			.isNull();
		waitedLongEnough(member.username());
		fail(member.username(), address);

		Instant lockedUntil = lockedUntil(SignInThrottle.accountClientSubject(member.username(), address));
		assertThat(lockedUntil).as("locked for app.sign-in.lock-for, 15 minutes")
			.isCloseTo(Instant.now().plus(Duration.ofMinutes(15)), within(Duration.ofMinutes(1)));
		assertThat(waitFor(member.username(), address)).isGreaterThan(Duration.ofMinutes(14));
		assertThat(waitFor(member.username(), unique("198.51.100"))).as("another address is not held").isZero();
		assertThat(lockedUntil(SignInThrottle.accountSubject(member.username()))).isNull();
		assertThat(auditedActionsOf(member.username())).containsOnlyOnce("SIGN_IN_LOCKED");
	}

	@Test
	void anAccountUnderAttackHoldsOnlyTheAddressesItHasNotSignedInFrom() {
		AccountView member = member();
		String home = unique("192.0.2");
		var signIn = granted(member.username(), home);
		signIn.succeeded();
		this.throttle.end(signIn);

		// twenty addresses, five failures each: none is held, the account is locked
		for (int client = 1; client <= 20; client++) {
			String address = unique("203.0.113");
			for (int i = 0; i < 5; i++) {
				waitedLongEnough(member.username());
				fail(member.username(), address);
			}
		}
		assertThat(lockedUntil(SignInThrottle.accountSubject(member.username()))).as("app.sign-in.account.lock-after")
			.isAfter(Instant.now().plus(Duration.ofMinutes(14)));
		assertThat(auditedActionsOf(member.username())).containsOnlyOnce("SIGN_IN_UNDER_ATTACK")
			.containsOnlyOnce("SIGN_IN_LOCKED");
		assertThat(this.audit.page(new AuditLog.Filter("SIGN_IN_UNDER_ATTACK", member.username(), null, null, 5))
			.entries()).singleElement()
			.satisfies(entry -> assertThat(entry.detail()).startsWith("account:" + member.username().toLowerCase())
				.contains("from 6 client address(es)"));

		assertThat(waitFor(member.username(), unique("198.51.100"))).as("an address it never signed in from")
			.isGreaterThan(Duration.ofMinutes(14));
		assertThat(waitFor(member.username(), home)).as("the address it signed in from").isZero();
	}

	/** A password check from this address, that failed. */
	private void fail(String username, String address) {
		var attempt = granted(username, address);
		attempt.failed();
		this.throttle.end(attempt);
	}

	private SignInThrottle.Attempt granted(String username, String address) {
		var reservation = this.throttle.reserve(username, address);
		assertThat(reservation.granted()).as("must wait " + reservation.retryAfter()).isTrue();
		return reservation.attempt();
	}

	/** How long a sign-in must wait; a granted one is given back unchecked. */
	private Duration waitFor(String username, String address) {
		var reservation = this.throttle.reserve(username, address);
		if (reservation.granted()) {
			this.throttle.end(reservation.attempt());
			return Duration.ZERO;
		}
		return reservation.retryAfter();
	}

	/** Each try waits at most a minute after the last failure. */
	private void waitedLongEnough(String username) {
		this.jdbc
			.sql("update sign_in_failures set last_failed_at = last_failed_at - interval '2 minutes'"
					+ " where subject = ? or subject like ?")
			.params(SignInThrottle.accountSubject(username), "account-client:" + username.toLowerCase() + " %")
			.update();
	}

	private Instant lockedUntil(String subject) {
		return this.jdbc.sql("select locked_until from sign_in_failures where subject = ?")
			.param(subject)
			.query(java.sql.Timestamp.class)
			.optional()
			.map(java.sql.Timestamp::toInstant)
			.orElse(null);
	}

	@Test
	void anIssuedTokenIsStoredOnlyAsItsHashAndResolvesToItsEnabledAccount() throws Exception {
		AccountView member = member();
		IssuedToken issued = this.tokens.issue(member.id(), "ci");

		assertThat(issued.token()).startsWith("ty_").hasSizeGreaterThan(40);
		assertThat(issued.expiresAt()).isCloseTo(Instant.now().plus(Duration.ofDays(90)),
				within(Duration.ofMinutes(1)));
		String sha256 = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(issued.token().getBytes(StandardCharsets.UTF_8)));
		assertThat(this.jdbc.sql("select token_hash from api_tokens where account_id = ?")
			.param(member.id())
			.query(String.class)
			.list()).containsExactly(sha256);
		assertThat(this.jdbc.sql("select count(*) from api_tokens where token_hash = ? or name = ?")
			.params(issued.token(), issued.token())
			.query(Long.class)
			.single()).as("the token itself is nowhere").isZero();

		assertThat(this.tokens.list(member.id())).singleElement()
			.satisfies(info -> assertThat(info.lastUsedAt()).isNull());
		assertThat(this.tokens.usernameFor(issued.token())).contains(member.username());
		assertThat(this.tokens.list(member.id())).singleElement()
			.satisfies(info -> assertThat(info.lastUsedAt()).as("marked used").isNotNull());
		assertThat(this.tokens.usernameFor(issued.token() + "x")).isEmpty();

		this.accounts.setEnabled(member.id(), false, admin());
		assertThat(this.tokens.usernameFor(issued.token())).as("a disabled account's token").isEmpty();
		this.accounts.setEnabled(member.id(), true, admin());
		assertThat(this.tokens.usernameFor(issued.token())).contains(member.username());

		assertThat(this.tokens.revoke(admin().id(), issued.id())).as("only its owner revokes it").isFalse();
		assertThat(this.tokens.revoke(member.id(), issued.id())).isTrue();
		assertThat(this.tokens.usernameFor(issued.token())).isEmpty();
		assertThat(auditedActionsOf(member.username())).contains("TOKEN_CREATED", "TOKEN_REVOKED");
	}

	@Test
	void aTokenSignsInOnTheModulesSecurityChainUntilItsAccessIsRevoked() {
		AccountView member = member();
		IssuedToken issued = this.tokens.issue(member.id(), "cli");
		this.tokens.issue(member.id(), "other");
		int epoch = this.sessions.find(member.username()).orElseThrow().epoch();

		// signed in by the token, and refused because a token may not create tokens
		assertThat(newToken(issued.token())).hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith("A token cannot create tokens");

		assertThat(this.accounts.revokeAccess(member.id(), admin())).isEqualTo(2);

		assertThat(this.tokens.list(member.id())).isEmpty();
		assertThat(this.sessions.find(member.username()).orElseThrow().epoch()).as("open sessions end")
			.isEqualTo(epoch + 1);
		assertThat(newToken(issued.token())).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	private MockMvcTester.MockMvcRequestBuilder newToken(String bearer) {
		return this.mvc.post()
			.uri("/api/v1/tokens")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"another\"}");
	}

	@Test
	void aRoleChangeIsAuditedAndAnAdminMayBeDemotedWhileAnotherRemains() {
		AccountView member = member();
		assertThat(this.accounts.changeRole(member.id(), Role.ADMIN, admin()).role()).isEqualTo(Role.ADMIN);
		assertThat(this.accounts.changeRole(member.id(), Role.MEMBER, admin()).role()).isEqualTo(Role.MEMBER);

		assertThat(this.accounts.find(member.username()))
			.hasValueSatisfying(a -> assertThat(a.role()).isEqualTo(Role.MEMBER));
		assertThat(this.audit.page(new AuditLog.Filter("ROLE_CHANGED", "admin", null, null, 50)).entries())
			.extracting(AuditLog.Entry::detail)
			.contains("account " + member.username() + " (#" + member.id() + "): MEMBER → ADMIN",
					"account " + member.username() + " (#" + member.id() + "): ADMIN → MEMBER");
	}

}
