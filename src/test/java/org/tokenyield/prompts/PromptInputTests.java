package org.tokenyield.prompts;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a clear problem+json and loses nothing already stored. */
@IntegrationTest
class PromptInputTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http member;

	@BeforeEach
	void setUp() {
		this.member = Accounts.member(new Http(this.port), Accounts.uniqueName("input"));
	}

	private Http.Response submit(Object title, Object text, Object category, Object grader) {
		Map<String, Object> body = new java.util.HashMap<>();
		body.put("title", title);
		body.put("text", text);
		body.put("category", category);
		body.put("grader", grader);
		return this.member.post("/api/v1/prompts", Http.toJson(body));
	}

	private static Map<String, Object> exact(String expected) {
		return Map.of("type", "exact", "expected", expected);
	}

	private static String fieldErrors(Http.Response response) {
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode errors = response.json().get("errors");
		assertThat(errors).as(response.toString()).isNotNull();
		StringBuilder fields = new StringBuilder();
		errors.forEach(e -> fields.append(e.get("field").asString()).append(' '));
		return fields.toString();
	}

	@Test
	void oversizedTextIsRefusedWithItsLimit() {
		var response = submit("Long", "x".repeat(20_001), "math", exact("1"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(fieldErrors(response)).contains("text");
		assertThat(response.body()).contains("20000");
	}

	@Test
	void aBodyOverTheLimitIsRefusedBeforeItIsRead() {
		var response = submit("Huge", "y".repeat(1_100_000), "math", exact("1"));
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void missingFieldsAreEachNamed() {
		var response = submit(null, "", null, null);
		assertThat(response.status()).isEqualTo(400);
		assertThat(fieldErrors(response)).contains("title", "text", "category", "grader");
	}

	@Test
	void wrongTypesAreRefusedNotCrashed() {
		var graderAsText = submit("Types", "What is 2+2? " + System.nanoTime(), "math", "exact:4");
		assertThat(graderAsText.status()).isEqualTo(400);
		assertThat(graderAsText.contentType()).startsWith("application/problem+json");

		var badTolerance = submit("Types", "What is 2+3? " + System.nanoTime(), "math",
				Map.of("type", "numeric", "expected", "5", "tolerance", "abc"));
		assertThat(badTolerance.status()).isEqualTo(400);
		assertThat(fieldErrors(badTolerance)).contains("grader.tolerance");

		var badRegex = submit("Types", "Name a colour. " + System.nanoTime(), "prose",
				Map.of("type", "regex", "pattern", "(unclosed"));
		assertThat(badRegex.status()).isEqualTo(400);
		assertThat(fieldErrors(badRegex)).contains("grader.pattern");

		var unknownCategory = submit("Types", "What is 2+4? " + System.nanoTime(), "astrology", exact("6"));
		assertThat(unknownCategory.status()).isEqualTo(400);
		assertThat(fieldErrors(unknownCategory)).contains("category");

		var malformed = this.member.post("/api/v1/prompts", "{\"title\": ");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.contentType()).startsWith("application/problem+json");
	}

	@Test
	void aDuplicateByNormalizedTextIsAConflictAndTheOriginalStays() {
		String text = "Which planet is largest? " + System.nanoTime();
		var first = submit("Planets", text, "factual", exact("Jupiter"));
		assertThat(first.status()).isEqualTo(201);
		long id = first.json().get("id").asLong();
		// case, spacing and full-width forms are folded before comparing
		var again = submit("Planets again", "  " + text.toUpperCase().replace(" ", "   ") + " ", "factual",
				exact("Jupiter"));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("detail").asString()).contains("#" + id);
		assertThat(this.jdbc.sql("select title from prompts where id = ?").param(id).query(String.class).single())
			.isEqualTo("Planets");
	}

	@Test
	void aMemberSubmittingTooFastIsToldWhenToComeBack() {
		for (int i = 0; i < 30; i++) {
			assertThat(
					submit("Burst " + i, "Burst question " + i + " " + System.nanoTime(), "math", exact("1")).status())
				.isEqualTo(201);
		}
		var refused = submit("Burst 31", "Burst question 31 " + System.nanoTime(), "math", exact("1"));
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().get("detail").asString()).contains("30 submissions an hour");
	}

	@Test
	void userTextIsEscapedOnPages() {
		String text = "<script>alert('x')</script> What is 1+1? " + System.nanoTime();
		long id = submit("<b>bold</b>", text, "math", exact("2")).json().get("id").asLong();
		var page = this.member.get("/prompts/" + id, "text/html");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).doesNotContain("<script>alert")
			.contains("&lt;script&gt;alert")
			.doesNotContain("<b>bold</b>");
	}

}
