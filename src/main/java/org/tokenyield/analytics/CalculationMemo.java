package org.tokenyield.analytics;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

import org.tokenyield.analytics.freshness.RecomputeLanes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last results of the leaderboard's bootstraps, by their whole input (so that while
 * runs arrive, a new summary version recomputes the rows whose sums changed, not every
 * row), and the intervals that trail their point estimates.
 *
 * <p>
 * A bootstrap is a pure function of its seed and its per-prompt means, so an input equal
 * to one seen before gives the same result: the memo compares the inputs themselves
 * (records of the summary's sums, not a hash of them), so a remembered result is always
 * the one the calculation would give. The least recently used results go first.
 *
 * <p>
 * An <i>identity</i> names what a result is of (a row's summary, a drift, a slope: its
 * seed) whatever the data. {@link #trailing} answers a new input at once with its point
 * estimates and the intervals of the identity's last result, and calculates the whole
 * result on a thread of its own; when every queued calculation has landed, the
 * {@code caughtUp} listener runs (the leaderboard then makes a new summary version, so
 * its next recompute finds them all).
 */
final class CalculationMemo {

	private static final Logger log = LoggerFactory.getLogger(CalculationMemo.class);

	private final Map<List<Object>, Object> results;

	/** The last whole result of each identity. */
	private final Map<List<Object>, Object> latest;

	/** Calculations queued by {@link #trailing}: the newest input of each identity. */
	private final Map<List<Object>, Runnable> pending = new LinkedHashMap<>();

	private final AtomicLong calculated = new AtomicLong();

	private final ExecutorService intervals = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "figure-intervals");
		t.setDaemon(true);
		return t;
	});

	private final Runnable caughtUp;

	private final double pacing;

	private boolean draining;

	/**
	 * @param pacing after each whole calculation queued by {@link #trailing}, the thread
	 * rests this many times as long as it took, so that while runs keep arriving the
	 * intervals take at most 1 / (1 + pacing) of a core and leave the rest to the point
	 * estimates and the database
	 */
	CalculationMemo(int capacity, double pacing, Runnable caughtUp) {
		this.results = lru(capacity);
		this.latest = lru(capacity);
		this.pacing = Math.max(0, pacing);
		this.caughtUp = caughtUp;
	}

	private static Map<List<Object>, Object> lru(int capacity) {
		return Collections.synchronizedMap(new LinkedHashMap<>(capacity * 2, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<List<Object>, Object> eldest) {
				return size() > capacity;
			}
		});
	}

	/**
	 * The result of {@code calculation} for {@code input}: remembered, or calculated now
	 * (outside the lock; two threads may both calculate a new input, with equal results).
	 */
	@SuppressWarnings("unchecked")
	<T> T get(List<Object> identity, List<Object> input, Supplier<T> calculation) {
		List<Object> key = List.of(identity, input);
		Object known = this.results.get(key);
		if (known != null) {
			return (T) known;
		}
		T result = calculation.get();
		this.calculated.incrementAndGet();
		if (result != null) {
			this.results.put(key, result);
			this.latest.put(identity, result);
		}
		return result;
	}

	/**
	 * Forgets the last result of every identity (results remembered by their exact input
	 * stay: they are what a calculation would give). Until an identity is calculated
	 * again, {@link #trailing} calculates it whole: after a forced refresh, no interval
	 * trails.
	 */
	void forgetLatest() {
		this.latest.clear();
	}

	/**
	 * Like {@link #get} when the input was seen before or the identity has no result yet;
	 * otherwise {@code merge(point, last result)} at once, the whole calculation queued.
	 */
	@SuppressWarnings("unchecked")
	<T> T trailing(List<Object> identity, List<Object> input, Supplier<T> calculation, Supplier<T> point,
			BinaryOperator<T> merge) {
		Object known = this.results.get(List.of(identity, input));
		if (known != null) {
			return (T) known;
		}
		T last = (T) this.latest.get(identity);
		if (last == null) {
			return get(identity, input, calculation);
		}
		queue(identity, () -> get(identity, input, calculation));
		return merge.apply(point.get(), last);
	}

	private void queue(List<Object> identity, Runnable calculation) {
		synchronized (this.pending) {
			// a newer input replaces an older one
			this.pending.put(identity, calculation);
			if (this.draining) {
				return;
			}
			this.draining = true;
		}
		try {
			this.intervals.execute(this::drain);
		}
		catch (RejectedExecutionException ex) {
			// shutting down
		}
	}

	private void drain() {
		while (true) {
			Runnable next;
			synchronized (this.pending) {
				Iterator<Runnable> it = this.pending.values().iterator();
				if (!it.hasNext()) {
					this.draining = false;
					break;
				}
				next = it.next();
				it.remove();
			}
			RecomputeLanes.runThenRest(() -> {
				try {
					next.run();
				}
				catch (RuntimeException ex) {
					log.warn("Calculating a figure's intervals failed: {}", ex.getMessage());
				}
			}, this.pacing);
		}
		try {
			this.caughtUp.run();
		}
		catch (RuntimeException ex) {
			log.warn("Announcing a figure's intervals failed: {}", ex.getMessage());
		}
	}

	/** Calculations made because no equal input was remembered. */
	long calculated() {
		return this.calculated.get();
	}

	/** Whether whole calculations are queued or under way. */
	boolean trailingBehind() {
		synchronized (this.pending) {
			return this.draining;
		}
	}

	void shutdown() {
		this.intervals.shutdownNow();
	}

}
