package org.tokenyield.accounts;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.runs.AppProcess;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.BrowserSession;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions live in PostgreSQL, so one browser can be served by any instance. Instance A
 * is this test's application, instance B a second JVM on the same database (no queue
 * worker: it only answers pages). One cookie jar: sign in on A, submit a prompt through
 * the form on B (its CSRF token checked against the session A created), read B's flash
 * message on A, approve on A. With sessions in one JVM's memory B would send the browser
 * to the sign-in page.
 */
@IntegrationTest
class SessionsAcrossInstancesTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	@Test
	void oneBrowserSessionSignsInOnOneInstanceSubmitsOnAnotherAndModeratesOnTheFirst() throws Exception {
		String url = this.environment.getProperty("spring.datasource.url");
		try (AppProcess other = AppProcess.start("sessions-b", url, List.of("app.runs.worker.enabled=false"))) {
			String name = Accounts.uniqueName("roaming");
			Accounts.maintainer(new Http(this.port), name);
			other.awaitStarted(Duration.ofSeconds(120));

			BrowserSession onA = new BrowserSession(this.port);
			BrowserSession onB = onA.at(other.port());
			assertThat(onA.signIn(name, "correct-horse-1").location()).doesNotContain("error");
			assertThat(this.jdbc.sql("select count(*) from spring_session where principal_name = ?")
				.param(name)
				.query(Long.class)
				.single()).as("the signed-in session is a row in PostgreSQL").isEqualTo(1);

			BrowserSession.Page form = onB.get("/submit");
			assertThat(form.status()).as("B knows the session A signed in: no redirect to /login").isEqualTo(200);
			String title = "Roaming prompt " + System.nanoTime();
			Map<String, String> fields = new LinkedHashMap<>();
			fields.put("title", title);
			fields.put("text", "How many legs does a spider have? " + title + "\nAnswer: <number>");
			fields.put("category", "factual");
			fields.put("graderType", "numeric");
			fields.put("expected", "8");
			fields.put("action", "submit");
			BrowserSession.Page submitted = onB.post("/submit", fields);
			assertThat(submitted.status()).as(submitted.body()).isEqualTo(302);
			assertThat(submitted.location()).endsWith("/me/prompts");
			long id = this.jdbc.sql(
					"select p.id from prompts p join accounts a on a.id = p.author_id where p.title = ? and a.username = ?")
				.params(title, name)
				.query(Long.class)
				.single();
			assertThat(onA.get("/me/prompts").body()).as("B's flash message, read from the session by A")
				.contains("Prompt #" + id + " submitted");

			assertThat(onA.get("/moderation").body()).contains(title);
			BrowserSession.Page approved = onA.post("/moderation/" + id + "/approve", Map.of());
			assertThat(approved.status()).isEqualTo(302);
			assertThat(approved.location()).endsWith("/moderation");
			assertThat(this.jdbc.sql("select status from prompts where id = ?").param(id).query(String.class).single())
				.isEqualTo("APPROVED");

			// signing out on B ends the session on A too
			assertThat(onB.get("/me/prompts").status()).isEqualTo(200);
			assertThat(onB.post("/logout", Map.of()).status()).isEqualTo(302);
			assertThat(onA.get("/me/prompts").status()).as("signed out everywhere").isEqualTo(302);
			assertThat(this.jdbc.sql("select count(*) from spring_session where principal_name = ?")
				.param(name)
				.query(Long.class)
				.single()).isZero();
		}
	}

	/** Secure behind a proxy that terminated HTTPS: TrustedProxyTests, which names it. */
	@Test
	void theSessionCookieKeepsItsFlags() {
		BrowserSession browser = new BrowserSession(this.port);
		// public pages start no session: an anonymous reader costs no session row
		assertThat(browser.get("/").raw().headers().allValues("Set-Cookie")).isEmpty();
		List<String> plain = browser.get("/login").raw().headers().allValues("Set-Cookie");
		assertThat(plain).anySatisfy(cookie -> assertThat(cookie).startsWith("SESSION=")
			.containsIgnoringCase("HttpOnly")
			.containsIgnoringCase("SameSite=Lax")
			.doesNotContainIgnoringCase("Secure"));
	}

}
