package org.tokenyield.runs;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The queue's promises with real processes on the test's PostgreSQL: an instance killed
 * with SIGKILL mid-plan loses no run and pays for no reply twice; two instances drain one
 * plan without executing a run twice. Calls are counted per run (each prompt text is
 * unique) at a fake provider with 200 ms latency. Only the child processes configure the
 * fake provider, so the instances in this JVM never claim these runs.
 */
class CrashAndClusterTests extends AppProcessContext {

	static final ScenarioProvider provider = new ScenarioProvider(200);

	@AfterAll
	static void stop() {
		provider.close();
	}

	private static List<String> properties(String providerName, String baseUrl) {
		return childProperties(providerName, baseUrl, Duration.ofSeconds(3), "app.runs.worker.heartbeat=PT1S");
	}

	private Plan plan(String providerName, int runs) {
		return plan(providerName, "run", runs);
	}

	private long succeeded(long plan) {
		return count(plan, "SUCCEEDED");
	}

	private void assertEveryRunEndedExactlyOnce(Plan plan) {
		assertThat(this.jdbc.sql("select count(*) from runs where plan_id = ?")
			.param(plan.id())
			.query(Long.class)
			.single()).isEqualTo(plan.texts().size());
		assertThat(succeeded(plan.id())).isEqualTo(plan.texts().size());
		List<Long> successes = this.jdbc.sql("""
				select count(a.id) from runs r left join run_attempts a on a.run_id = r.id and a.outcome = 'SUCCEEDED'
				 where r.plan_id = ? group by r.id""").param(plan.id()).query(Long.class).list();
		assertThat(successes).as("one successful attempt per run").hasSize(plan.texts().size()).containsOnly(1L);
	}

	@Test
	void aRunKilledMidPlanIsFinishedOnceAndAStoredReplyIsNeverPaidForAgain() throws Exception {
		Plan plan = plan("killfake", 40);
		String url = databaseUrl();
		Set<Long> storedAtKill;
		Map<Long, Integer> callsAtKill = new HashMap<>();
		try (AppProcess first = AppProcess.start("kill-1", url, properties("killfake", provider.baseUrl()))) {
			first.awaitStarted(Duration.ofSeconds(90));
			await("progress before the kill").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> succeeded(plan.id()) >= 12);
			first.kill();
			storedAtKill = new HashSet<>(this.jdbc.sql("""
					select s.run_id from run_responses s join runs r on r.id = s.run_id where r.plan_id = ?""")
				.param(plan.id())
				.query(Long.class)
				.list());
			plan.texts().forEach((prompt, text) -> callsAtKill.put(prompt, provider.callsFor(text)));
		}
		assertThat(succeeded(plan.id())).as("killed midway").isLessThan(plan.texts().size());
		long leftRunning = count(plan.id(), "RUNNING");

		try (AppProcess second = AppProcess.start("kill-2", url, properties("killfake", provider.baseUrl()))) {
			fixtures().awaitDone(plan.id(), Duration.ofSeconds(120));
		}
		fixtures().retire(List.of(plan.model()));

		assertEveryRunEndedExactlyOnce(plan);
		Map<Long, Long> runOfPrompt = new HashMap<>();
		this.jdbc.sql("select prompt_id, id from runs where plan_id = ?")
			.param(plan.id())
			.query((rs, i) -> runOfPrompt.put(rs.getLong(1), rs.getLong(2)))
			.list();
		plan.texts().forEach((prompt, text) -> {
			int calls = provider.callsFor(text);
			assertThat(calls).as("calls of prompt %d", prompt).isBetween(1, 2);
			if (storedAtKill.contains(runOfPrompt.get(prompt))) {
				assertThat(calls).as("reply stored before the kill: never called again")
					.isEqualTo(callsAtKill.get(prompt));
			}
			if (calls == 2) {
				assertThat(callsAtKill.get(prompt)).as("only a call in flight at the kill is made again").isEqualTo(1);
			}
		});
		System.out.printf("kill test: %d runs left RUNNING by the killed instance, %d replies stored at the kill%n",
				leftRunning, storedAtKill.size());
	}

	@Test
	void twoInstancesDrainOnePlanWithoutRunningARunTwice() throws Exception {
		String url = databaseUrl();
		try (AppProcess a = AppProcess.start("duo-a", url, properties("duofake", provider.baseUrl("a")));
				AppProcess b = AppProcess.start("duo-b", url, properties("duofake", provider.baseUrl("b")))) {
			a.awaitStarted(Duration.ofSeconds(120));
			b.awaitStarted(Duration.ofSeconds(120));
			Plan plan = plan("duofake", 40);
			fixtures().awaitDone(plan.id(), Duration.ofSeconds(60));
			fixtures().retire(List.of(plan.model()));
			assertEveryRunEndedExactlyOnce(plan);
			plan.texts().values().forEach(text -> assertThat(provider.callsFor(text)).as(text).isEqualTo(1));
			assertThat(provider.callsByPrefix.get("a")).as("instance a worked").isNotNull();
			assertThat(provider.callsByPrefix.get("b")).as("instance b worked").isNotNull();
			assertThat(provider.callsByPrefix.get("a").get() + provider.callsByPrefix.get("b").get()).isEqualTo(40);
		}
	}

}
