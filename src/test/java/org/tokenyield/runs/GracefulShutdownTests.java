package org.tokenyield.runs;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM mid-plan (docs/operations.md, "Shutdown"): the instance lets its provider calls
 * in flight finish and store their results, gives back what it still holds at once, and
 * exits; no run is left RUNNING for a lease to expire and no prompt is called twice. The
 * child's lease is long (5 minutes), so only the shutdown itself can have put runs back.
 */
class GracefulShutdownTests extends AppProcessContext {

	static final ScenarioProvider provider = new ScenarioProvider(800);

	@AfterAll
	static void stop() {
		provider.close();
	}

	@Test
	void sigtermMidPlanFinishesCallsInFlightAndLeavesNothingRunning() throws Exception {
		Plan plan = plan("termfake", "term", 24);
		Map<Long, String> texts = plan.texts();
		String url = databaseUrl();
		List<String> properties = childProperties("termfake", provider.baseUrl(), Duration.ofMinutes(5));

		try (AppProcess first = AppProcess.start("term-1", url, properties)) {
			first.awaitStarted(Duration.ofSeconds(90));
			await("calls in flight before SIGTERM").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> count(plan.id(), "SUCCEEDED") >= 4 && count(plan.id(), "RUNNING") > 0);
			first.terminate(Duration.ofSeconds(30));
			assertThat(count(plan.id(), "RUNNING")).as("nothing left RUNNING for a lease to expire").isZero();
			assertThat(first.log()).contains("Shutdown: calls in flight finished");
		}
		long called = texts.values().stream().filter(text -> provider.callsFor(text) > 0).count();
		assertThat(count(plan.id(), "SUCCEEDED")).as("every call in flight at SIGTERM finished and was stored")
			.isEqualTo(called);
		assertThat(count(plan.id(), "QUEUED")).as("the rest waits, ready for another instance").isEqualTo(24 - called);

		try (AppProcess second = AppProcess.start("term-2", url, properties)) {
			fixtures().awaitDone(plan.id(), Duration.ofSeconds(120));
		}
		fixtures().retire(List.of(plan.model()));
		assertThat(count(plan.id(), "SUCCEEDED")).isEqualTo(24);
		texts.values().forEach(text -> assertThat(provider.callsFor(text)).as("calls of %s", text).isEqualTo(1));
	}

}
