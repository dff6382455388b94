package org.tokenyield.vocabularies;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code GET /api/v1/tokenizer-drift} on a hand-computed world in a dataset of its own:
 * three prompts (Latin prose, Japanese, code) counted by two tokenizers X (the baseline)
 * and Y. <pre>
 *            chars   X   Y   Y/X
 * prose        30   10  10   1
 * japanese     10   20  10   1/2
 * code          8    4   8   2
 * </pre> Y against X: drift exp(mean(0, -ln 2, ln 2)) - 1 = 0 overall, -50 % on CJK, +100
 * % on code; characters per token 48 / 28 overall, 3.0 on Latin, 1.0 on CJK and on code.
 * A group of one prompt has the point itself as its interval.
 */
@IntegrationTest
class CrossFamilyDriftIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	final String dataset = "vt-" + this.tag;

	final String x = "tokenizer/vt-x-" + this.tag;

	final String y = "tokenizer/vt-y-" + this.tag;

	@BeforeEach
	void world() {
		long xId = model(this.x);
		long yId = model(this.y);
		long prose = prompt("Hello plain Latin prose text " + this.tag.substring(0, 1), "prose");
		long japanese = prompt("東京は日本の首都です", "multilingual");
		long code = prompt("print(1)", "code");
		run(xId, prose, 10);
		run(xId, japanese, 20);
		run(xId, code, 4);
		run(yId, prose, 10);
		run(yId, japanese, 10);
		run(yId, code, 8);
	}

	@Test
	void driftAndCharactersPerTokenAreHandComputed() {
		JsonNode report = new Http(this.port)
			.get("/api/v1/tokenizer-drift?baseline=" + this.x + "&dataset=" + this.dataset)
			.json();
		assertThat(report.get("baseline").asString()).isEqualTo(this.x);
		assertThat(report.get("prompts").asInt()).isEqualTo(3);
		assertThat(report.get("tokenizers")).hasSize(2);
		JsonNode base = row(report, this.x);
		assertThat(base.get("overall").get("input_drift").get("value").asDouble()).isCloseTo(0, within(1e-12));
		assertThat(base.get("overall").get("chars_per_token").get("value").asDouble()).isCloseTo(48.0 / 34,
				within(1e-12));

		JsonNode y = row(report, this.y);
		JsonNode overall = y.get("overall");
		assertThat(overall.get("prompts").asInt()).isEqualTo(3);
		assertThat(overall.get("chars").asLong()).isEqualTo(48);
		assertThat(overall.get("tokens").asLong()).isEqualTo(28);
		assertThat(overall.get("input_drift").get("value").asDouble()).isCloseTo(0, within(1e-12));
		assertThat(overall.get("input_drift").get("ci_low").asDouble()).isLessThan(0);
		assertThat(overall.get("input_drift").get("ci_high").asDouble()).isGreaterThan(0);
		assertThat(overall.get("chars_per_token").get("value").asDouble()).isCloseTo(48.0 / 28, within(1e-12));

		JsonNode scripts = y.get("by_script");
		assertThat(scripts.propertyNames()).containsExactly("latin", "cjk", "code");
		assertGroup(scripts.get("latin"), 0.0, 3.0);
		assertGroup(scripts.get("cjk"), -0.5, 1.0);
		assertGroup(scripts.get("code"), 1.0, 1.0);
		assertGroup(y.get("by_category").get("multilingual"), -0.5, 1.0);
		assertThat(y.get("by_category").propertyNames()).containsExactly("code", "multilingual", "prose");
	}

	@Test
	void anUnknownBaselineIsAProblemNamingTheParameter() {
		Http.Response response = new Http(this.port).get("/api/v1/tokenizer-drift?baseline=simulator/sim-alpha-1");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).contains("problem+json");
		assertThat(response.body()).contains("baseline");
	}

	@Test
	void theComparePageEndsWithTheCrossFamilySection() {
		Http.Response page = new Http(this.port).get("/compare");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"tokenizer-drift\"", "Tokenizers across families");
	}

	private static void assertGroup(JsonNode group, double drift, double charsPerToken) {
		assertThat(group.get("prompts").asInt()).isEqualTo(1);
		assertThat(group.get("input_drift").get("value").asDouble()).isCloseTo(drift, within(1e-12));
		assertThat(group.get("input_drift").get("ci_low").asDouble()).isCloseTo(drift, within(1e-12));
		assertThat(group.get("input_drift").get("ci_high").asDouble()).isCloseTo(drift, within(1e-12));
		assertThat(group.get("chars_per_token").get("value").asDouble()).isCloseTo(charsPerToken, within(1e-12));
	}

	private static JsonNode row(JsonNode report, String model) {
		for (JsonNode row : report.get("tokenizers")) {
			if (row.get("model").asString().equals(model)) {
				return row;
			}
		}
		throw new AssertionError("no row for " + model + " in " + report);
	}

	/** Inactive, so the run queue never schedules the fixture's versions. */
	private long model(String key) {
		return this.jdbc.sql("""
				insert into model_versions (model_key, family, provider, api_model, settings, active)
				values (?, ?, 'tokenizer', 'o200k_base', array['default'], false) returning id""")
			.params(key, "vt-" + this.tag)
			.query(Long.class)
			.single();
	}

	private long prompt(String text, String category) {
		return this.jdbc.sql("""
				insert into prompts (title, text, text_hash, category, grader, status, approved_at, source)
				values (?, ?, ?, ?, '{"type":"exact","expected":"42"}', 'APPROVED', now(), 'test') returning id""")
			.params("vt " + category, text, UUID.randomUUID().toString().replace("-", ""), category)
			.query(Long.class)
			.single();
	}

	private void run(long model, long prompt, long tokens) {
		this.jdbc.sql("""
				insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, input_tokens,
				                  finished_at)
				values (?, ?, ?, 'default', 0, 'SUCCEEDED', ?, ?, now())""")
			.params("vt-" + this.tag + "-" + model + "-" + prompt, prompt, model, this.dataset, tokens)
			.update();
	}

}
