package org.tokenyield.analytics.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Unseen tokens (docs/methodology-notes.md "Unseen tokens") over HTTP. The runs are
 * written as the run recorder writes them (imports carry no visible answer). An OpenAI
 * version counts answers with o200k_base: "42" is 1 token, "The answer is 42." 6 (The,
 * answer, is, space, 42, full stop). <pre>
 * setting      output  reasoning  answer               unseen
 * effort:low   1000    0          The answer is 42.    1000 − 0 − 6 = 994
 * effort:low    500    0          42                    500 − 0 − 1 = 499
 * effort:high   900    800        The answer is 42.     900 − 800 − 6 = 94
 * </pre> effort:low: unseen (994 + 499) / 2 = 746.5 per run; it reports 0 reasoning and
 * bills 1500 > 2 · (6 + 1) = 14: flagged. effort:high: 94, not flagged. A version of a
 * family without a shipped tokenizer: not available (null), never 0.
 */
@IntegrationTest
class UnseenTokensIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SummaryVersionStamper stamper;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	final String dataset = "unseen-" + this.tag;

	@Test
	void billedOutputBeyondReasoningAndTheVisibleAnswer() {
		String openai = "openai/unseen-" + this.tag;
		String other = "external/gemini-unseen-" + this.tag;
		long o = model(openai, "openai", "gpt-unseen");
		long g = model(other, "external", "gemini-unseen");
		long p1 = prompt(1);
		long p2 = prompt(2);
		run(o, "effort:low", p1, 1000, 0L, "The answer is 42.");
		run(o, "effort:low", p2, 500, 0L, "42");
		run(o, "effort:high", p1, 900, 800L, "The answer is 42.");
		run(g, "effort:low", p1, 900, 0L, "42");
		this.stamper.refreshNow(true);

		JsonNode report = get("/api/v1/unseen?model=" + enc(openai) + "&dataset=" + this.dataset).json();
		assertThat(report.get("tokenizer").asString()).isEqualTo("o200k_base");
		JsonNode low = report.get("configs").get(0);
		assertThat(low.get("setting").asString()).isEqualTo("effort:low");
		assertThat(low.get("runs").asInt()).isEqualTo(2);
		assertThat(low.get("output_tokens").asDouble()).isEqualTo(750.0);
		assertThat(low.get("visible_tokens").asDouble()).isEqualTo(3.5);
		assertThat(low.get("unseen_tokens").asDouble()).isCloseTo(746.5, within(1e-9));
		assertThat(low.get("reasoning_reported_zero").asBoolean()).isTrue();
		assertThat(low.get("flagged").asBoolean()).isTrue();
		JsonNode high = report.get("configs").get(1);
		assertThat(high.get("setting").asString()).isEqualTo("effort:high");
		assertThat(high.get("unseen_tokens").asDouble()).isCloseTo(94, within(1e-9));
		assertThat(high.get("flagged").asBoolean()).isFalse();

		JsonNode none = get("/api/v1/unseen?model=" + enc(other) + "&dataset=" + this.dataset).json();
		assertThat(none.get("tokenizer").isNull()).isTrue();
		assertThat(none.get("configs").get(0).get("unseen_tokens").isNull()).isTrue();

		String page = get("/models/" + openai + "?dataset=" + this.dataset).body();
		String table = page.substring(page.indexOf("id=\"unseen-table\""),
				page.indexOf("</table>", page.indexOf("id=\"unseen-table\"")));
		assertThat(table).contains("747", "0 reasoning reported", "94.0");
		assertThat(get("/models/" + other + "?dataset=" + this.dataset).body())
			.contains("its unseen tokens are not available");
	}

	private long model(String key, String provider, String family) {
		return this.jdbc.sql("""
				insert into model_versions (model_key, family, provider, api_model, settings, samples, active)
				values (?, ?, ?, ?, '{effort:low,effort:high}', 1, false) returning id""")
			.params(key, family, provider, key.substring(key.indexOf('/') + 1))
			.query(Long.class)
			.single();
	}

	private long prompt(int i) {
		return this.jdbc.sql("""
				insert into prompts (title, text, text_hash, category, grader, status, approved_at, source)
				values (?, ?, ?, 'math', '{"type":"exact","expected":"42"}', 'APPROVED', now(), 'test') returning id""")
			.params("u" + i, "unseen prompt " + i + " " + this.tag, UUID.randomUUID().toString().replace("-", ""))
			.query(Long.class)
			.single();
	}

	private void run(long model, String setting, long prompt, long output, Long reasoning, String answer) {
		this.jdbc.sql("""
				insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, input_tokens,
				                  output_tokens, reasoning_tokens, finish_reason, cost_usd, answer, extracted_answer,
				                  score, finished_at)
				values (?, ?, ?, ?, 0, 'SUCCEEDED', ?, 40, ?, ?, 'stop', 0.001, ?, '42', 1.0, ?)""")
			.params("unseen-" + this.tag + "-" + model + "-" + setting + "-" + prompt, prompt, model, setting,
					this.dataset, output, reasoning, answer, Timestamp.from(Instant.now()))
			.update();
	}

	private Http.Response get(String path) {
		return new Http(this.port).get(path);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

}
