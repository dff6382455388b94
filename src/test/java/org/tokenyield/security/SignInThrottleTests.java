package org.tokenyield.security;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.BrowserSession;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9: password guessing is throttled per account and per client, on HTTP Basic
 * (token creation) and the sign-in form; failures are counted in PostgreSQL; a lockout is
 * audited.
 */
@IntegrationTest
class SignInThrottleTests {

	static final String PASSWORD = "correct-horse-1";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http anonymous;

	String name;

	@BeforeEach
	void setUp() {
		this.anonymous = new Http(this.port);
		this.name = Accounts.uniqueName("guessed");
		Accounts.member(this.anonymous, this.name);
	}

	@AfterEach
	void forgetFailures() {
		// the client's count is shared with every other test of this JVM (all from
		// localhost)
		this.jdbc.sql("delete from sign_in_failures where subject like 'client:%' or subject = ?")
			.param("account:" + this.name.toLowerCase())
			.update();
	}

	private Http.Response createToken(String password) {
		return this.anonymous.basic(this.name, password).post("/api/v1/tokens", Http.toJson(Map.of("name", "t")));
	}

	@Test
	void wrongPasswordsOnBasicGet429WithRetryAfterThenALock() {
		for (int i = 0; i < 5; i++) {
			assertThat(createToken("wrong-password-" + i).status()).isEqualTo(401);
		}
		assertThat(this.jdbc.sql("select failures from sign_in_failures where subject = ?")
			.param("account:" + this.name.toLowerCase())
			.query(Integer.class)
			.single()).as("counted in the database").isEqualTo(5);
		var throttled = createToken(PASSWORD);
		assertThat(throttled.status()).as("even the right password waits").isEqualTo(429);
		assertThat(throttled.contentType()).startsWith("application/problem+json");
		assertThat(throttled.json().get("detail").asString()).contains("try again in");

		// the form shares the count
		BrowserSession browser = new BrowserSession(this.port);
		var form = browser.signIn(this.name, PASSWORD);
		assertThat(form.status()).isEqualTo(429);
		assertThat(form.raw().headers().firstValue("Retry-After")).isPresent();

		// waited long enough, still guessing: the tenth failure locks the account and is
		// audited
		this.jdbc.sql(
				"update sign_in_failures set failures = 9, last_failed_at = now() - interval '5 minutes' where subject = ?")
			.param("account:" + this.name.toLowerCase())
			.update();
		assertThat(createToken("wrong-again").status()).isEqualTo(401);
		var locked = createToken(PASSWORD);
		assertThat(locked.status()).isEqualTo(429);
		assertThat(this.jdbc.sql("select count(*) from audit_log where action = 'SIGN_IN_LOCKED' and detail like ?")
			.param("account:" + this.name.toLowerCase() + " %")
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc
			.sql("select locked_until > now() + interval '10 minutes' from sign_in_failures where subject = ?")
			.param("account:" + this.name.toLowerCase())
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void aSuccessfulSignInClearsTheAccountCount() {
		for (int i = 0; i < 3; i++) {
			assertThat(createToken("wrong-password-" + i).status()).isEqualTo(401);
		}
		assertThat(createToken(PASSWORD).status()).isEqualTo(201);
		assertThat(this.jdbc.sql("select count(*) from sign_in_failures where subject = ?")
			.param("account:" + this.name.toLowerCase())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aClientThatGuessesManyAccountsIsThrottledOnEveryAccount() {
		assertThat(createToken("wrong-password").status()).isEqualTo(401);
		String client = this.jdbc.sql(
				"select subject from sign_in_failures where subject like 'client:%' order by last_failed_at desc limit 1")
			.query(String.class)
			.single();
		this.jdbc.sql("update sign_in_failures set failures = 300, last_failed_at = now() where subject = ?")
			.param(client)
			.update();
		String fresh = Accounts.uniqueName("innocent");
		assertThat(
				this.anonymous
					.post("/api/v1/accounts",
							Http.toJson(
									Map.of("username", fresh, "email", fresh + "@example.org", "password", PASSWORD)))
					.status())
			.isEqualTo(201);
		var response = this.anonymous.basic(fresh, PASSWORD).post("/api/v1/tokens", Http.toJson(Map.of("name", "t")));
		assertThat(response.status()).isEqualTo(429);
	}

}
