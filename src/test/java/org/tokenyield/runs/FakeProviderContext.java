package org.tokenyield.runs;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

import org.tokenyield.IntegrationTest;
import org.tokenyield.runs.queue.RunWorker;
import org.tokenyield.support.TestClock;

import static org.awaitility.Awaitility.await;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * One application context (shared by the subclasses) whose OpenAI-compatible providers
 * point at a {@link ScenarioProvider}: {@code fake} (max 3 in flight, 1 s read timeout),
 * {@code capped} ($0.01 a day), {@code broke} ($0.003 a day, less than one call's worst
 * case) {@code flaky} (for the breaker), {@code rpm} (3 requests a minute) and
 * {@code keyed} (with a secret key). Breakers open for 1.5 s. The judge is
 * {@code fake/judge-1}. The application's clock is {@link #clock}, a {@link TestClock}
 * that tests freeze and advance.
 */
@IntegrationTest
abstract class FakeProviderContext {

	static final String SECRET = "sk-test-NEVER-SHOWN-4f9c2a";

	static final ScenarioProvider provider = new ScenarioProvider(0);

	/** The application's clock (the {@code clock} bean) in this context. */
	static final TestClock clock = new TestClock();

	@TestBean(name = "clock", methodName = "testClock")
	Clock applicationClock;

	static Clock testClock() {
		return clock;
	}

	@Autowired
	RunWorker worker;

	/**
	 * Waits until the worker has looked at the queue twice more: the first drain may have
	 * begun before the caller's change, the second began after it. What it did not claim
	 * by then, it does not claim until something changes (the clock, the provider, the
	 * queue).
	 */
	void awaitTheWorkerLookedAgain() {
		long seen = this.worker.drains();
		await("two more drains of the worker").atMost(Duration.ofSeconds(30))
			.until(() -> this.worker.drains() >= seen + 2);
	}

	/**
	 * A test that froze the clock leaves it running for the next (the context is shared).
	 */
	@AfterEach
	void letTheClockRun() {
		clock.resume();
	}

	@DynamicPropertySource
	static void fakeProviders(DynamicPropertyRegistry registry) {
		registry.add("app.providers.compat.fake.base-url", provider::baseUrl);
		registry.add("app.providers.compat.fake.read-timeout", () -> "PT1S");
		registry.add("app.providers.compat.fake.max-concurrency", () -> "3");
		registry.add("app.providers.compat.capped.base-url", provider::baseUrl);
		registry.add("app.providers.compat.capped.daily-spend-cap-usd", () -> "0.0100");
		registry.add("app.providers.compat.broke.base-url", provider::baseUrl);
		registry.add("app.providers.compat.broke.daily-spend-cap-usd", () -> "0.0030");
		registry.add("app.providers.compat.keyed.base-url", provider::baseUrl);
		registry.add("app.providers.compat.keyed.api-key", () -> SECRET);
		registry.add("app.providers.openai.api-key", () -> SECRET + "-openai");
		registry.add("app.providers.openai.base-url", provider::baseUrl);
		registry.add("app.providers.compat.flaky.base-url", provider::baseUrl);
		registry.add("app.providers.compat.rpm.base-url", provider::baseUrl);
		registry.add("app.providers.compat.rpm.requests-per-minute", () -> "3");
		registry.add("app.runs.backoff-base", () -> "PT0.1S");
		registry.add("app.runs.breaker.open-for", () -> "PT1.5S");
		registry.add("app.runs.worker.concurrency", () -> "8");
		registry.add("app.runs.spend-cap-recheck", () -> "PT0.2S");
		registry.add("app.grading.judge.model", () -> "fake/judge-1");
		registry.add("app.grading.judge.poll", () -> "PT0.2S");
	}

	@AfterAll
	static void keepServerForOtherClasses() {
		// the server lives as long as the JVM: the cached context (and its worker)
		// outlives one class
	}

}
