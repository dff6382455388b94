package org.tokenyield.analytics.freshness;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjLongConsumer;

import org.tokenyield.analytics.AnalyticsProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The figures' clock. {@code config_prompt_stats} is kept current by the writes
 * themselves (triggers on {@code runs}, db/migration/R__config_prompt_stats.sql); a write
 * that changes what figures read also marks {@code analytics_state} stale. This job turns
 * a stale mark into a new summary version, the time in
 * {@code analytics_state.refreshed_at}: the {@code as_of} of every figure computed after
 * it, and the signal for {@link FigureCache} to recompute the figures readers are looking
 * at. A version costs one single-row update, whatever the size of the history.
 */
@Component
public class SummaryVersionStamper implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SummaryVersionStamper.class);

	private final SummaryVersionRepository versions;

	private final Duration tick;

	private final long memoNanos;

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	private final List<Runnable> forced = new CopyOnWriteArrayList<>();

	/**
	 * Told of each tick of the job: whether it made a new version, and its nanoseconds
	 * (FigureMetrics).
	 */
	private final List<ObjLongConsumer<Boolean>> ticks = new CopyOnWriteArrayList<>();

	private ScheduledExecutorService clock;

	/** The last version read or made here, and when it was read. */
	private volatile Memo memo = new Memo(null, 0);

	private record Memo(Instant refreshedAt, long readAtNanos) {
	}

	SummaryVersionStamper(SummaryVersionRepository versions, AnalyticsProperties properties) {
		this.versions = versions;
		this.tick = properties.refresh();
		this.memoNanos = properties.refreshedAtMemo().toNanos();
	}

	/**
	 * Ticks every {@code app.analytics.refresh}: the freshness promise starts here. On a
	 * thread of its own, not the scheduler the other jobs share: at 10M runs a gauge's
	 * query there held the clock for up to 5 s every 10 s (docs/benchmark.md, session
	 * 18).
	 */
	@Override
	public synchronized void start() {
		if (this.clock == null) {
			this.clock = Executors.newSingleThreadScheduledExecutor(r -> {
				Thread t = new Thread(r, "summary-clock");
				t.setDaemon(true);
				return t;
			});
			this.clock.scheduleWithFixedDelay(this::refreshIfStale, 0, this.tick.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.clock != null) {
			this.clock.shutdownNow();
			this.clock = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.clock != null;
	}

	/** Called after each new version made or seen here. */
	void onNewVersion(Runnable listener) {
		this.listeners.add(listener);
	}

	void refreshIfStale() {
		long started = System.nanoTime();
		boolean made = false;
		try {
			made = refreshNow(false);
			if (!made) {
				// another instance may have made the version: notice it here too
				Instant before = this.memo.refreshedAt();
				Instant now = refreshedAt();
				if (before != null && now.isAfter(before)) {
					this.listeners.forEach(Runnable::run);
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Summary version update failed: {}", ex.getMessage());
		}
		long nanos = System.nanoTime() - started;
		boolean newVersion = made;
		this.ticks.forEach(l -> l.accept(newVersion, nanos));
	}

	public void onTick(ObjLongConsumer<Boolean> listener) {
		this.ticks.add(listener);
	}

	/**
	 * Makes a new version when the summary was marked stale; returns whether it did. With
	 * {@code force} it always makes one and drops this instance's computed figures, so
	 * that everything committed before the call is in every figure read after it returns
	 * (tests, and the start-up that fills the first page).
	 */
	public boolean refreshNow(boolean force) {
		Instant made = this.versions.newVersion(force);
		if (made == null) {
			return false;
		}
		this.memo = new Memo(made, System.nanoTime());
		if (force) {
			this.forced.forEach(Runnable::run);
		}
		this.listeners.forEach(Runnable::run);
		return true;
	}

	/**
	 * Figures changed without a write (intervals that trailed their point estimates have
	 * landed): the next tick makes a new version, so they are recomputed and served under
	 * a new {@code as_of} (and ETag).
	 */
	public void figuresChanged() {
		this.versions.markStale();
	}

	/** Called after a forced refresh (the figure cache drops its entries). */
	public void onForcedRefresh(Runnable listener) {
		this.forced.add(listener);
	}

	/**
	 * Recomputes the whole summary from {@code runs}: the repair command for a summary
	 * that anything but the triggers changed (also
	 * {@code select rebuild_config_prompt_stats()} in psql). Returns the number of
	 * (config, prompt) rows.
	 */
	public long rebuild() {
		long rows = this.versions.rebuildSummary();
		refreshNow(true);
		return rows;
	}

	/**
	 * A summary version that includes every write committed before this call: the
	 * {@code as_of} a writer hands its client, who may then ask for figures at least that
	 * fresh ({@code min_as_of}).
	 */
	public Instant versionIncludingCommitted() {
		refreshNow(false);
		this.memo = new Memo(null, 0);
		return refreshedAt();
	}

	/**
	 * The current summary version: the {@code as_of} of figures computed now. Read from
	 * the database at most every {@code app.analytics.refreshed-at-memo} (a version made
	 * by this instance is seen at once; one made by another instance within that delay),
	 * so a warm figure costs no query at all.
	 */
	public Instant refreshedAt() {
		Memo current = this.memo;
		long now = System.nanoTime();
		if (current.refreshedAt() != null && now - current.readAtNanos() < this.memoNanos) {
			return current.refreshedAt();
		}
		Instant read = this.versions.current();
		this.memo = new Memo(read, now);
		return read;
	}

}
