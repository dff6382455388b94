package org.tokenyield.runs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM mid-plan (docs/operations.md, "Shutdown"): the instance lets its provider calls
 * in flight finish and store their results, gives back what it still holds at once, and
 * exits; no run is left RUNNING for a lease to expire and no prompt is called twice. The
 * child's lease is long (5 minutes), so only the shutdown itself can have put runs back.
 */
@IntegrationTest
class GracefulShutdownTests {

	static final ScenarioProvider provider = new ScenarioProvider(800);

	@AfterAll
	static void stop() {
		provider.close();
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RunQueue queue;

	@Autowired
	Environment environment;

	private long count(long plan, String status) {
		return this.jdbc.sql("select count(*) from runs where plan_id = ? and status = ?")
			.params(plan, status)
			.query(Long.class)
			.single();
	}

	@Test
	void sigtermMidPlanFinishesCallsInFlightAndLeavesNothingRunning() throws Exception {
		QueueFixtures fixtures = new QueueFixtures(this.jdbc);
		String tag = UUID.randomUUID().toString().substring(0, 8);
		long model = fixtures.model("termfake/m-" + tag, "termfake", "1.00", "2.00");
		Map<Long, String> texts = new HashMap<>();
		for (int i = 0; i < 24; i++) {
			String text = "What is 6 x 7? term " + i + " " + tag;
			texts.put(fixtures.prompt(text, QueueFixtures.EXACT_42), text);
		}
		long plan = fixtures.plan(this.queue, new ArrayList<>(texts.keySet()), List.of(model));
		String url = this.environment.getProperty("spring.datasource.url");
		List<String> properties = List.of("app.providers.compat.termfake.base-url=" + provider.baseUrl(),
				"app.runs.worker.concurrency=4", "app.runs.worker.lease=PT5M", "app.runs.worker.poll=PT0.2S",
				"app.runs.worker.initial-delay=PT0S");

		try (AppProcess first = AppProcess.start("term-1", url, properties)) {
			first.awaitStarted(Duration.ofSeconds(90));
			await("calls in flight before SIGTERM").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> count(plan, "SUCCEEDED") >= 4 && count(plan, "RUNNING") > 0);
			first.terminate(Duration.ofSeconds(30));
			assertThat(count(plan, "RUNNING")).as("nothing left RUNNING for a lease to expire").isZero();
			assertThat(first.log()).contains("Shutdown: calls in flight finished");
		}
		long called = texts.values().stream().filter(text -> provider.callsFor(text) > 0).count();
		assertThat(count(plan, "SUCCEEDED")).as("every call in flight at SIGTERM finished and was stored")
			.isEqualTo(called);
		assertThat(count(plan, "QUEUED")).as("the rest waits, ready for another instance").isEqualTo(24 - called);

		try (AppProcess second = AppProcess.start("term-2", url, properties)) {
			fixtures.awaitDone(plan, Duration.ofSeconds(120));
		}
		fixtures.retire(List.of(model));
		assertThat(count(plan, "SUCCEEDED")).isEqualTo(24);
		texts.values().forEach(text -> assertThat(provider.callsFor(text)).as("calls of %s", text).isEqualTo(1));
	}

}
