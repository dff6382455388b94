package org.tokenyield.analytics.freshness;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Where {@link FigureCache} recomputes outdated figures in the background: three lanes of
 * one thread each, so that the leaderboard's point estimates follow new runs while slow
 * figures recompute (docs/live-figures.md).
 * <ul>
 * <li>The <b>first</b> lane takes only the figures that carry the leaderboard's point
 * estimates ({@link FigureCache#getOnLeaderboardLane}); nothing else ever holds it, so a
 * new run waits for at most the leaderboard's recompute under way and its own.</li>
 * <li>The <b>quick</b> lane takes every other figure whose last computation took less
 * than {@code app.analytics.slow-figure}, cheapest first, and rests
 * {@code app.analytics.quick-figure-pacing} times as long as each took, so that while
 * runs keep arriving it leaves the cores to the first lane and the database.</li>
 * <li>The <b>slow</b> lane takes the rest (per-run figures of a config with a long
 * history). A figure starts no sooner than {@code app.analytics.slow-figure-pacing} times
 * its last duration after its last computation ended, and the lane rests that many times
 * as long as each computation took, so all slow figures together take at most 1 / (1 +
 * pacing) of a core however fast runs arrive.</li>
 * </ul>
 * The first and quick lanes compute without a permit of
 * {@code app.analytics.max-computations} ({@link #onUnpermittedLane()}); the slow lane
 * takes one like a cold reader.
 */
public final class RecomputeLanes {

	/** True on the first and quick lanes' threads. */
	private static final ThreadLocal<Boolean> UNPERMITTED = ThreadLocal.withInitial(() -> false);

	/** True on the first lane's thread. */
	private static final ThreadLocal<Boolean> FIRST = ThreadLocal.withInitial(() -> false);

	private final ThreadPoolExecutor first;

	private final ThreadPoolExecutor quick;

	private final ScheduledThreadPoolExecutor slow;

	private final long slowNanos;

	private final double pacing;

	private final double quickPacing;

	RecomputeLanes(long slowNanos, double pacing, double quickPacing) {
		this.slowNanos = slowNanos;
		this.pacing = Math.max(0, pacing);
		this.quickPacing = Math.max(0, quickPacing);
		this.first = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				daemon("figure-revalidate-first"));
		this.quick = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new PriorityBlockingQueue<>(),
				daemon("figure-revalidate"));
		this.slow = new ScheduledThreadPoolExecutor(1, daemon("figure-revalidate-slow"));
	}

	/**
	 * Whether this thread is the first or the quick lane, which compute beside the
	 * permits.
	 */
	static boolean onUnpermittedLane() {
		return UNPERMITTED.get();
	}

	/**
	 * Whether this thread is the first lane's: a background recompute of the leaderboard,
	 * whose intervals may trail its point estimates (docs/live-figures.md).
	 */
	public static boolean onLeaderboardLane() {
		return FIRST.get();
	}

	/**
	 * Queues {@code recompute} on its lane: {@code first} figures on the first lane,
	 * figures that took {@code lastNanos} (ending at {@code endedNanos}) on the quick or
	 * the slow lane. Returns false when shutting down.
	 */
	boolean submit(boolean first, long lastNanos, long endedNanos, Runnable recompute) {
		try {
			if (first) {
				this.first.execute(new Unpermitted(0, true, recompute));
			}
			else if (lastNanos < this.slowNanos) {
				this.quick.execute(new Unpermitted(lastNanos, false, () -> runThenRest(recompute, this.quickPacing)));
			}
			else {
				this.slow.schedule(() -> runThenRest(recompute, this.pacing),
						slowDelay(lastNanos, endedNanos, System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	/**
	 * How long a slow figure that took {@code lastNanos}, ending at {@code endedNanos},
	 * still waits at {@code nowNanos}: it starts no sooner than pacing times its last
	 * duration after that end.
	 */
	long slowDelay(long lastNanos, long endedNanos, long nowNanos) {
		long due = endedNanos + (long) (this.pacing * lastNanos);
		return Math.max(0, due - nowNanos);
	}

	/**
	 * The pacing rule of every background lane: runs {@code work}, then rests
	 * {@code pacing} times as long as it took, so the thread uses at most 1 / (1 +
	 * pacing) of a core however much work is queued.
	 */
	public static void runThenRest(Runnable work, double pacing) {
		long began = System.nanoTime();
		work.run();
		LockSupport.parkNanos((long) (pacing * (System.nanoTime() - began)));
	}

	void shutdown() {
		this.first.shutdownNow();
		this.quick.shutdownNow();
		this.slow.shutdownNow();
	}

	private static ThreadFactory daemon(String name) {
		return r -> {
			Thread t = new Thread(r, name);
			t.setDaemon(true);
			return t;
		};
	}

	/**
	 * A recompute on the first or quick lane; on the quick lane the cheapest goes first.
	 */
	private record Unpermitted(long costNanos, boolean first,
			Runnable work) implements Runnable, Comparable<Unpermitted> {

		@Override
		public void run() {
			UNPERMITTED.set(true);
			FIRST.set(this.first);
			try {
				this.work.run();
			}
			finally {
				UNPERMITTED.set(false);
				FIRST.set(false);
			}
		}

		@Override
		public int compareTo(Unpermitted other) {
			return Long.compare(this.costNanos, other.costNanos);
		}

	}

}
