package org.tokenyield.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
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
import static org.awaitility.Awaitility.await;

/**
 * A grading rule whose counted repetitions multiply, sent by a member through the API and
 * the form's preview, and one stored before its cost was checked: each is refused on
 * {@code grader.pattern} from its syntax, and the site keeps answering.
 */
@IntegrationTest
class HostileRuleTests {

	/** RE2 expands it to a billion instructions while compiling. */
	static final String NESTED_COUNTS = "((a{1000}){1000}){1000}";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http anonymous;

	@BeforeEach
	void setUp() {
		this.anonymous = new Http(this.port);
	}

	private static String draft(String text, Map<String, Object> grader) {
		return Http.toJson(Map.of("title", "t", "text", text, "category", "math", "grader", grader));
	}

	@Test
	void theApiRefusesNestedCountsOnThePatternAndTheSiteKeepsAnswering() {
		Http member = Accounts.member(this.anonymous, Accounts.uniqueName("nested"));
		var refused = member.post("/api/v1/prompts",
				draft("x1 " + System.nanoTime(), Map.of("type", "regex", "pattern", NESTED_COUNTS)));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().get("errors").toString()).contains("grader.pattern").contains("too complex");
		assertThat(this.anonymous.get("/", "text/html").status()).isEqualTo(200);
	}

	@Test
	void theFormsPreviewRefusesNestedCountsBesideThePattern() {
		String name = Accounts.uniqueName("previewer");
		Accounts.member(this.anonymous, name);
		BrowserSession browser = new BrowserSession(this.port);
		assertThat(browser.signIn(name, "correct-horse-1").location()).doesNotContain("error");
		browser.get("/submit");
		Map<String, String> form = new LinkedHashMap<>();
		form.put("title", "Nested");
		form.put("text", "x1 " + System.nanoTime());
		form.put("category", "math");
		form.put("graderType", "regex");
		form.put("pattern", NESTED_COUNTS);
		form.put("action", "preview");
		BrowserSession.Page page = browser.post("/submit", form);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("The prompt was not saved")
			.contains("is too complex")
			.doesNotContain("id=\"preview\"");
		assertThat(this.anonymous.get("/", "text/html").status()).isEqualTo(200);
	}

	/**
	 * A pattern stored before its cost was checked (written past validation here) fails
	 * its runs with the rule's error; no worker compiles it.
	 */
	@Test
	void aStoredRuleThatNowCostsTooMuchFailsItsRunsWithTheRulesError() {
		Http member = Accounts.member(this.anonymous, Accounts.uniqueName("stored"));
		Http maintainer = Accounts.maintainer(this.anonymous, Accounts.uniqueName("stored-mod"));
		var submitted = member.post("/api/v1/prompts",
				draft("What is 6 * 7? " + System.nanoTime(), Map.of("type", "regex", "pattern", "4\\d")));
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
		long id = submitted.json().get("id").asLong();
		this.jdbc.sql("update prompts set grader = cast(? as jsonb) where id = ?")
			.params(Http.toJson(Map.of("type", "regex", "pattern", NESTED_COUNTS)), id)
			.update();
		assertThat(maintainer.post("/api/v1/prompts/" + id + "/approve", "").status()).isEqualTo(200);
		String offline = """
				select r.status, r.error from runs r join model_versions m on m.id = r.model_id
				 where r.prompt_id = ? and m.provider in ('simulator', 'tokenizer')""";
		List<Map<String, Object>> runs = await().atMost(Duration.ofSeconds(90))
			.until(() -> this.jdbc.sql(offline).param(id).query().listOfRows(),
					rows -> !rows.isEmpty() && rows.stream().allMatch(r -> "FAILED".equals(r.get("status"))));
		assertThat(runs).allSatisfy(run -> assertThat((String) run.get("error")).contains("grader.pattern"));
		assertThat(this.anonymous.get("/", "text/html").status()).isEqualTo(200);
	}

	/**
	 * A maintainer corrects the category of a prompt whose stored pattern now costs too
	 * much: the rule is not touched, so it is not read again, and the edit succeeds.
	 */
	@Test
	void aStoredRuleThatNowCostsTooMuchDoesNotStopItsCategoryBeingCorrected() {
		Http member = Accounts.member(this.anonymous, Accounts.uniqueName("recat"));
		Http maintainer = Accounts.maintainer(this.anonymous, Accounts.uniqueName("recat-mod"));
		var submitted = member.post("/api/v1/prompts",
				draft("What is 5 * 9? " + System.nanoTime(), Map.of("type", "regex", "pattern", "45")));
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
		long id = submitted.json().get("id").asLong();
		this.jdbc.sql("update prompts set grader = cast(? as jsonb) where id = ?")
			.params(Http.toJson(Map.of("type", "regex", "pattern", NESTED_COUNTS)), id)
			.update();
		var edited = maintainer.post("/api/v1/prompts/" + id + "/edit", Http.toJson(Map.of("category", "reasoning")));
		assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
		assertThat(this.jdbc.sql("select category from prompts where id = ?").param(id).query(String.class).single())
			.isEqualTo("reasoning");
	}

}
