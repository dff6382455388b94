package org.tokenyield.web;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.runs.RunService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A full first page: after the starter prompts are queued (order 10) and before the
 * application reports ready (readiness follows the runners), waits for the offline runs
 * to finish (the worker runs them meanwhile, they need no key and no network) and
 * refreshes the figures, so the first reader sees every starter result. Bounded by
 * {@code app.first-page.wait}; skipped at once when no offline run is waiting. The
 * refresh is the only tie to the analytics internals. An instance whose run worker is off
 * ({@code app.runs.worker.enabled=false}) has nothing to wait for, so it has no warm-up.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "app.runs.worker.enabled", havingValue = "true", matchIfMissing = true)
class StarterFiguresWarmup implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(StarterFiguresWarmup.class);

	/** The providers that run locally: fast, free, always configured. */
	static final List<String> OFFLINE_PROVIDERS = List.of("tokenizer", "simulator");

	private final LongSupplier unfinishedRuns;

	private final Runnable refreshFigures;

	private final Duration wait;

	@Autowired
	StarterFiguresWarmup(RunService runs, SummaryVersionStamper stamper, FirstPageProperties properties) {
		this(() -> runs.unfinishedRuns(OFFLINE_PROVIDERS), () -> stamper.refreshNow(true), properties.maxWait());
	}

	/** With how many offline runs wait and what refreshes the figures (for tests). */
	StarterFiguresWarmup(LongSupplier unfinishedRuns, Runnable refreshFigures, Duration wait) {
		this.unfinishedRuns = unfinishedRuns;
		this.refreshFigures = refreshFigures;
		this.wait = wait;
	}

	@Override
	public void run(ApplicationArguments args) {
		warmUp();
	}

	/** Returns whether every offline run had finished when the figures were refreshed. */
	boolean warmUp() {
		if (this.wait.isZero() || this.wait.isNegative() || this.unfinishedRuns.getAsLong() == 0) {
			return true;
		}
		long started = System.nanoTime();
		long deadline = started + this.wait.toNanos();
		long left;
		while ((left = this.unfinishedRuns.getAsLong()) > 0 && System.nanoTime() < deadline) {
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		this.refreshFigures.run();
		long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
		if (left > 0) {
			log.info(
					"Starter figures: {} offline runs still waiting after {} s; they land in the figures as they finish",
					left, seconds);
			return false;
		}
		log.info("Starter figures ready after {} s of offline runs", seconds);
		return true;
	}

}
