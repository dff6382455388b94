package org.tokenyield.analytics.freshness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;

import org.tokenyield.analytics.AnalyticsProperties;
import org.tokenyield.analytics.freshness.FigureEntries.FigureEntry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Computed figures, served stale while they revalidate (docs/live-figures.md): a reader
 * never waits for a recompute that another reader, or a new run, made necessary.
 *
 * <p>
 * Every entry remembers the summary version ({@link SummaryVersionStamper#refreshedAt()})
 * it was computed from: its {@code as_of}. A read of a current entry is a map lookup. A
 * read of an outdated entry answers the entry at once and queues one recompute of it in
 * the background (single-flight: a key is queued at most once) on one of the
 * {@link RecomputeLanes}. Only a figure never computed before makes its reader wait, and
 * concurrent readers of it share one computation. At most
 * {@code app.analytics.max-computations} computations of cold readers and the slow lane
 * run at once, plus the first and quick lanes' one each, so readers varying filters
 * cannot take every core or every database connection.
 *
 * <p>
 * A figure computed inside another figure's computation is brought up to date before it
 * is used, so an entry stamped with a version never holds data older than that version.
 */
@Component
public class FigureCache implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(FigureCache.class);

	/**
	 * Depth of figure computations on this thread: nested reads must be current, not
	 * stale.
	 */
	private static final ThreadLocal<int[]> COMPUTING = ThreadLocal.withInitial(() -> new int[1]);

	private final SummaryVersionStamper stamper;

	private final FigureEntries entries;

	/**
	 * Computations running now, which readers of the same figure wait for instead of
	 * repeating.
	 */
	private final Map<List<Object>, CompletableFuture<FigureEntry>> inFlight = new ConcurrentHashMap<>();

	/** Figures queued for a background recompute. */
	private final java.util.Set<List<Object>> queued = ConcurrentHashMap.newKeySet();

	private final Semaphore computations;

	private final RecomputeLanes lanes;

	/**
	 * Told of each computation a reader waited for ("reader") or a background recompute
	 * ("background"), in nanoseconds.
	 */
	private final List<ObjLongConsumer<String>> computedListeners = new CopyOnWriteArrayList<>();

	private final ComputeBudget budget;

	/**
	 * Measures what a figure cost, which picks its lane: the application's clock, so a
	 * test makes a figure slow by advancing it rather than by sleeping.
	 */
	private final Clock clock;

	FigureCache(SummaryVersionStamper stamper, ComputeBudget budget, AnalyticsProperties properties, Clock clock) {
		this.stamper = stamper;
		this.clock = clock;
		this.budget = budget;
		this.entries = new FigureEntries(properties.cacheSize());
		this.computations = new Semaphore(Math.max(1, properties.maxComputations()));
		this.lanes = new RecomputeLanes(properties.slowFigure().toNanos(), properties.slowFigurePacing(),
				properties.quickFigurePacing());
		stamper.onForcedRefresh(this::clear);
		stamper.onNewVersion(this::revalidateRecent);
	}

	/**
	 * The figure of {@code parts}: current, or stale while one recompute runs in the
	 * background.
	 */
	public <T> T get(Supplier<T> compute, Object... parts) {
		return get(false, compute, parts);
	}

	/**
	 * Like {@link #get(Supplier, Object...)} for a figure that carries the leaderboard's
	 * point estimates (the freshness promise of docs/live-figures.md is about these): its
	 * background recompute runs on a lane of its own and is never paced.
	 */
	public <T> T getOnLeaderboardLane(Supplier<T> compute, Object... parts) {
		return get(true, compute, parts);
	}

	private <T> T get(boolean first, Supplier<T> compute, Object... parts) {
		List<Object> key = key(parts);
		Instant current = this.stamper.refreshedAt();
		Instant floor = FigureRequest.floor();
		boolean nested = COMPUTING.get()[0] > 0;
		FigureEntry hit = this.entries.lookup(key, current, floor, nested);
		if (hit != null) {
			if (hit.asOf().isBefore(current)) {
				revalidate(key, hit);
			}
			return served(hit);
		}
		// a nested figure is computed on its outer figure's thread: waiting for another
		// thread from inside a computation could close a circle
		String client = FigureRequest.client();
		if (!nested && client != null && !this.inFlight.containsKey(key)) {
			// only new filter combinations cost the asker (ComputeBudget)
			this.budget.charge(client);
		}
		long started = System.nanoTime();
		FigureEntry computed = nested ? compute(key, compute, first) : computeShared(key, compute, first);
		if (!nested) {
			computed("reader", started);
		}
		if (floor != null && computed.asOf().isBefore(floor)) {
			// joined a computation that started before the floor
			computed = compute(key, compute, first);
		}
		return served(computed);
	}

	@SuppressWarnings("unchecked")
	private static <T> T served(FigureEntry entry) {
		FigureRequest.served(entry.asOf());
		return (T) entry.value();
	}

	private static List<Object> key(Object... parts) {
		List<Object> key = new ArrayList<>(parts.length);
		Collections.addAll(key, parts);
		return Collections.unmodifiableList(key);
	}

	/** One computation per key at a time; later callers wait for the one under way. */
	private FigureEntry computeShared(List<Object> key, Supplier<?> compute, boolean first) {
		CompletableFuture<FigureEntry> mine = new CompletableFuture<>();
		CompletableFuture<FigureEntry> running = this.inFlight.putIfAbsent(key, mine);
		if (running != null) {
			return await(running);
		}
		try {
			FigureEntry entry = compute(key, compute, first);
			mine.complete(entry);
			return entry;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.inFlight.remove(key, mine);
		}
	}

	private FigureEntry compute(List<Object> key, Supplier<?> compute, boolean first) {
		int[] depth = COMPUTING.get();
		// a nested figure runs under its outer figure's permit (two outer figures each
		// waiting for a second permit would otherwise wait for ever); the first and quick
		// lanes run beside the permits, so their figures never queue behind slow ones
		boolean outermost = depth[0] == 0 && !RecomputeLanes.onUnpermittedLane();
		if (outermost) {
			this.computations.acquireUninterruptibly();
		}
		depth[0]++;
		try {
			long started = this.entries.generation();
			Instant asOf = this.stamper.refreshedAt();
			Instant outer = FigureRequest.servedAsOf();
			Instant began = this.clock.instant();
			Object value = compute.get();
			long cost = Duration.between(began, this.clock.instant()).toNanos();
			long ended = System.nanoTime();
			// nested figures are part of this one: its as_of speaks for them
			FigureRequest.restoreServed(outer);
			FigureEntry entry = new FigureEntry(value, asOf, compute, ended, cost, ended, first);
			if (value != null) {
				this.entries.store(key, entry, started);
			}
			return entry;
		}
		finally {
			depth[0]--;
			if (outermost) {
				this.computations.release();
			}
		}
	}

	private static FigureEntry await(CompletableFuture<FigureEntry> running) {
		try {
			return running.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a figure", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Queues one background recompute of {@code key} on its lane, unless one is queued
	 * already. Only a running computation is shared with readers (a queued one could sit
	 * behind the very computation that waits for it).
	 */
	private void revalidate(List<Object> key, FigureEntry stale) {
		if (this.inFlight.containsKey(key) || !this.queued.add(key)) {
			return;
		}
		Runnable recompute = () -> {
			this.queued.remove(key);
			if (isCurrent(key)) {
				// brought up to date meanwhile, inside another figure or by a reader
				return;
			}
			try {
				long started = System.nanoTime();
				FigureEntry done = computeShared(key, stale.supplier(), stale.first());
				computed("background", started);
				if (done.asOf().isBefore(this.stamper.refreshedAt())) {
					// a newer version came while this one computed, and its revalidation
					// skipped the figure then in flight: go again rather than wait for a
					// reader to notice
					revalidate(key, done);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Recomputing figure {} failed: {}", key.get(0), ex.getMessage());
			}
		};
		if (!this.lanes.submit(stale.first(), stale.computeNanos(), stale.computedNanos(), recompute)) {
			this.queued.remove(key); // shutting down: nothing more to recompute
		}
	}

	private boolean isCurrent(List<Object> key) {
		return this.entries.isCurrent(key, this.stamper.refreshedAt());
	}

	/**
	 * After a new summary version, recomputes the figures read in the last minute without
	 * waiting for their next reader, so the leaderboard's point estimates follow new runs
	 * within the refresh interval plus the quick lane's recomputes
	 * (docs/live-figures.md).
	 */
	void revalidateRecent() {
		long since = System.nanoTime() - TimeUnit.MINUTES.toNanos(1);
		for (Map.Entry<List<Object>, FigureEntry> e : this.entries.readSince(since)) {
			revalidate(e.getKey(), e.getValue());
		}
	}

	/**
	 * Drops every entry: the next read computes afresh (a forced refresh, see
	 * SummaryVersionStamper).
	 */
	void clear() {
		this.entries.clear();
		// computations under way keep their waiters but no longer serve new readers
		this.inFlight.clear();
	}

	/**
	 * For metrics (FigureMetrics): each outermost computation, by trigger, with its
	 * duration.
	 */
	public void onComputed(ObjLongConsumer<String> listener) {
		this.computedListeners.add(listener);
	}

	private void computed(String trigger, long startedNanos) {
		long nanos = System.nanoTime() - startedNanos;
		this.computedListeners.forEach(l -> l.accept(trigger, nanos));
	}

	public long hits() {
		return this.entries.hits();
	}

	/** Reads answered with an outdated figure while it was recomputed. */
	public long staleHits() {
		return this.entries.staleHits();
	}

	public long misses() {
		return this.entries.misses();
	}

	@Override
	public void destroy() {
		this.lanes.shutdown();
	}

}
