package org.tokenyield.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.BrowserSession;
import org.tokenyield.support.Http;
import org.tokenyield.support.LoopbackClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing is throttled per account and per client, on HTTP Basic (token
 * creation) and the sign-in form; failures are counted in PostgreSQL; a lockout is
 * audited.
 */
@IntegrationTest
class SignInThrottleTests {

	static final String PASSWORD = "correct-horse-1";

	static final String TOKEN = Http.toJson(Map.of("name", "t"));

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
		// localhost), and so is the admin
		this.jdbc.sql("""
				delete from sign_in_failures where subject like 'client:%' or subject = ? or subject like ?
				    or subject = 'account:admin' or subject like 'account-client:admin %'""")
			.params("account:" + this.name.toLowerCase(), addressesOfTheAccount())
			.update();
	}

	/** The subjects of this test's account and each client address. */
	private String addressesOfTheAccount() {
		return "account-client:" + this.name.toLowerCase() + " %";
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

		// waited long enough, still guessing: the tenth failure locks the account at
		// this address and is audited
		this.jdbc.sql(
				"update sign_in_failures set failures = 9, last_failed_at = now() - interval '5 minutes' where subject like ?")
			.param(addressesOfTheAccount())
			.update();
		assertThat(createToken("wrong-again").status()).isEqualTo(401);
		var locked = createToken(PASSWORD);
		assertThat(locked.status()).isEqualTo(429);
		assertThat(this.jdbc.sql("select count(*) from audit_log where action = 'SIGN_IN_LOCKED' and detail like ?")
			.param(addressesOfTheAccount())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc
			.sql("select locked_until > now() + interval '10 minutes' from sign_in_failures where subject like ?")
			.param(addressesOfTheAccount())
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void aSuccessfulSignInClearsItsAddressCountNotWhatOtherAddressesFailed() {
		for (int i = 0; i < 3; i++) {
			assertThat(createToken("wrong-password-" + i).status()).isEqualTo(401);
		}
		assertThat(createToken(PASSWORD).status()).isEqualTo(201);
		assertThat(this.jdbc.sql("select count(*) from sign_in_failures where subject like ?")
			.param(addressesOfTheAccount())
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("select failures from sign_in_failures where subject = ?")
			.param("account:" + this.name.toLowerCase())
			.query(Integer.class)
			.single()).as("the account's count over all addresses keeps its failures, not the success").isEqualTo(3);
	}

	@Test
	void parallelGuessesGetAtMostTheFreeFailuresChecked() {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		List<CompletableFuture<HttpResponse<String>>> guesses = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String basic = Base64.getEncoder()
				.encodeToString((this.name + ":wrong-" + i).getBytes(StandardCharsets.UTF_8));
			guesses.add(client
				.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/tokens"))
					.timeout(Duration.ofSeconds(60))
					.header("Authorization", "Basic " + basic)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"t\"}"))
					.build(), HttpResponse.BodyHandlers.ofString()));
		}
		Map<Integer, Long> statuses = guesses.stream()
			.map(CompletableFuture::join)
			.collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
		assertThat(statuses.keySet()).as(statuses.toString()).containsOnly(401, 429);
		assertThat(statuses.get(401)).as("passwords checked, of 30 parallel guesses: " + statuses).isBetween(1L, 5L);
	}

	@Test
	void wrongPasswordsFromOneAddressDoNotLockTheAdminOutOfAnother() {
		LoopbackClient attacker = new LoopbackClient("127.0.0.2", this.port);
		for (int i = 1; i <= 10; i++) {
			var guess = attacker.basicPost("/api/v1/tokens", Accounts.ADMIN, "wrong-password-" + i, TOKEN);
			assertThat(guess.status()).as("guess " + i).isEqualTo(401);
			// the attacker waits out each delay: only the count of failures is left
			this.jdbc.sql("""
					update sign_in_failures set last_failed_at = last_failed_at - interval '2 minutes'
					 where subject = 'account:admin' or subject like 'account-client:admin %'""").update();
		}
		var elsewhere = this.anonymous.basic(Accounts.ADMIN, Accounts.ADMIN_PASSWORD).post("/api/v1/tokens", TOKEN);
		assertThat(elsewhere.status()).as("the admin, from another address: " + elsewhere).isEqualTo(201);
		var attackerWithThePassword = attacker.basicPost("/api/v1/tokens", Accounts.ADMIN, Accounts.ADMIN_PASSWORD,
				TOKEN);
		assertThat(attackerWithThePassword.status()).as("the guessing address stays locked").isEqualTo(429);
		assertThat(attackerWithThePassword.header("Retry-After")).isNotNull();
	}

	@Test
	void anAccountUnderAttackIsAuditedOnceAndItsKnownClientStillSignsIn() {
		// six addresses, five guesses each: none is held, the account reaches 30
		for (int client = 2; client <= 7; client++) {
			LoopbackClient guesser = new LoopbackClient("127.0.0." + client, this.port);
			for (int i = 0; i < 5; i++) {
				var guess = guesser.basicPost("/api/v1/tokens", this.name, "wrong-" + client + "-" + i, TOKEN);
				assertThat(guess.status()).as("client " + client + ", guess " + i).isEqualTo(401);
			}
		}
		assertThat(underAttackAlerts()).as("admins are told through the audit log").isEqualTo(1);

		var stranger = new LoopbackClient("127.0.0.8", this.port).basicPost("/api/v1/tokens", this.name, PASSWORD,
				TOKEN);
		assertThat(stranger.status()).as("an address that never signed in to the account waits").isEqualTo(429);
		assertThat(createToken(PASSWORD).status()).as("the address the account signed in from before").isEqualTo(201);

		// the guessing goes on: no second alert within the window
		this.jdbc
			.sql("update sign_in_failures set last_failed_at = last_failed_at - interval '2 minutes' where subject = ?")
			.param("account:" + this.name.toLowerCase())
			.update();
		var more = new LoopbackClient("127.0.0.9", this.port).basicPost("/api/v1/tokens", this.name, "wrong-again",
				TOKEN);
		assertThat(more.status()).isEqualTo(401);
		assertThat(underAttackAlerts()).isEqualTo(1);
	}

	private long underAttackAlerts() {
		return this.jdbc.sql("select count(*) from audit_log where action = 'SIGN_IN_UNDER_ATTACK' and detail like ?")
			.param("account:" + this.name.toLowerCase() + " %")
			.query(Long.class)
			.single();
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
