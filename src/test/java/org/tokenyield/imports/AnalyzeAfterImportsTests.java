package org.tokenyield.imports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A series of import requests gets one ANALYZE of runs, after the last one, never one
 * while a request is in flight (docs/benchmark.md, "Import at 10M"). The scheduler holds
 * what is due until the test fires it, so "never" is checked by firing everything
 * pending, not by waiting a while.
 */
class AnalyzeAfterImportsTests {

	static final Duration QUIET = Duration.ofMillis(150);

	final AtomicInteger analyzed = new AtomicInteger();

	final ManualScheduler scheduler = new ManualScheduler();

	final AnalyzeAfterImports analyzer = new AnalyzeAfterImports(this.analyzed::incrementAndGet, QUIET, this.scheduler);

	@AfterEach
	void stop() {
		this.analyzer.stop();
	}

	@Test
	void requestsOneAfterAnotherGetOneAnalyzeAfterTheLast() {
		for (int i = 0; i < 4; i++) {
			this.analyzer.started();
			// a request longer than the quiet period: the ANALYZE asked for by the one
			// before must not run during it
			this.scheduler.fireAll();
			assertThat(this.analyzed).as("analyzed during request %d", i).hasValue(0);
			this.analyzer.ended(true);
		}
		assertThat(this.scheduler.delays).as("each end schedules one quiet period later")
			.hasSize(4)
			.containsOnly(QUIET);
		this.scheduler.fireAll();
		assertThat(this.analyzed).hasValue(1);
		this.scheduler.fireAll();
		assertThat(this.analyzed).as("nothing else was due").hasValue(1);
	}

	@Test
	void overlappingRequestsWaitForTheLastInFlight() {
		this.analyzer.started();
		this.analyzer.started();
		this.analyzer.ended(true);
		this.scheduler.fireAll();
		assertThat(this.analyzed).as("one request still in flight").hasValue(0);
		// the last one added few runs, but the series as a whole asked for an ANALYZE
		this.analyzer.ended(false);
		this.scheduler.fireAll();
		assertThat(this.analyzed).hasValue(1);
	}

	@Test
	void anAnalyzeDueAsARequestBeginsWaitsForItsEnd() {
		this.analyzer.started();
		this.analyzer.ended(true);
		this.analyzer.started();
		// the scheduler already ran the task when the new request cancelled it
		this.scheduler.fireAllEvenIfCancelled();
		assertThat(this.analyzed).hasValue(0);
		this.analyzer.ended(false);
		this.scheduler.fireAll();
		assertThat(this.analyzed).hasValue(1);
	}

	@Test
	void smallImportsAnalyzeNothing() {
		this.analyzer.started();
		this.analyzer.ended(false);
		assertThat(this.scheduler.delays).isEmpty();
		this.scheduler.fireAll();
		assertThat(this.analyzed).hasValue(0);
	}

	/** Holds what is scheduled until the test fires it; cancelled tasks never run. */
	static final class ManualScheduler extends ScheduledThreadPoolExecutor {

		final List<Duration> delays = new ArrayList<>();

		private final List<Due> pending = new ArrayList<>();

		ManualScheduler() {
			super(0);
		}

		@Override
		public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
			Due due = new Due(task, Duration.of(delay, unit.toChronoUnit()));
			this.delays.add(due.delay);
			this.pending.add(due);
			return due;
		}

		void fireAll() {
			List<Due> due = List.copyOf(this.pending);
			this.pending.clear();
			due.forEach(Due::run);
		}

		void fireAllEvenIfCancelled() {
			List<Due> due = List.copyOf(this.pending);
			this.pending.clear();
			due.forEach((d) -> d.task.run());
		}

	}

	static final class Due extends FutureTask<Void> implements ScheduledFuture<Void> {

		final Runnable task;

		final Duration delay;

		Due(Runnable task, Duration delay) {
			super(task, null);
			this.task = task;
			this.delay = delay;
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(this.delay);
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

	}

}
