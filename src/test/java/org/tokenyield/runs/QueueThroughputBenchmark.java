package org.tokenyield.runs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tokenyield.runs.queue.RunQueue;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/**
 * Queue throughput against a fake provider with a fixed latency, compared with the ideal
 * (worker concurrency ÷ latency). Not a unit test: run it on purpose, see
 * docs/benchmark-queue.md. {@code -Dbenchmark.runs=400 -Dbenchmark.latency-ms=100}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class QueueThroughputBenchmark extends FakeProviderContext {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RunQueue queue;

	@Value("${app.runs.worker.concurrency}")
	int concurrency;

	@Test
	void runsPerSecondAgainstTheIdeal() throws Exception {
		int runs = Integer.getInteger("benchmark.runs", 400);
		long latency = Long.getLong("benchmark.latency-ms", 100);
		QueueFixtures fixtures = new QueueFixtures(this.jdbc);
		String tag = UUID.randomUUID().toString().substring(0, 8);
		long model = fixtures.model("keyed/bench-" + tag, "keyed", "1", "2");
		List<Long> prompts = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			prompts.add(fixtures.prompt("What is 6 x 7? bench " + i + " " + tag, QueueFixtures.EXACT_42));
		}
		provider.latencyMillis = latency;
		try {
			long start = System.nanoTime();
			java.time.Instant startedAt = java.time.Instant.now();
			long plan = fixtures.plan(this.queue, prompts, List.of(model));
			await("the benchmark's plan").atMost(Duration.ofHours(1))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> fixtures.unfinished(plan) == 0);
			double seconds = (System.nanoTime() - start) / 1e9;
			double measured = runs / seconds;
			double ideal = this.concurrency * 1000.0 / latency;
			System.out.printf(
					"%nQUEUE BENCHMARK: %d runs, concurrency %d, latency %d ms: %.1f runs/s, ideal %.1f, ratio %.3f%n%n",
					runs, this.concurrency, latency, measured, ideal, measured / ideal);
			System.out.println(
					"QUEUE BENCHMARK: call latency as measured by the adapter (avg/max ms), claim to finish (avg ms): "
							+ this.jdbc.sql("""
									select round(avg(latency_ms)) || ' / ' || max(latency_ms) || ', '
									       || round(avg(extract(epoch from finished_at - started_at) * 1000))
									  from runs where plan_id = ?""").param(plan).query(String.class).single());
			System.out.println("QUEUE BENCHMARK: claim to executor start, executor start to finish minus the call,"
					+ " slot cycle (concurrency / rate) minus claim to finish (avg ms): "
					+ this.jdbc
						.sql("""
								select round(avg(extract(epoch from a.started_at - r.started_at) * 1000), 1) || ', '
								       || round(avg(extract(epoch from a.finished_at - a.started_at) * 1000 - r.latency_ms), 1)
								  from runs r join run_attempts a on a.run_id = r.id and a.outcome = 'SUCCEEDED'
								 where r.plan_id = ?""")
						.param(plan)
						.query(String.class)
						.single()
					+ String.format(java.util.Locale.ROOT, ", %.1f", this.concurrency * 1000.0 / measured - this.jdbc
						.sql("select avg(extract(epoch from finished_at - started_at) * 1000) from runs where plan_id = ?")
						.param(plan)
						.query(Double.class)
						.single()));
			System.out.println("QUEUE BENCHMARK: enqueue to first claim (ms): " + this.jdbc.sql(
					"select round(extract(epoch from min(started_at) - cast(? as timestamptz)) * 1000) from runs where plan_id = ?")
				.params(java.sql.Timestamp.from(startedAt), plan)
				.query(String.class)
				.single());
		}
		finally {
			provider.latencyMillis = 0;
			fixtures.retire(List.of(model));
		}
	}

}
