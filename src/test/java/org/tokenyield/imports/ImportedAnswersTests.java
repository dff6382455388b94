package org.tokenyield.imports;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Answers and stop reasons travel with imported runs: majority@k votes on the imported
 * answers (normalized by the prompt's own rule, as when a run is graded) and is null,
 * never 0, when no run carries one; a stop at the output cap counts in
 * {@code truncated_rate}. Every figure here is computed by hand.
 */
@IntegrationTest
class ImportedAnswersTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SummaryVersionStamper stamper;

	Http maintainer;

	String tag;

	String dataset;

	@BeforeEach
	void setUp() {
		this.maintainer = Accounts.maintainer(new Http(this.port), Accounts.uniqueName("answers"));
		this.tag = UUID.randomUUID().toString().substring(0, 8);
		this.dataset = "answers-" + this.tag;
	}

	/**
	 * Two prompts, two samples each, scores but no answer (as every import had): pass@1 =
	 * (1/2 + 2/2) / 2 = 0.75, pass@2 = 1, and majority@k is not available: null in JSON,
	 * an empty cell in CSV.
	 */
	@Test
	void runsImportedWithoutAnswersHaveNoMajority() {
		String model = "harness/no-answers-" + this.tag;
		List<String> lines = List.of(line("q1-" + this.tag, model, 0, 1.0, null, null),
				line("q1-" + this.tag, model, 1, 0.0, null, null), line("q2-" + this.tag, model, 0, 1.0, null, null),
				line("q2-" + this.tag, model, 1, 1.0, null, null));
		assertThat(importLines(lines).get("added").asInt()).isEqualTo(4);
		this.stamper.refreshNow(true);

		JsonNode points = get("/api/v1/parallel?model=" + enc(model) + "&dataset=" + this.dataset).json().get("points");
		assertThat(points).hasSize(2);
		assertThat(points.get(0).get("pass_at_k").asDouble()).isEqualTo(0.75);
		assertThat(points.get(1).get("pass_at_k").asDouble()).isEqualTo(1.0);
		for (JsonNode point : points) {
			assertThat(point.has("majority_at_k")).isTrue();
			assertThat(point.get("majority_at_k").isNull()).as(point.toString()).isTrue();
		}
		String csv = get("/api/v1/parallel?format=csv&model=" + enc(model) + "&dataset=" + this.dataset).body();
		List<String> header = List.of(csv.lines().findFirst().orElseThrow().split(","));
		int column = header.indexOf("majority_at_k");
		assertThat(column).isNotNegative();
		csv.lines().skip(1).forEach(row -> assertThat(row.split(",", -1)[column]).as(row).isEmpty());
	}

	/**
	 * Prompt N has a numeric rule (expected 1000); prompt J is created by the import (an
	 * imported prompt is judged). Samples 0, 1, 2 answer N: "999" (wrong), "1,000" and
	 * "1000" (right); J: "Lyon" (wrong), "Answer: Paris" and "paris" (right). Normalized
	 * as graders do, "1,000" and "1000" are one answer, and so are "Answer: Paris" and
	 * "paris": k = 1 votes the wrong answer on both; k = 2 ties, the first answer (wrong)
	 * wins; k = 3 the right answer has two votes. majority@k = 0, 0, 1. With the text
	 * compared as written every k would be 0.
	 */
	@Test
	void importedAnswersVoteAsGradersNormalizeThem() {
		String numeric = "numeric-" + this.tag;
		this.jdbc.sql("""
				insert into prompts (prompt_key, title, text, text_hash, category, grader, status, approved_at, source)
				values (?, 'How many', 'How many metres in a kilometre? ' || ?, ?, 'math',
				        '{"type":"numeric","expected":"1000"}', 'APPROVED', now(), 'test')""")
			.params(numeric, this.tag, UUID.randomUUID().toString().replace("-", ""))
			.update();
		String model = "harness/answers-" + this.tag;
		List<String> lines = new ArrayList<>();
		String[] n = { "999", "1,000", "1000" };
		String[] j = { "Lyon", "Answer: Paris", "paris" };
		for (int s = 0; s < 3; s++) {
			lines.add(line(numeric, model, s, s == 0 ? 0.0 : 1.0, n[s], null));
			lines.add(line("judged-" + this.tag, model, s, s == 0 ? 0.0 : 1.0, j[s], null));
		}
		JsonNode result = importLines(lines);
		assertThat(result.get("rejected_count").asInt()).as(result.toString()).isZero();
		this.stamper.refreshNow(true);

		JsonNode points = get("/api/v1/parallel?model=" + enc(model) + "&dataset=" + this.dataset).json().get("points");
		assertThat(points).hasSize(3);
		assertThat(points.get(0).get("majority_at_k").asDouble()).isEqualTo(0.0);
		assertThat(points.get(1).get("majority_at_k").asDouble()).isEqualTo(0.0);
		assertThat(points.get(2).get("majority_at_k").asDouble()).isEqualTo(1.0);
		// the answer is kept as the run's extracted answer, the key beside it
		assertThat(this.jdbc.sql("""
				select r.extracted_answer || '=' || r.voting_key from runs r join prompts p on p.id = r.prompt_id
				 where r.dataset = ? and p.prompt_key = ? order by r.sample""")
			.params(this.dataset, numeric)
			.query(String.class)
			.list()).containsExactly("999=999", "1,000=1000", "1000=1000");
	}

	/**
	 * Six runs of one config, five with a stop reason: {@code length} and
	 * {@code MAX_TOKENS} stopped at the output cap; {@code end_turn}, {@code stop} and
	 * {@code content_filter} did not. truncated_rate = 2 / 5 (a run without a reason
	 * counts in neither part).
	 */
	@Test
	void stopReasonsAtTheCapCountAsTruncated() {
		String model = "harness/stops-" + this.tag;
		String[] reasons = { "length", "MAX_TOKENS", "end_turn", "stop", "content_filter", null };
		List<String> lines = new ArrayList<>();
		for (int p = 0; p < reasons.length; p++) {
			lines.add(line("stop-" + p + "-" + this.tag, model, 0, 1.0, null, reasons[p]));
		}
		JsonNode result = importLines(lines);
		assertThat(result.get("added").asInt()).as(result.toString()).isEqualTo(6);
		this.stamper.refreshNow(true);

		JsonNode point = get("/api/v1/scaling?model=" + enc(model) + "&dataset=" + this.dataset).json()
			.get("points")
			.get(0);
		assertThat(point.get("setting").asString()).isEqualTo("default");
		assertThat(point.get("truncated_rate").asDouble()).isCloseTo(2.0 / 5, within(1e-12));
		assertThat(this.jdbc.sql("select finish_reason from runs where dataset = ? order by prompt_id")
			.param(this.dataset)
			.query(String.class)
			.list()).containsExactly("length", "length", "stop", "stop", "refusal", null);
	}

	@Test
	void badAnswersAndStopReasonsAreRejectedWithTheirLine() {
		String model = "harness/bad-" + this.tag;
		String good = line("bad-" + this.tag, model, 0, 1.0, "42", "stop");
		List<String> lines = List.of(good, // 1
				good.replace("\"stop\"", "\"lenght\""), // 2
				good.replace("\"stop\"", "7"), // 3
				good.replace("\"42\"", "42"), // 4
				good.replace("\"42\"", "\"" + "4".repeat(2001) + "\""), // 5
				good.replace("\"42\"", "\"4\\u00002\"")); // 6
		JsonNode result = importLines(lines);
		assertThat(result.get("accepted").asInt()).isEqualTo(1);
		JsonNode rejected = result.get("rejected");
		assertThat(rejected).hasSize(5);
		assertThat(rejected.get(0).get("line").asInt()).isEqualTo(2);
		assertThat(rejected.get(0).get("error").asString()).startsWith("stop_reason: ").contains("max_tokens");
		assertThat(rejected.get(1).get("line").asInt()).isEqualTo(3);
		assertThat(rejected.get(1).get("error").asString()).isEqualTo("stop_reason: must be a string");
		assertThat(rejected.get(2).get("line").asInt()).isEqualTo(4);
		assertThat(rejected.get(2).get("error").asString()).isEqualTo("answer: must be a string");
		assertThat(rejected.get(3).get("line").asInt()).isEqualTo(5);
		assertThat(rejected.get(3).get("error").asString()).isEqualTo("answer: at most 2000 characters");
		assertThat(rejected.get(4).get("line").asInt()).isEqualTo(6);
		assertThat(rejected.get(4).get("error").asString()).startsWith("answer: must not contain control");
	}

	private String line(String promptKey, String model, int sample, double score, String answer, String stopReason) {
		StringBuilder line = new StringBuilder("""
				{"prompt_key":"%s","prompt_text":"Imported answer question %s","category":"factual","model":"%s",\
				"sample":%d,"input_tokens":50,"output_tokens":%d,"score":%s""".formatted(promptKey,
				promptKey + " " + this.tag, model, sample, 100 + 10 * sample, score));
		if (answer != null) {
			line.append(",\"answer\":").append(Http.toJson(answer));
		}
		if (stopReason != null) {
			line.append(",\"stop_reason\":\"").append(stopReason).append('"');
		}
		return line.append('}').toString();
	}

	private JsonNode importLines(List<String> lines) {
		Http.Response response = this.maintainer.post("/api/v1/imports?dataset=" + this.dataset, "application/x-ndjson",
				String.join("\n", lines));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private Http.Response get(String path) {
		return new Http(this.port).get(path);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

}
