package org.tokenyield.runs;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenyield.runs.judge.Regrader;
import org.tokenyield.runs.limits.ProviderLimits;
import org.tokenyield.runs.queue.RunQueue;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault injection through the whole queue: runs of a version on a fake OpenAI-compatible
 * provider, each prompt naming what the provider does to it (see
 * {@link ScenarioProvider}).
 */
class RunQueueFaultTests extends FakeProviderContext {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RunQueue queue;

	@Autowired
	Regrader regrader;

	@Autowired
	ProviderLimits limits;

	QueueFixtures fixtures;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	@BeforeEach
	void setUp() {
		this.fixtures = new QueueFixtures(this.jdbc);
	}

	private long model(String provider) {
		return this.fixtures.model(provider + "/m-" + this.tag, provider, "1.00", "2.00");
	}

	private String text(String scenario) {
		return "What is 6 x 7? [[s:" + scenario + "]] " + this.tag + " " + UUID.randomUUID();
	}

	@Test
	void everyFailureIsClassifiedRetriedOrFinalAndEveryAttemptRecorded() throws Exception {
		long model = model("fake");
		Map<String, String> texts = new java.util.LinkedHashMap<>();
		Map<String, Long> prompts = new java.util.LinkedHashMap<>();
		for (String s : List.of("ok", "r429", "r5xx", "slowfirst", "bad400", "broken", "truncated")) {
			texts.put(s, text(s));
			prompts.put(s, this.fixtures.prompt(texts.get(s), QueueFixtures.EXACT_42));
		}
		long plan = this.fixtures.plan(this.queue, new ArrayList<>(prompts.values()), List.of(model));
		this.fixtures.awaitDone(plan, Duration.ofSeconds(30));
		this.fixtures.retire(List.of(model));

		Map<String, Object> ok = this.fixtures.run(plan, prompts.get("ok"));
		assertThat(ok.get("status")).isEqualTo("SUCCEEDED");
		assertThat(ok.get("attempts")).isEqualTo(1);
		assertThat(ok.get("score")).isEqualTo(1.0);
		assertThat(ok.get("input_tokens")).isEqualTo(12L);
		// price in force: 12 input at $1/M + 7 output at $2/M
		assertThat((BigDecimal) ok.get("cost_usd")).isEqualByComparingTo("0.000026");

		Map<String, Object> r429 = this.fixtures.run(plan, prompts.get("r429"));
		assertThat(r429.get("status")).isEqualTo("SUCCEEDED");
		assertThat(r429.get("attempts")).isEqualTo(2);
		assertThat(provider.callsFor(texts.get("r429"))).isEqualTo(2);
		List<Map<String, Object>> a429 = this.fixtures.attempts((Long) r429.get("id"));
		assertThat(a429).extracting(a -> a.get("outcome")).containsExactly("RETRYABLE", "SUCCEEDED");
		// on the queue's clock: the second attempt began at least retry-after: 1 after
		// the first
		assertThat(Duration.between(instant(a429.get(0).get("started_at")), instant(a429.get(1).get("started_at"))))
			.as("retry-after: 1 honoured")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(a429.get(0).get("http_status")).isEqualTo(429);
		assertThat((String) a429.get(0).get("message")).contains("Rate limit reached");

		Map<String, Object> r5xx = this.fixtures.run(plan, prompts.get("r5xx"));
		assertThat(r5xx.get("status")).isEqualTo("SUCCEEDED");
		assertThat(r5xx.get("attempts")).isEqualTo(3);
		assertThat(this.fixtures.attempts((Long) r5xx.get("id"))).extracting(a -> a.get("http_status"))
			.containsExactly(529, 500, 200);

		Map<String, Object> slow = this.fixtures.run(plan, prompts.get("slowfirst"));
		assertThat(slow.get("status")).isEqualTo("SUCCEEDED");
		assertThat(slow.get("attempts")).isEqualTo(2);
		List<Map<String, Object>> aSlow = this.fixtures.attempts((Long) slow.get("id"));
		assertThat(aSlow.get(0).get("outcome")).isEqualTo("RETRYABLE");
		assertThat((String) aSlow.get(0).get("message")).contains("timed out");

		Map<String, Object> bad = this.fixtures.run(plan, prompts.get("bad400"));
		assertThat(bad.get("status")).isEqualTo("FAILED");
		assertThat(bad.get("attempts")).isEqualTo(1);
		assertThat(provider.callsFor(texts.get("bad400"))).as("a 400 is never retried").isEqualTo(1);
		assertThat((String) bad.get("error")).contains("HTTP 400").contains("Unsupported parameter");
		assertThat(this.fixtures.attempts((Long) bad.get("id"))).singleElement()
			.satisfies(a -> assertThat(a.get("outcome")).isEqualTo("FINAL"));

		Map<String, Object> broken = this.fixtures.run(plan, prompts.get("broken"));
		assertThat(broken.get("status")).isEqualTo("FAILED");
		assertThat(broken.get("attempts")).isEqualTo(1);
		assertThat(provider.callsFor(texts.get("broken"))).as("a malformed 200 is final").isEqualTo(1);

		Map<String, Object> truncated = this.fixtures.run(plan, prompts.get("truncated"));
		assertThat(truncated.get("status")).isEqualTo("SUCCEEDED");
		assertThat(truncated.get("finish_reason")).isEqualTo("length");
		assertThat(truncated.get("output_tokens")).isEqualTo(4096L);

		assertThat(provider.maxInFlightByModel.get("m-" + this.tag).get()).as("max-concurrency 3")
			.isLessThanOrEqualTo(3);

		// the reproduction bundle keeps what was sent and what came back
		Map<String, Object> stored = this.jdbc
			.sql("select request_body, raw_body, headers::text as headers from run_responses where run_id = ?")
			.param(ok.get("id"))
			.query()
			.singleRow();
		assertThat((String) stored.get("request_body")).contains("\"max_tokens\"").contains(this.tag);
		assertThat((String) stored.get("raw_body")).contains("chatcmpl-x");
		assertThat((String) stored.get("headers")).contains("x-ratelimit-remaining-requests");
	}

	@Test
	void theBreakerPausesAFailingProviderAndProbesBeforeResuming() {
		long model = model("flaky");
		List<Long> prompts = new ArrayList<>();
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			texts.add(text("flaky"));
			prompts.add(this.fixtures.prompt(texts.get(i), QueueFixtures.EXACT_42));
		}
		IntSupplier calls = () -> texts.stream().mapToInt(provider::callsFor).sum();
		clock.freeze();
		provider.down = true;
		long plan;
		try {
			plan = this.fixtures.plan(this.queue, prompts, List.of(model));
			// 5 failures of at most 10 calls open it (the sixth run may have been called
			// with them)
			await("the breaker opened").atMost(Duration.ofSeconds(30))
				.until(() -> breaker() == CircuitBreaker.State.OPEN && running(plan) == 0);
			int whenOpened = calls.getAsInt();
			assertThat(whenOpened).isBetween(5, 6);

			// every run is due again (backoff of a first attempt: at most 0.2 s), the
			// breaker holds for 1.5 s
			clock.advance(Duration.ofSeconds(1));
			awaitTheWorkerLookedAgain();
			assertThat(calls.getAsInt()).as("paused while open").isEqualTo(whenOpened);
			assertThat(count(plan, "FAILED")).as("paused, not failed").isZero();

			// open for 1.5 s: one probe, which fails, so it opens again
			clock.advance(Duration.ofSeconds(1));
			await("one probe").atMost(Duration.ofSeconds(30))
				.until(() -> calls.getAsInt() == whenOpened + 1 && breaker() == CircuitBreaker.State.OPEN
						&& running(plan) == 0);
			awaitTheWorkerLookedAgain();
			assertThat(calls.getAsInt()).as("one probe only").isEqualTo(whenOpened + 1);
		}
		finally {
			provider.down = false;
		}
		// the next probe succeeds and closes it: the rest run
		clock.advance(Duration.ofSeconds(2));
		this.fixtures.awaitDone(plan, Duration.ofSeconds(30));
		this.fixtures.retire(List.of(model));
		assertThat(count(plan, "SUCCEEDED")).isEqualTo(6);
	}

	@Test
	void theSpendCapHoldsRunsQueuedInsteadOfFailingThem() {
		// worst case of one call: (bytes + 64) input at $1/M + 4096 output at $2/M ≈
		// $0.0083 > cap $0.003
		long model = model("broke");
		String text = text("ok");
		long prompt = this.fixtures.prompt(text, QueueFixtures.EXACT_42);
		clock.freeze();
		Instant tomorrow = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
		long plan = this.fixtures.plan(this.queue, List.of(prompt), List.of(model));
		Map<String, Object> run = await("held by the spend cap").atMost(Duration.ofSeconds(30))
			.until(() -> this.fixtures.run(plan, prompt),
					r -> instant(r.get("next_attempt_at")).isAfter(clock.instant()));
		this.fixtures.retire(List.of(model));
		assertThat(instant(run.get("next_attempt_at"))).as("held until the next UTC day").isEqualTo(tomorrow);
		assertThat(run.get("status")).isEqualTo("QUEUED");
		assertThat(run.get("attempts")).isEqualTo(0);
		assertThat(provider.callsFor(text)).isZero();
	}

	@Test
	void theSpendCapCountsTheWorstCaseOfCallsInFlight() throws Exception {
		// cap $0.01 and a worst case of ≈ $0.0083 per call: one call in flight at a time
		long model = model("capped");
		provider.latencyMillis = 300;
		try {
			List<Long> prompts = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				prompts.add(this.fixtures.prompt(text("ok"), QueueFixtures.EXACT_42));
			}
			long plan = this.fixtures.plan(this.queue, prompts, List.of(model));
			this.fixtures.awaitDone(plan, Duration.ofSeconds(30));
			assertThat(provider.maxInFlightByModel.get("m-" + this.tag).get()).isEqualTo(1);
			assertThat(this.jdbc.sql("select count(*) from runs where plan_id = ? and status = 'SUCCEEDED'")
				.param(plan)
				.query(Long.class)
				.single()).isEqualTo(4);
		}
		finally {
			provider.latencyMillis = 0;
			this.fixtures.retire(List.of(model));
		}
	}

	@Test
	void theJudgeGradesApartAndARuleChangeRegradesWithoutCallingTheModel() throws Exception {
		this.fixtures.judge();
		long model = model("fake");
		String text = text("ok");
		long prompt = this.fixtures.prompt(text, "{\"type\":\"judge\",\"rubric\":\"Says 42.\"}");
		long plan = this.fixtures.plan(this.queue, List.of(prompt), List.of(model));
		this.fixtures.awaitDone(plan, Duration.ofSeconds(20));
		long runId = (Long) this.fixtures.run(plan, prompt).get("id");
		Map<String, Object> run = awaitGraded(runId);
		assertThat(run.get("score")).isEqualTo(0.8);
		assertThat(run.get("judge_input_tokens")).isEqualTo(300L);
		assertThat(run.get("judge_output_tokens")).isEqualTo(20L);
		assertThat((BigDecimal) run.get("judge_cost_usd")).isEqualByComparingTo("0.00032");
		assertThat(run.get("input_tokens")).as("the model's own tokens").isEqualTo(12L);
		assertThat(run.get("output_tokens")).isEqualTo(7L);
		assertThat((BigDecimal) run.get("cost_usd")).isEqualByComparingTo("0.000026");

		// a new rule: exact regrades at once; a judge rule again goes back to the judge
		this.jdbc.sql("update prompts set grader = ? where id = ?")
			.params("{\"type\":\"exact\",\"expected\":\"41\"}", prompt)
			.update();
		this.regrader.regrade(prompt);
		Map<String, Object> exact = this.fixtures.run(plan, prompt);
		assertThat(exact.get("score")).isEqualTo(0.0);
		assertThat(exact.get("judge_input_tokens")).isNull();

		this.jdbc.sql("update prompts set grader = ? where id = ?")
			.params("{\"type\":\"judge\",\"rubric\":\"Says 42!\"}", prompt)
			.update();
		this.regrader.regrade(prompt);
		assertThat(awaitGraded(runId).get("score")).isEqualTo(0.8);
		assertThat(provider.callsFor(text)).as("the model was called once").isEqualTo(1);
		this.fixtures.retire(List.of(model));
	}

	private CircuitBreaker.State breaker() {
		return this.limits.state("flaky").breaker.getState();
	}

	private long running(long plan) {
		return count(plan, "RUNNING");
	}

	private long count(long plan, String status) {
		return this.jdbc.sql("select count(*) from runs where plan_id = ? and status = ?")
			.params(plan, status)
			.query(Long.class)
			.single();
	}

	private static Instant instant(Object timestamp) {
		return ((Timestamp) timestamp).toInstant();
	}

	private Map<String, Object> awaitGraded(long runId) {
		return await("run " + runId + " graded").atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.jdbc.sql("select * from runs where id = ?").param(runId).query().singleRow(),
					run -> run.get("graded_at") != null && run.get("judge_due_at") == null);
	}

}
