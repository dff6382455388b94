package org.tokenyield.imports;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * When to refresh the planner's statistics of {@code runs} after imports: once a quiet
 * moment after the last of a series of requests, never while one is in flight.
 * <p>
 * An import adds runs faster than autovacuum notices, so the per-config figures are
 * planned with stale row counts until {@code runs} is analyzed again (docs/benchmark.md).
 * But an ANALYZE samples 30,000 rows wherever they lie (1–2 s on a busy 2-core machine at
 * 2M runs); scheduled a second after each request, it ran during nearly every next
 * request as soon as requests took longer than that second, which they do as the table
 * grows: 99 ANALYZEs in a 2M-run import (docs/benchmark.md, "Import at 10M"). A client
 * sending its requests one after another is one series, and gets one ANALYZE at its end.
 */
final class AnalyzeAfterImports {

	private final Runnable analyze;

	private final Duration quiet;

	private final ScheduledExecutorService scheduler;

	private int inFlight;

	private boolean wanted;

	private ScheduledFuture<?> due;

	AnalyzeAfterImports(Runnable analyze, Duration quiet) {
		this(analyze, quiet, Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "import-analyze");
			t.setDaemon(true);
			return t;
		}));
	}

	/** With the scheduler that runs the ANALYZE (a test fires it by hand). */
	AnalyzeAfterImports(Runnable analyze, Duration quiet, ScheduledExecutorService scheduler) {
		this.analyze = analyze;
		this.quiet = quiet;
		this.scheduler = scheduler;
	}

	/** An import request begins: an ANALYZE not yet started waits for it. */
	synchronized void started() {
		this.inFlight++;
		if (this.due != null) {
			this.due.cancel(false);
			this.due = null;
		}
	}

	/**
	 * An import request ended; {@code worthAnalyzing} when it added enough runs to move
	 * the statistics. The last request in flight schedules the ANALYZE one quiet period
	 * later.
	 */
	synchronized void ended(boolean worthAnalyzing) {
		this.inFlight--;
		this.wanted |= worthAnalyzing;
		if (this.inFlight > 0 || !this.wanted) {
			return;
		}
		try {
			this.due = this.scheduler.schedule(this::runIfStillQuiet, this.quiet.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// shutting down
		}
	}

	private void runIfStillQuiet() {
		synchronized (this) {
			if (this.inFlight > 0) {
				// a request began as this one was due: its own end schedules again
				return;
			}
			this.wanted = false;
			this.due = null;
		}
		this.analyze.run();
	}

	void stop() {
		this.scheduler.shutdownNow();
	}

}
