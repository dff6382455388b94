package org.tokenyield.security;

import java.util.LinkedHashMap;
import java.util.Map;

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
 * What a member learns of prompts that are not hers: the preview's duplicate check
 * answers only within the preview limit, and someone else's pending prompt looks like a
 * missing one.
 */
@IntegrationTest
class PromptOracleTests {

	/** {@code app.limits.previews-per-hour}'s default. */
	private static final int PREVIEWS_PER_HOUR = 60;

	/** The test configuration's {@code app.limits.previews-per-client-hour}. */
	private static final int PREVIEWS_PER_CLIENT_HOUR = 5000;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http anonymous;

	@BeforeEach
	void setUp() {
		this.anonymous = new Http(this.port);
	}

	private BrowserSession signedIn(String name) {
		Accounts.member(this.anonymous, name);
		BrowserSession browser = new BrowserSession(this.port);
		assertThat(browser.signIn(name, "correct-horse-1").location()).doesNotContain("error");
		browser.get("/submit");
		return browser;
	}

	private static Map<String, String> draft(String text, String action) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("title", "Draft");
		form.put("text", text);
		form.put("category", "factual");
		form.put("graderType", "exact");
		form.put("expected", "x");
		form.put("action", action);
		return form;
	}

	private long submit(Http author, String text) {
		var submitted = author.post("/api/v1/prompts", Http.toJson(Map.of("title", "t", "text", text, "category",
				"factual", "grader", Map.of("type", "exact", "expected", "x"))));
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
		return submitted.json().get("id").asLong();
	}

	@Test
	void previewsAreLimitedPerMemberAndTheDuplicateCheckAnswersOnlyWithin() {
		Http alice = Accounts.member(this.anonymous, Accounts.uniqueName("alice"));
		String secret = "A secret draft " + System.nanoTime();
		submit(alice, secret);
		BrowserSession bob = signedIn(Accounts.uniqueName("bob"));
		assertThat(bob.post("/submit", draft(secret, "preview")).body())
			.contains("The same prompt text already exists");
		for (int i = 1; i < PREVIEWS_PER_HOUR; i++) {
			BrowserSession.Page page = bob.post("/submit", draft("Guess " + i + " " + System.nanoTime(), "preview"));
			assertThat(page.body()).as("preview " + i).contains("id=\"preview\"");
		}
		BrowserSession.Page refused = bob.post("/submit", draft(secret, "preview"));
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("At most " + PREVIEWS_PER_HOUR + " previews in 1 hour")
			.doesNotContain("already exists")
			.doesNotContain("id=\"preview\"");
	}

	@Test
	void previewsAreLimitedPerClient() {
		BrowserSession carol = signedIn(Accounts.uniqueName("carol"));
		assertThat(carol.post("/submit", draft("First " + System.nanoTime(), "preview")).body())
			.contains("id=\"preview\"");
		String client = this.jdbc
			.sql("select client from client_actions where action = 'PREVIEW' order by id desc limit 1")
			.query(String.class)
			.single();
		long used = this.jdbc.sql(
				"select count(*) from client_actions where action = 'PREVIEW' and client = ? and at > now() - interval '1 hour'")
			.param(client)
			.query(Long.class)
			.single();
		this.jdbc.sql(
				"insert into client_actions (action, client, at) select 'PREVIEW', ?, now() - interval '1 minute' from generate_series(1, ?)")
			.params(client, PREVIEWS_PER_CLIENT_HOUR - used)
			.update();
		try {
			BrowserSession dave = signedIn(Accounts.uniqueName("dave"));
			BrowserSession.Page refused = dave.post("/submit", draft("Second " + System.nanoTime(), "preview"));
			assertThat(refused.body()).contains("previews per client").doesNotContain("id=\"preview\"");
		}
		finally {
			this.jdbc.sql(
					"delete from client_actions where action = 'PREVIEW' and client = ? and at < now() - interval '30 seconds'")
				.param(client)
				.update();
		}
	}

	/** A page without its id and CSRF token, which differ from one answer to the next. */
	private static String withoutIds(String page, long id) {
		return page.replaceAll("value=\"[^\"]*\"", "").replaceAll("\\b" + id + "\\b", "ID");
	}

	@Test
	void editingSomeoneElsesPendingPromptAnswersAsAMissingOneDoes() {
		Http alice = Accounts.member(this.anonymous, Accounts.uniqueName("alice"));
		long pending = submit(alice, "Alice's pending draft " + System.nanoTime());
		long missing = this.jdbc.sql("select coalesce(max(id), 0) + 1000 from prompts").query(Long.class).single();
		String name = Accounts.uniqueName("mallory");
		BrowserSession mallory = signedIn(name);
		BrowserSession.Page someoneElses = mallory.post("/prompts/" + pending + "/edit",
				draft("Changed " + System.nanoTime(), "submit"));
		BrowserSession.Page absent = mallory.post("/prompts/" + missing + "/edit",
				draft("Changed " + System.nanoTime(), "submit"));
		assertThat(absent.status()).isEqualTo(404);
		assertThat(someoneElses.status()).isEqualTo(absent.status());
		assertThat(withoutIds(someoneElses.body(), pending)).isEqualTo(withoutIds(absent.body(), missing));
		assertThat(mallory.get("/prompts/" + pending + "/edit").status())
			.isEqualTo(mallory.get("/prompts/" + missing + "/edit").status());

		Http malloryApi = Accounts.tokenFor(this.anonymous, name, "correct-horse-1");
		String edit = Http.toJson(Map.of("category", "math"));
		assertThat(malloryApi.post("/api/v1/prompts/" + pending + "/edit", edit).status())
			.isEqualTo(malloryApi.post("/api/v1/prompts/" + missing + "/edit", edit).status());
		assertThat(malloryApi.get("/api/v1/prompts/" + pending).status()).isEqualTo(404);
		assertThat(this.jdbc.sql("select text from prompts where id = ?").param(pending).query(String.class).single())
			.startsWith("Alice's pending draft");
	}

}
