package org.tokenyield.runs;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.runs.queue.RunQueue;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Honest cost (docs/methodology-notes.md) through the whole queue and
 * {@code GET /api/v1/leaderboard}: one version on the fake provider, prices (USD per
 * MTok) input 2, cached input 0.50, output 10; above 250 input tokens every token at
 * input 4, cached 1, output 20. Its five prompts, by hand (µ$ = millionths of a dollar):
 *
 * <pre>
 * prompt   provider does                          list                       as billed               correct
 * cached   200 in (150 cached), 100 out           50·2 + 150·0.5 + 100·10    1175 (200 ≤ 250)         yes
 *                                                   = 1175
 * long     300 in, 10 out                         300·2 + 10·10 = 700        300·4 + 10·20 = 1400     yes
 * billed   200 with usage 100 in, 50 out, no      – (no successful run)      100·2 + 50·10 = 700      failed
 *          answer: a final failure, billed
 * r5xx     529, 500 (no usage: not billed),       12·2 + 7·10 = 94           94                       yes
 *          then 12 in, 7 out
 * judge    12 in, 7 out; the judge reads 300 in,  94 (the judge's 300 + 20   94                       yes (0.8)
 *          writes 20 out at $1/MTok each          tokens are not the model's)
 *
 * list per correct      = (1175 + 700 + 94 + 94) / 4        = 2063 / 4 = 515.75 µ$
 * billed per correct    = (1175 + 1400 + 700 + 94 + 94) / 4 = 3463 / 4 = 865.75 µ$
 * judge cost            = 300 · 1 + 20 · 1                  = 320 µ$
 * </pre>
 */
class HonestCostIntegrationTests extends FakeProviderContext {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RunQueue queue;

	@Autowired
	SummaryVersionStamper stamper;

	@LocalServerPort
	int port;

	QueueFixtures fixtures;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	@BeforeEach
	void setUp() {
		this.fixtures = new QueueFixtures(this.jdbc);
	}

	@Test
	void listAndBilledCostPerCorrectAnswerAndTheJudgeApart() throws Exception {
		this.fixtures.judge();
		String key = "fake/cost-" + this.tag;
		long model = this.fixtures.model(key, "fake", "2.00", "10.00");
		this.jdbc
			.sql("""
					update model_prices set cached_input_per_mtok = 0.50, tier_above_input_tokens = 250, tier_input_per_mtok = 4,
					       tier_cached_input_per_mtok = 1, tier_output_per_mtok = 20 where model_id = ?""")
			.param(model)
			.update();
		Map<String, Long> prompts = new LinkedHashMap<>();
		for (String scenario : List.of("cached", "long", "billed", "r5xx")) {
			prompts.put(scenario, this.fixtures.prompt(text(scenario), QueueFixtures.EXACT_42));
		}
		prompts.put("judge", this.fixtures.prompt(text("ok"), "{\"type\":\"judge\",\"rubric\":\"Says 42.\"}"));
		long plan = this.fixtures.plan(this.queue, new ArrayList<>(prompts.values()), List.of(model));
		try {
			this.fixtures.awaitDone(plan, Duration.ofSeconds(30));
			awaitJudged(plan);

			// what each attempt was billed
			Map<String, Object> failed = this.fixtures.run(plan, prompts.get("billed"));
			assertThat(failed.get("status")).isEqualTo("FAILED");
			assertThat((BigDecimal) failed.get("billed_cost_usd")).isEqualByComparingTo("0.0007");
			// (on a loaded machine a first call may also time out on our side: retried,
			// no usage, not billed)
			List<Map<String, Object>> billedAttempts = this.fixtures.attempts((Long) failed.get("id"))
				.stream()
				.filter(a -> a.get("cost_usd") != null)
				.toList();
			assertThat(billedAttempts).singleElement().satisfies(a -> {
				assertThat(a.get("outcome")).isEqualTo("FINAL");
				assertThat(a.get("input_tokens")).isEqualTo(100L);
				assertThat(a.get("output_tokens")).isEqualTo(50L);
				assertThat((BigDecimal) a.get("cost_usd")).isEqualByComparingTo("0.0007");
			});
			JsonNode bundleAttempts = new Http(this.port).get("/api/v1/runs/" + failed.get("id") + "/bundle")
				.json()
				.get("attempts");
			JsonNode finalAttempt = bundleAttempts.get(bundleAttempts.size() - 1);
			assertThat(finalAttempt.get("outcome").asString()).isEqualTo("FINAL");
			assertThat(finalAttempt.get("cost_usd").asDouble()).as("the bundle shows what the attempt was billed")
				.isEqualTo(0.0007);
			Map<String, Object> retried = this.fixtures.run(plan, prompts.get("r5xx"));
			List<Map<String, Object>> retries = this.fixtures.attempts((Long) retried.get("id"));
			assertThat(retries).hasSizeGreaterThanOrEqualTo(3);
			assertThat(retries.get(retries.size() - 1).get("outcome")).isEqualTo("SUCCEEDED");
			assertThat(retries.subList(0, retries.size() - 1)).allSatisfy(a -> {
				assertThat(a.get("outcome")).isEqualTo("RETRYABLE");
				assertThat(a.get("cost_usd")).as("a 5xx is not billed").isNull();
			});
			assertThat((BigDecimal) retried.get("billed_cost_usd")).isEqualByComparingTo("0.000094");
			Map<String, Object> tiered = this.fixtures.run(plan, prompts.get("long"));
			assertThat((BigDecimal) tiered.get("cost_usd")).isEqualByComparingTo("0.0007");
			assertThat((BigDecimal) tiered.get("billed_cost_usd")).isEqualByComparingTo("0.0014");
			Map<String, Object> cached = this.fixtures.run(plan, prompts.get("cached"));
			assertThat(cached.get("cached_input_tokens")).isEqualTo(150L);
			assertThat((BigDecimal) cached.get("cost_usd")).isEqualByComparingTo("0.001175");
			Map<String, Object> judged = this.fixtures.run(plan, prompts.get("judge"));
			assertThat((BigDecimal) judged.get("cost_usd")).as("the model's own tokens only")
				.isEqualByComparingTo("0.000094");
			assertThat((BigDecimal) judged.get("judge_cost_usd")).isEqualByComparingTo("0.00032");

			this.stamper.refreshNow(true);
			Http http = new Http(this.port);
			JsonNode row = row(http.get("/api/v1/leaderboard?category=queue-test").json(), key);
			assertThat(row.get("prompts").asInt()).as("the failed prompt has no successful run").isEqualTo(4);
			assertThat(row.get("cost_per_correct").asDouble()).isCloseTo(515.75e-6, within(1e-12));
			assertThat(row.get("cost_per_correct_billed").asDouble()).isCloseTo(865.75e-6, within(1e-12));
			assertThat(row.get("judge_cost_usd").asDouble()).isCloseTo(320e-6, within(1e-12));

			String csv = http.get("/api/v1/leaderboard?category=queue-test&format=csv").body();
			String[] lines = csv.split("\r?\n");
			List<String> header = List.of(lines[0].split(","));
			String line = java.util.Arrays.stream(lines).filter(l -> l.startsWith(key + ",")).findFirst().orElseThrow();
			List<String> cells = List.of(line.split(","));
			assertThat(Double.parseDouble(cells.get(header.indexOf("cost_per_correct_billed")))).isCloseTo(865.75e-6,
					within(1e-12));
			assertThat(Double.parseDouble(cells.get(header.indexOf("judge_cost_usd")))).isCloseTo(320e-6,
					within(1e-12));
		}
		finally {
			this.fixtures.retire(List.of(model));
		}
	}

	private String text(String scenario) {
		return "What is 6 x 7? [[s:" + scenario + "]] " + this.tag + " " + UUID.randomUUID();
	}

	private void awaitJudged(long plan) {
		await("plan " + plan + " judged").atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.jdbc.sql("select count(*) from runs where plan_id = ? and judge_due_at is not null")
				.param(plan)
				.query(Long.class)
				.single() == 0);
	}

	private static JsonNode row(JsonNode leaderboard, String key) {
		for (JsonNode row : leaderboard.get("rows")) {
			if (row.get("model").asString().equals(key)) {
				return row;
			}
		}
		throw new AssertionError("no leaderboard row for " + key + " in " + leaderboard);
	}

}
