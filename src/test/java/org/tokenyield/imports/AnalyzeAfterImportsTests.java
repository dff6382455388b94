package org.tokenyield.imports;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A series of import requests gets one ANALYZE of runs, after the last one, never one
 * while a request is in flight (docs/benchmark.md, "Import at 10M").
 */
class AnalyzeAfterImportsTests {

	static final Duration QUIET = Duration.ofMillis(150);

	final AtomicInteger analyzed = new AtomicInteger();

	final AnalyzeAfterImports analyzer = new AnalyzeAfterImports(this.analyzed::incrementAndGet, QUIET);

	@AfterEach
	void stop() {
		this.analyzer.stop();
	}

	@Test
	void requestsOneAfterAnotherGetOneAnalyzeAfterTheLast() throws InterruptedException {
		for (int i = 0; i < 4; i++) {
			this.analyzer.started();
			// a request longer than the quiet period: the ANALYZE asked for by the one
			// before must not run during it
			Thread.sleep(QUIET.toMillis() * 2);
			assertThat(this.analyzed).as("analyzed during request %d", i).hasValue(0);
			this.analyzer.ended(true);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.analyzed.get() == 1);
		Thread.sleep(QUIET.toMillis() * 3);
		assertThat(this.analyzed).hasValue(1);
	}

	@Test
	void overlappingRequestsWaitForTheLastInFlight() throws InterruptedException {
		this.analyzer.started();
		this.analyzer.started();
		this.analyzer.ended(true);
		Thread.sleep(QUIET.toMillis() * 3);
		assertThat(this.analyzed).as("one request still in flight").hasValue(0);
		// the last one added few runs, but the series as a whole asked for an ANALYZE
		this.analyzer.ended(false);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.analyzed.get() == 1);
	}

	@Test
	void smallImportsAnalyzeNothing() throws InterruptedException {
		this.analyzer.started();
		this.analyzer.ended(false);
		Thread.sleep(QUIET.toMillis() * 3);
		assertThat(this.analyzed).hasValue(0);
	}

}
