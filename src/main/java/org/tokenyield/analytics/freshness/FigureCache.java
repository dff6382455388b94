package org.tokenyield.analytics.freshness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.tokenyield.analytics.AnalyticsProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Computed figures, served stale while they revalidate (docs/live-figures.md): a reader
 * never waits for a recompute that another reader, or a new run, made necessary.
 *
 * <p>
 * One Caffeine cache of at most {@code app.analytics.cache-size} entries, each a figure
 * with the summary version it was computed from ({@link Versioned}: its {@code as_of}). A
 * read of a current entry is a lookup. A read of an outdated entry answers it at once and
 * queues one recompute on a {@link RecomputeLanes lane} (single flight: a key is queued
 * at most once). Only a figure never computed makes its reader wait, and concurrent
 * readers of it share one computation on the {@link FigurePool}. Caffeine's own
 * {@code refreshAfterWrite} is not used: a figure goes stale when the summary gets a new
 * version, not after a time.
 *
 * <p>
 * A figure read from inside another figure's computation (on a figure thread) is brought
 * up to date there before it is used, so an entry stamped with a version never holds data
 * older than that version.
 */
@Component
public class FigureCache implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(FigureCache.class);

	private final SummaryVersionStamper stamper;

	private final AsyncCache<List<Object>, Entry> entries;

	/**
	 * Moves on at every {@link #clear()}: a computation started before it stores nothing.
	 */
	private final AtomicLong generation = new AtomicLong();

	/** Figures queued for a background recompute. */
	private final Set<List<Object>> queued = ConcurrentHashMap.newKeySet();

	private final FigurePool pool;

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

	private final LongAdder hits = new LongAdder();

	private final LongAdder staleHits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	/**
	 * Kinds of figure (a key's first part) followed for
	 * {@code app.analytics.follow-leaderboard} after last read rather than a minute.
	 */
	private final Set<Object> followedLonger = ConcurrentHashMap.newKeySet();

	/** The figures followed whenever they were last read ({@link #followAlways}). */
	private final Set<List<Object>> followedAlways = ConcurrentHashMap.newKeySet();

	/** {@code app.analytics.follow-leaderboard}, in nanoseconds. */
	private final long followLongerNanos;

	/** How long after its last read any figure is followed. */
	private static final long FOLLOWED_NANOS = TimeUnit.MINUTES.toNanos(1);

	/**
	 * At most this many figures are followed past the minute, the most recently read: as
	 * many filters as ConfigMeansQuery keeps reads of (8) would make each recompute push
	 * another filter's read out, and a read in full cost far more than following.
	 */
	static final int FOLLOWED_LONGER = 4;

	/**
	 * A figure followed past its minute is recomputed no sooner than this after its last
	 * computation ended: at every version (four a second), a board that nobody read held
	 * the leaderboard lane through a whole 10M import (697 s, 591–660 s before). Not a
	 * multiple of its cost: after an import's read in full (8 s) that rested 32 s, the
	 * next chunk outgrew a patch, read in full again, and the board stayed behind to the
	 * end (docs/benchmark.md, 2026-12-06).
	 */
	static final Duration FOLLOW_REST = Duration.ofSeconds(1);

	FigureCache(SummaryVersionStamper stamper, ComputeBudget budget, FigurePool pool, AnalyticsProperties properties,
			Clock clock) {
		this.stamper = stamper;
		this.clock = clock;
		this.budget = budget;
		this.pool = pool;
		// upkeep on the calling thread, not on the common pool
		this.entries = Caffeine.newBuilder().maximumSize(properties.cacheSize()).executor(Runnable::run).buildAsync();
		this.lanes = new RecomputeLanes(properties.slowFigure().toNanos(), properties.slowFigurePacing(),
				properties.quickFigurePacing());
		this.followLongerNanos = properties.followLeaderboard().toNanos();
		stamper.onForcedRefresh(this::clear);
		stamper.onNewVersion(this::revalidateRecent);
	}

	/**
	 * The figure of {@code parts}: current, or stale while one recompute runs in the
	 * background. Its as_of counts towards the request's
	 * {@link FigureRequest#servedAsOf()}.
	 */
	public <T> T get(Supplier<T> compute, Object... parts) {
		return served(read(false, Lane.READER, lane -> compute.get(), parts));
	}

	/** Like {@link #get(Supplier, Object...)}, the figure with its as_of. */
	public <T> Versioned<T> versioned(Supplier<T> compute, Object... parts) {
		return read(false, Lane.READER, lane -> compute.get(), parts);
	}

	/**
	 * Like {@link #get(Supplier, Object...)} for a figure that carries the leaderboard's
	 * point estimates (the freshness promise of docs/live-figures.md is about these): its
	 * background recompute runs on a lane of its own and is never paced; {@code compute}
	 * is told its lane.
	 */
	public <T> T getOnLeaderboardLane(Function<Lane, T> compute, Object... parts) {
		return served(read(true, Lane.READER, compute, parts));
	}

	/** Like {@link #getOnLeaderboardLane}, the figure with its as_of. */
	public <T> Versioned<T> versionedOnLeaderboardLane(Function<Lane, T> compute, Object... parts) {
		return read(true, Lane.READER, compute, parts);
	}

	/**
	 * A leaderboard figure read inside another figure's computation on {@code lane}:
	 * current, computed here on that lane when it is not.
	 */
	public <T> T within(Lane lane, Function<Lane, T> compute, Object... parts) {
		return read(true, lane, compute, parts).value();
	}

	private static <T> T served(Versioned<T> figure) {
		if (!FigurePool.computing()) {
			FigureRequest.served(figure.asOf());
		}
		return figure.value();
	}

	private <T> Versioned<T> read(boolean leaderboard, Lane nestedLane, Function<Lane, T> compute, Object... parts) {
		List<Object> key = Collections.unmodifiableList(new ArrayList<>(Arrays.asList(parts)));
		Instant current = this.stamper.refreshedAt();
		boolean nested = FigurePool.computing();
		Instant floor = nested ? null : FigureRequest.floor();
		CompletableFuture<Entry> present = this.entries.getIfPresent(key);
		Entry hit = done(present);
		if (hit != null) {
			hit.lastReadNanos = System.nanoTime();
			boolean aboveFloor = floor == null || !hit.asOf.isBefore(floor);
			if (!hit.asOf.isBefore(current) && aboveFloor) {
				this.hits.increment();
				return hit.versioned();
			}
			if (!nested && aboveFloor) {
				this.staleHits.increment();
				revalidate(key, hit);
				return hit.versioned();
			}
		}
		this.misses.increment();
		if (nested) {
			// computed on its outer figure's thread: waiting for another thread from
			// inside a computation could close a circle
			return computeAndStore(key, compute, leaderboard, nestedLane).versioned();
		}
		String client = FigureRequest.client();
		if (client != null && present == null) {
			// only new filter combinations cost the asker (ComputeBudget)
			this.budget.charge(client);
		}
		long started = System.nanoTime();
		Entry computed;
		if (hit == null) {
			CompletableFuture<Entry> shared = this.entries.get(key, (k, executor) -> CompletableFuture
				.supplyAsync(() -> computeEntry(compute, leaderboard, Lane.READER), executorFor(leaderboard)));
			computed = await(shared);
			if (computed.value == null) {
				// nothing to keep: the next read computes again
				this.entries.asMap().computeIfPresent(key, (k, f) -> {
					Entry e = done(f);
					return e != null && e.value == null ? null : f;
				});
			}
		}
		else {
			computed = await(submit(leaderboard, () -> computeAndStore(key, compute, leaderboard, Lane.READER)));
		}
		if (floor != null && computed.asOf.isBefore(floor)) {
			// joined a computation that started before the floor
			computed = await(submit(leaderboard, () -> computeAndStore(key, compute, leaderboard, Lane.READER)));
		}
		computed("reader", started);
		return computed.versioned();
	}

	/**
	 * Where a reader's computation runs: a leaderboard figure on the leaderboard's lane,
	 * which nothing slow ever holds (a cold leaderboard never waits behind a cold scaling
	 * figure on the pool), any other on the pool.
	 */
	private Executor executorFor(boolean leaderboard) {
		return leaderboard ? this.lanes.leaderboardLane() : this.pool.executor();
	}

	private Future<Entry> submit(boolean leaderboard, Callable<Entry> computation) {
		FutureTask<Entry> task = new FutureTask<>(computation);
		executorFor(leaderboard).execute(task);
		return task;
	}

	private static Entry done(CompletableFuture<Entry> future) {
		if (future == null || !future.isDone() || future.isCompletedExceptionally()) {
			return null;
		}
		return future.join();
	}

	private Entry computeEntry(Function<Lane, ?> compute, boolean leaderboard, Lane lane) {
		Instant asOf = this.stamper.refreshedAt();
		Instant began = this.clock.instant();
		Object value = compute.apply(lane);
		long cost = Duration.between(began, this.clock.instant()).toNanos();
		return new Entry(value, asOf, compute, leaderboard, cost, System.nanoTime());
	}

	/**
	 * Computes and keeps the figure unless the entries were cleared meanwhile or a newer
	 * one is there already; a kept figure keeps the time it was last read.
	 */
	private Entry computeAndStore(List<Object> key, Function<Lane, ?> compute, boolean leaderboard, Lane lane) {
		long started = this.generation.get();
		Entry entry = computeEntry(compute, leaderboard, lane);
		if (entry.value == null) {
			return entry;
		}
		this.entries.asMap().compute(key, (k, old) -> {
			if (this.generation.get() != started) {
				return old; // cleared meanwhile: computed before a forced refresh
			}
			Entry present = done(old);
			if (old != null && present == null && !old.isDone()) {
				return old; // a reader's computation under way: it will land
			}
			if (present != null) {
				if (present.asOf.isAfter(entry.asOf)) {
					return old;
				}
				entry.lastReadNanos = present.lastReadNanos;
			}
			return CompletableFuture.completedFuture(entry);
		});
		return entry;
	}

	private static Entry await(Future<Entry> running) {
		try {
			return running.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a figure", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause()
					: ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(cause);
		}
	}

	/**
	 * Queues one background recompute of {@code key} on its lane, unless one is queued
	 * already or a reader's computation of it is under way.
	 */
	private void revalidate(List<Object> key, Entry stale) {
		CompletableFuture<Entry> present = this.entries.getIfPresent(key);
		if ((present != null && !present.isDone()) || !this.queued.add(key)) {
			return;
		}
		boolean queuedOnLane = this.lanes.submit(stale.leaderboard, stale.computeNanos, stale.computedNanos, lane -> {
			this.queued.remove(key);
			if (isCurrent(key)) {
				// brought up to date meanwhile, inside another figure or by a reader
				return;
			}
			try {
				long started = System.nanoTime();
				Entry done = computeAndStore(key, stale.compute, stale.leaderboard, lane);
				computed("background", started);
				if (done.asOf.isBefore(this.stamper.refreshedAt())
						&& System.nanoTime() - done.lastReadNanos < FOLLOWED_NANOS) {
					// a newer version came while this one computed: go again rather than
					// wait for a reader to notice (one followed past its minute waits for
					// the next version and its rest: followed)
					revalidate(key, done);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Recomputing figure {} failed: {}", key.get(0), ex.getMessage());
			}
		});
		if (!queuedOnLane) {
			this.queued.remove(key); // shutting down: nothing more to recompute
		}
	}

	private boolean isCurrent(List<Object> key) {
		Entry entry = done(this.entries.getIfPresent(key));
		return entry != null && !entry.asOf.isBefore(this.stamper.refreshedAt());
	}

	/**
	 * Figures of this kind (the first part of their key) are followed for
	 * {@code app.analytics.follow-leaderboard} after their last read instead of a minute
	 * ({@link #revalidateRecent}).
	 */
	public void followLonger(Object kind) {
		this.followedLonger.add(kind);
	}

	/**
	 * This figure (its key's parts) is followed whenever it was last read, first among
	 * those {@link #followLonger followed longer}: the home page's leaderboard, which a
	 * quiet instance may not read during an import longer than the window (28 minutes for
	 * ten million runs of new prompts: its next reader waited 344 s, docs/benchmark.md).
	 */
	public void followAlways(Object... parts) {
		this.followedAlways.add(List.of(parts));
	}

	/**
	 * After a new summary version, recomputes without waiting for their next reader the
	 * figures read in the last minute, and the {@link #FOLLOWED_LONGER} last read of the
	 * kinds {@link #followLonger followed longer} within their window, at most once a
	 * second ({@link #followed}), so the leaderboard's point estimates follow new runs
	 * within the refresh interval plus the leaderboard lane's recompute
	 * (docs/live-figures.md). A leaderboard nobody read for minutes thus patches an
	 * import as it lands; left behind, its next reader would wait for a read in full of
	 * every group (docs/benchmark.md, 2026-12-06).
	 */
	void revalidateRecent() {
		Map<List<Object>, Entry> done = new HashMap<>();
		Map<List<Object>, Reading> readings = new HashMap<>();
		this.entries.asMap().forEach((key, future) -> {
			Entry entry = done(future);
			if (entry != null) {
				done.put(key, entry);
				readings.put(key, new Reading(entry.lastReadNanos, entry.computedNanos));
			}
		});
		for (List<Object> key : followed(readings, System.nanoTime(), this.followedLonger, this.followLongerNanos,
				this.followedAlways)) {
			revalidate(key, done.get(key));
		}
	}

	/**
	 * What {@link #followed} knows of a figure: when it was last read and when its last
	 * computation ended (nanoTime).
	 */
	record Reading(long lastReadNanos, long endedNanos) {
	}

	/**
	 * The figures to recompute at a new version: those read in the minute before
	 * {@code now}; and of those in {@code always} and those whose kind (their key's first
	 * part) is in {@code kinds} and read within {@code window}, the
	 * {@link #FOLLOWED_LONGER} first (those in {@code always}, then the last read), each
	 * once {@link #FOLLOW_REST} has passed since its last computation ended.
	 */
	static List<List<Object>> followed(Map<List<Object>, Reading> figures, long now, Set<Object> kinds, long window,
			Set<List<Object>> always) {
		long minute = now - FOLLOWED_NANOS;
		long longer = now - window;
		List<List<Object>> followed = new ArrayList<>();
		List<List<Object>> kept = new ArrayList<>();
		figures.forEach((key, figure) -> {
			if (figure.lastReadNanos() - minute > 0) {
				followed.add(key);
			}
			else if (always.contains(key) || (figure.lastReadNanos() - longer > 0 && kinds.contains(key.get(0)))) {
				kept.add(key);
			}
		});
		kept.sort(Comparator.comparing((List<Object> key) -> !always.contains(key))
			.thenComparing(
					Comparator.comparingLong((List<Object> key) -> figures.get(key).lastReadNanos()).reversed()));
		for (List<Object> key : kept.subList(0, Math.min(FOLLOWED_LONGER, kept.size()))) {
			if (now - figures.get(key).endedNanos() >= FOLLOW_REST.toNanos()) {
				followed.add(key);
			}
		}
		return followed;
	}

	/**
	 * Drops every entry: the next read computes afresh (a forced refresh, see
	 * SummaryVersionStamper). Computations under way keep their waiters but store
	 * nothing.
	 */
	void clear() {
		this.generation.incrementAndGet();
		this.entries.synchronous().invalidateAll();
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
		return this.hits.sum();
	}

	/** Reads answered with an outdated figure while it was recomputed. */
	public long staleHits() {
		return this.staleHits.sum();
	}

	public long misses() {
		return this.misses.sum();
	}

	@Override
	public void destroy() {
		this.lanes.shutdown();
	}

	/**
	 * A computed figure and what it was computed from; {@code compute} recomputes it,
	 * which took {@code computeNanos} last time and ended at {@code computedNanos};
	 * {@code leaderboard} figures recompute on the leaderboard's lane.
	 */
	private static final class Entry {

		final Object value;

		final Instant asOf;

		final Function<Lane, ?> compute;

		final boolean leaderboard;

		final long computeNanos;

		final long computedNanos;

		volatile long lastReadNanos;

		Entry(Object value, Instant asOf, Function<Lane, ?> compute, boolean leaderboard, long computeNanos,
				long computedNanos) {
			this.value = value;
			this.asOf = asOf;
			this.compute = compute;
			this.leaderboard = leaderboard;
			this.computeNanos = computeNanos;
			this.computedNanos = computedNanos;
			this.lastReadNanos = computedNanos;
		}

		@SuppressWarnings("unchecked")
		<T> Versioned<T> versioned() {
			return new Versioned<>((T) this.value, this.asOf);
		}

	}

}
