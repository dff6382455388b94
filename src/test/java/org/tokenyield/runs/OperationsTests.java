package org.tokenyield.runs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.tokenyield.runs.queue.RunMetrics;
import org.tokenyield.runs.queue.RunQueue;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tokenyield.support.Prometheus.value;

/**
 * What an operator sees (docs/operations.md): anonymous readers get health and the
 * Prometheus scrape and nothing else of the actuator; the scrape shows the queue's
 * metrics after runs.
 */
class OperationsTests extends FakeProviderContext {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RunQueue queue;

	@Autowired
	RunMetrics metrics;

	@Test
	void anonymousReadersSeeOnlyHealthAndTheScrapeOfTheActuator() {
		Http anonymous = new Http(this.port);
		for (String path : List.of("/actuator", "/actuator/env", "/actuator/beans", "/actuator/heapdump",
				"/actuator/threaddump", "/actuator/metrics", "/actuator/configprops", "/actuator/mappings",
				"/actuator/loggers", "/actuator/info", "/actuator/shutdown", "/actuator/env/spring.datasource.url")) {
			assertThat(anonymous.get(path).status()).as(path).isIn(401, 403, 404);
			assertThat(anonymous.post(path, "{}").status()).as("POST " + path).isIn(401, 403, 404);
		}
		Http member = Accounts.member(anonymous, Accounts.uniqueName("ops"));
		assertThat(member.get("/actuator/info").status()).as("members are not operators").isEqualTo(403);
		assertThat(Accounts.admin(anonymous).get("/actuator/info").status()).isEqualTo(200);

		assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
		assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
		Http.Response readiness = anonymous.get("/actuator/health/readiness");
		assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
		assertThat(readiness.body()).as("no details for anonymous readers").doesNotContain("postgres", "runWorker");
		assertThat(anonymous.get("/actuator/prometheus", "text/plain").status()).isEqualTo(200);
	}

	@Test
	void theScrapeShowsCallsRetriesLatencyTokensSpendQueueDepthAndBreakers() throws Exception {
		QueueFixtures fixtures = new QueueFixtures(this.jdbc);
		String tag = UUID.randomUUID().toString().substring(0, 8);
		long model = fixtures.model("fake/metrics-" + tag, "fake", "1.00", "2.00");
		List<Long> prompts = new ArrayList<>();
		for (String scenario : List.of("ok", "ok", "r429")) {
			prompts.add(fixtures.prompt("What is 6 x 7? [[s:" + scenario + "]] " + tag + " " + UUID.randomUUID(),
					QueueFixtures.EXACT_42));
		}
		long plan = fixtures.plan(this.queue, prompts, List.of(model));
		// a provider no instance has configured: its runs wait in the queue
		String idle = "idle" + tag;
		long idleModel = fixtures.model(idle + "/m", idle, "1.00", "2.00");
		long idlePlan = fixtures.plan(this.queue, prompts.subList(0, 2), List.of(idleModel));
		try {
			fixtures.awaitDone(plan, Duration.ofSeconds(30));
			this.metrics.refreshGauges();
			String scrape = new Http(this.port).get("/actuator/prometheus", "text/plain").body();
			String m = "model=\"fake/metrics-" + tag + "\"";
			assertThat(value(scrape, "tokenyield_provider_calls_total", m, "outcome=\"success\"")).isEqualTo(3);
			assertThat(value(scrape, "tokenyield_provider_calls_total", m, "outcome=\"retryable_failure\""))
				.isEqualTo(1);
			assertThat(value(scrape, "tokenyield_runs_retries_total", m)).isEqualTo(1);
			assertThat(value(scrape, "tokenyield_provider_latency_seconds_count", m)).isEqualTo(3);
			// the fake provider reports 12 input and 7 output tokens a call, at $1 and $2
			// per million
			assertThat(value(scrape, "tokenyield_provider_tokens_total", m, "kind=\"input\"")).isEqualTo(36);
			assertThat(value(scrape, "tokenyield_provider_tokens_total", m, "kind=\"output\"")).isEqualTo(21);
			assertThat(value(scrape, "tokenyield_provider_spend_usd_total", m)).isCloseTo(3 * 0.000026, within());
			assertThat(value(scrape, "tokenyield_queue_runs", "provider=\"" + idle + "\"", "status=\"QUEUED\""))
				.isEqualTo(2);
			assertThat(value(scrape, "tokenyield_provider_breaker_state", "provider=\"fake\"")).isBetween(0.0, 2.0);
		}
		finally {
			this.jdbc.sql("delete from runs where plan_id = ?").param(idlePlan).update();
			fixtures.retire(List.of(model, idleModel));
		}
	}

	@Test
	void aProviderLimitedToThreeRequestsAMinuteGetsThreeCallsNotFive() {
		QueueFixtures fixtures = new QueueFixtures(this.jdbc);
		String tag = UUID.randomUUID().toString().substring(0, 8);
		long model = fixtures.model("rpm/m-" + tag, "rpm", "1.00", "2.00");
		List<Long> prompts = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			prompts.add(fixtures.prompt("What is 6 x 7? rpm " + i + " " + tag, QueueFixtures.EXACT_42));
		}
		// the bucket refills on the queue's clock: it stands still until the test moves
		// it
		clock.freeze();
		long plan = fixtures.plan(this.queue, prompts, List.of(model));
		try {
			await("the first three runs").atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> fixtures.unfinished(plan) <= 2);
			awaitTheWorkerLookedAgain();
			assertThat(fixtures.unfinished(plan)).as("held by the requests-per-minute limit").isEqualTo(2);
			// 3 a minute: one more request every 20 s
			clock.advance(Duration.ofSeconds(19));
			awaitTheWorkerLookedAgain();
			assertThat(fixtures.unfinished(plan)).as("19 s refill less than one request").isEqualTo(2);
			clock.advance(Duration.ofSeconds(1));
			await("the fourth run").atMost(Duration.ofSeconds(20)).until(() -> fixtures.unfinished(plan) == 1);
			awaitTheWorkerLookedAgain();
			assertThat(fixtures.unfinished(plan)).as("and only one").isEqualTo(1);
		}
		finally {
			fixtures.retire(List.of(model));
			this.jdbc.sql("delete from runs where plan_id = ? and status = 'QUEUED'").param(plan).update();
		}
	}

	private static org.assertj.core.data.Offset<Double> within() {
		return org.assertj.core.data.Offset.offset(1e-9);
	}

}
