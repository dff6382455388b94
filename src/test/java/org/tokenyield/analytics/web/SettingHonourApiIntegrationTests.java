package org.tokenyield.analytics.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;
import org.tokenyield.alerts.ChangeWatcher;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Was the setting honoured (docs/methodology-notes.md), hand-computed through
 * {@code GET /api/v1/scaling}, the pages and the feed. Four prompts, two samples per
 * setting, every run right.
 * <p>
 * Version X (catalog order thinking:4096, default, thinking:1024; the sweep order is
 * default, thinking:1024, thinking:4096): <pre>
 * setting         reasoning per prompt                 change vs previous        ignored  overrun  truncated
 * default         50                                   – (first)                 no       –        0/8
 * thinking:1024   600 (prompt 0: 100 and 1100;          +550 vs default           no (default is not ranked)
 *                 prompt 3: 600 and not reported)                                          1/7      2/7
 * thinking:4096   500                                  −100 on every prompt      yes      0/8      0/8
 * </pre> At thinking:1024 one run of prompt 0 reasons 1100 > 1024 (the overrun), runs
 * p0/s1 and p1/s0 finish with {@code length}, p2/s0 has no finish reason, p3/s1 reports
 * no reasoning. A FAILED run (reasoning 5000, length) counts in neither rate.
 * <p>
 * Version Y: thinking:1024 reasons 300 on every prompt, thinking:4096 500, 700, 900,
 * 1100: a change of +200..+800, mean +500, every resample at least +200: honoured.
 */
@IntegrationTest
class SettingHonourApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SummaryVersionStamper stamper;

	@Autowired
	ChangeWatcher watcher;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	final String dataset = "honour-" + this.tag;

	@Test
	void aLargerBudgetWithFewerReasoningTokensIsIgnoredAndRatesAreCounted() {
		String x = "external/honour-x-" + this.tag;
		String y = "external/honour-y-" + this.tag;
		long xId = model(x, "{thinking:4096,default,thinking:1024}");
		long yId = model(y, "{thinking:1024,thinking:4096}");
		this.stamper.refreshNow(true);
		// first observation of both versions (no results yet): the baseline. The
		// scheduled watcher may hold the lock at this moment, so pass until the
		// observation is stored.
		retried().until(() -> {
			this.watcher.watch();
			return observed(x) && observed(y);
		});

		for (int p = 0; p < 4; p++) {
			long prompt = prompt(p);
			for (int s = 0; s < 2; s++) {
				run(xId, "default", prompt, s, 50L, "stop", "SUCCEEDED");
				Long reasoning = Long.valueOf(p == 0 ? (s == 0 ? 100 : 1100) : 600);
				if (p == 3 && s == 1) {
					reasoning = null;
				}
				String finish = (p == 0 && s == 1) || (p == 1 && s == 0) ? "length"
						: (p == 2 && s == 0) ? null : "stop";
				run(xId, "thinking:1024", prompt, s, reasoning, finish, "SUCCEEDED");
				run(xId, "thinking:4096", prompt, s, 500L, "stop", "SUCCEEDED");
				run(yId, "thinking:1024", prompt, s, 300L, "stop", "SUCCEEDED");
				run(yId, "thinking:4096", prompt, s, 300L + 200 * (p + 1), "stop", "SUCCEEDED");
			}
			if (p == 0) {
				run(xId, "thinking:1024", prompt, 2, 5000L, "length", "FAILED");
			}
		}
		this.stamper.refreshNow(true);

		JsonNode s = get("/api/v1/scaling?model=" + enc(x) + "&dataset=" + this.dataset).json();
		assertThat(s.get("prompts").asInt()).isEqualTo(4);
		// the points keep the catalog order; each names what it was compared with
		JsonNode larger = s.get("points").get(0);
		assertThat(larger.get("setting").asString()).isEqualTo("thinking:4096");
		assertThat(larger.get("compared_with").asString()).isEqualTo("thinking:1024");
		assertThat(larger.get("reasoning_prompts").asInt()).isEqualTo(4);
		assertThat(larger.get("reasoning_change").get("value").asDouble()).isEqualTo(-100.0);
		assertThat(larger.get("reasoning_change").get("ci_low").asDouble()).isEqualTo(-100.0);
		assertThat(larger.get("reasoning_change").get("ci_high").asDouble()).isEqualTo(-100.0);
		assertThat(larger.get("setting_ignored").asBoolean()).isTrue();
		assertThat(larger.get("overrun_rate").asDouble()).isEqualTo(0.0);
		assertThat(larger.get("truncated_rate").asDouble()).isEqualTo(0.0);
		// the existing fields are unchanged
		assertThat(larger.get("tokens").asDouble()).isCloseTo(600, within(1e-9));
		assertThat(larger.get("accuracy").asDouble()).isEqualTo(1.0);

		JsonNode first = s.get("points").get(1);
		assertThat(first.get("setting").asString()).isEqualTo("default");
		assertThat(first.get("reasoning_change").isNull()).isTrue();
		assertThat(first.get("compared_with").isNull()).isTrue();
		assertThat(first.get("setting_ignored").asBoolean()).isFalse();
		assertThat(first.get("overrun_rate").isNull()).isTrue(); // no budget to overrun
		assertThat(first.get("truncated_rate").asDouble()).isEqualTo(0.0);

		JsonNode budget = s.get("points").get(2);
		assertThat(budget.get("setting").asString()).isEqualTo("thinking:1024");
		assertThat(budget.get("compared_with").asString()).isEqualTo("default");
		assertThat(budget.get("reasoning_change").get("value").asDouble()).isCloseTo(550, within(1e-9));
		assertThat(budget.get("setting_ignored").asBoolean()).isFalse();
		assertThat(budget.get("overrun_rate").asDouble()).isCloseTo(1.0 / 7, within(1e-12));
		assertThat(budget.get("truncated_rate").asDouble()).isCloseTo(2.0 / 7, within(1e-12));

		JsonNode grows = get("/api/v1/scaling?model=" + enc(y) + "&dataset=" + this.dataset).json()
			.get("points")
			.get(1);
		assertThat(grows.get("setting").asString()).isEqualTo("thinking:4096");
		assertThat(grows.get("reasoning_change").get("value").asDouble()).isCloseTo(500, within(1e-9));
		assertThat(grows.get("reasoning_change").get("ci_low").asDouble()).isGreaterThanOrEqualTo(200);
		assertThat(grows.get("setting_ignored").asBoolean()).isFalse();

		// CSV: the same figures in the overall rows
		String csv = get("/api/v1/scaling?format=csv&model=" + enc(x) + "&dataset=" + this.dataset).body();
		String header = csv.lines().findFirst().orElse("");
		assertThat(header).contains("reasoning_change.value", "reasoning_change.ci_low", "compared_with",
				"setting_ignored", "overrun_rate", "truncated_rate");
		assertThat(csv.lines().filter(l -> l.startsWith("(all),thinking:4096,"))).singleElement()
			.satisfies(l -> assertThat(l).contains(",-100.0,-100.0,-100.0,thinking:1024,true,0.0,0.0"));

		// the pages: the badge beside the setting, the notes above 5 %
		String leaderboard = get("/?setting=all&dataset=" + this.dataset).body();
		assertThat(row(leaderboard, x, "thinking:4096")).contains("badge ignored").doesNotContain("over budget");
		assertThat(row(leaderboard, x, "thinking:1024")).doesNotContain("badge ignored")
			.contains("14.3% over budget", "28.6% truncated");
		assertThat(row(leaderboard, x, "default")).doesNotContain("badge ignored", "over budget", "truncated");
		assertThat(row(leaderboard, y, "thinking:4096")).doesNotContain("badge ignored");
		String page = get("/models/" + x + "?dataset=" + this.dataset).body();
		String sweep = page.substring(page.indexOf("id=\"sweep-table\""),
				page.indexOf("</table>", page.indexOf("id=\"sweep-table\"")));
		assertThat(sweep).contains("badge ignored", "-100 tok.", "[-100, -100] vs thinking:1024", "14.3% over budget");

		// the feed: one entry for the newly ignored setting, none for the honoured ones,
		// none twice
		retried().until(() -> {
			this.watcher.watch();
			return ignoredAlerts(x) > 0;
		});
		this.watcher.watch();
		assertThat(ignoredAlerts(x)).isEqualTo(1);
		assertThat(ignoredAlerts(y)).isZero();
		assertThat(get("/models/" + x + "/feed.atom").body())
			.contains("Setting thinking:4096 of " + x + " looks ignored")
			.contains("changed by -100 per prompt");
	}

	@Test
	void badFiltersAreProblemsAndNothingIsFlaggedWithoutData() {
		String x = "external/honour-empty-" + this.tag;
		model(x, "{thinking:1024,thinking:4096}");
		this.stamper.refreshNow(true);
		JsonNode s = get("/api/v1/scaling?model=" + enc(x)).json();
		assertThat(s.get("points")).isEmpty();
		Http.Response bad = get("/api/v1/scaling?model=" + enc(x) + "&difficulty=extreme");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.contentType()).contains("application/problem+json");
	}

	private boolean observed(String model) {
		return this.jdbc.sql("select count(*) from alert_state where subject = ?")
			.param("setting_ignored:" + model)
			.query(Long.class)
			.single() > 0;
	}

	private long ignoredAlerts(String model) {
		return this.jdbc.sql("select count(*) from alert_events where kind = 'setting_ignored' and model_key = ?")
			.param(model)
			.query(Long.class)
			.single();
	}

	/**
	 * Passes of the watcher may be refused while the scheduled one holds the lock: retry
	 * a while.
	 */
	private static ConditionFactory retried() {
		return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200));
	}

	/** The leaderboard row of a config, from its opening tag to its end. */
	private static String row(String html, String model, String setting) {
		int at = html.indexOf("data-model=\"" + model + "\" data-setting=\"" + setting + "\"");
		assertThat(at).as("row of %s @ %s", model, setting).isNotNegative();
		return html.substring(at, html.indexOf("</tr>", at));
	}

	private Http.Response get(String path) {
		return new Http(this.port).get(path);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	private long model(String key, String settings) {
		return this.jdbc.sql("""
				insert into model_versions (model_key, family, provider, api_model, settings, samples)
				values (?, 'honour', 'external', ?, cast(? as text[]), 2) returning id""")
			.params(key, key.substring(key.indexOf('/') + 1), settings)
			.query(Long.class)
			.single();
	}

	private long prompt(int i) {
		return this.jdbc.sql("""
				insert into prompts (title, text, text_hash, category, grader, status, approved_at, source)
				values (?, ?, ?, 'math', '{"type":"exact","expected":"42"}', 'APPROVED', now(), 'test') returning id""")
			.params("h" + i, "honour prompt " + i + " " + this.tag, UUID.randomUUID().toString().replace("-", ""))
			.query(Long.class)
			.single();
	}

	private void run(long model, String setting, long prompt, int sample, Long reasoning, String finish,
			String status) {
		long output = (reasoning == null ? 600 : reasoning) + 100;
		this.jdbc.sql("""
				insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, input_tokens,
				                  output_tokens, reasoning_tokens, finish_reason, cost_usd, extracted_answer, score,
				                  finished_at)
				values (?, ?, ?, ?, ?, ?, ?, 40, ?, ?, ?, 0.001, '42', 1.0, ?)""")
			.params("honour-" + this.tag + "-" + model + "-" + setting + "-" + prompt + "-" + sample, prompt, model,
					setting, sample, status, this.dataset, output, reasoning, finish, Timestamp.from(Instant.now()))
			.update();
	}

}
