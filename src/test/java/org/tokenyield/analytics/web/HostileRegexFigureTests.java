package org.tokenyield.analytics.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.FigureFixture;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A hostile grading rule on the public read path: a figure never applies a grading rule,
 * so even a pattern stored before RE2 (one that backtracks forever in java.util.regex)
 * cannot stall a reader; the voting keys were stored when the runs were graded.
 */
@IntegrationTest
class HostileRegexFigureTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SummaryVersionStamper stamper;

	@Test
	void figuresAnswerWhateverPatternAPromptStores() throws Exception {
		FigureFixture w = new FigureFixture().create(this.jdbc);
		// written past validation, as a rule stored before RE2 would be: 2^40 paths per
		// position
		String hostile = "^.{3}(?=.)|" + "(?:|)".repeat(40) + "(?!)";
		this.jdbc.sql("update prompts set grader = cast(? as jsonb) where id = any(?)")
			.params(Http.toJson(Map.of("type", "regex", "pattern", hostile)), w.prompts.toArray(Long[]::new))
			.update();
		this.stamper.refreshNow(true);
		String model = URLEncoder.encode(w.a, StandardCharsets.UTF_8);
		for (String path : new String[] { "/api/v1/parallel?model=" + model, "/api/v1/variance?model=" + model,
				"/api/v1/parallel?model=" + model + "&category=code" }) {
			// the client's timeout only keeps a hang from stalling the build; the 200 is
			// the proof: applying this pattern would hang (java.util.regex) or fail (RE2)
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
					.timeout(Duration.ofSeconds(20))
					.header("Accept", "application/json")
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
		}
	}

	@Test
	void gradingStoresTheVotingKeyAndAHostileEditIsRefused() {
		Http anonymous = new Http(this.port);
		Http member = Accounts.member(anonymous, Accounts.uniqueName("regex"));
		Http maintainer = Accounts.maintainer(anonymous, Accounts.uniqueName("regex-mod"));
		var refused = member.post("/api/v1/prompts",
				Http.toJson(Map.of("title", "t", "text", "Name a prime " + System.nanoTime(), "category", "math",
						"grader", Map.of("type", "regex", "pattern", "^.{3}(?=.)|" + "(?:|)".repeat(24) + "(?!)"))));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.json().get("errors").toString()).contains("grader.pattern");

		var submitted = member.post("/api/v1/prompts",
				Http.toJson(Map.of("title", "t", "text", "What is 6 * 7? " + System.nanoTime() + "\nAnswer: <number>",
						"category", "math", "grader", Map.of("type", "numeric", "expected", "42"))));
		long id = submitted.json().get("id").asLong();
		assertThat(maintainer.post("/api/v1/prompts/" + id + "/approve", "").status()).isEqualTo(200);
		// the offline versions (other tests add providers that never answer here)
		await().atMost(Duration.ofSeconds(90))
			.until(() -> this.jdbc.sql("""
					select count(*) from runs r join model_versions m on m.id = r.model_id
					 where r.prompt_id = ? and m.provider in ('simulator', 'tokenizer') and r.status <> 'SUCCEEDED'""")
				.param(id)
				.query(Long.class)
				.single() == 0);
		assertThat(this.jdbc.sql("""
				select count(*) from runs where prompt_id = ? and extracted_answer <> '' and voting_key is null""")
			.param(id)
			.query(Long.class)
			.single()).as("every graded answer has its voting key").isZero();

		var edit = maintainer.post("/api/v1/prompts/" + id + "/edit",
				Http.toJson(Map.of("grader", Map.of("type", "regex", "pattern", "(\\d)\\1"))));
		assertThat(edit.status()).isEqualTo(400);
		var regraded = maintainer.post("/api/v1/prompts/" + id + "/edit",
				Http.toJson(Map.of("grader", Map.of("type", "regex", "pattern", "4\\d"))));
		assertThat(regraded.status()).as(regraded.toString()).isEqualTo(200);
		assertThat(this.jdbc.sql("""
				select count(*) from runs where prompt_id = ? and score = 1
				   and (voting_key is null or voting_key <> extracted_answer or voting_key !~ '^4[0-9]$')""")
			.param(id)
			.query(Long.class)
			.single()).as("regrading rewrote the keys under the new rule").isZero();
	}

}
