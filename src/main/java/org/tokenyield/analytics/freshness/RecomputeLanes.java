package org.tokenyield.analytics.freshness;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Where {@link FigureCache} recomputes outdated figures in the background: three lanes of
 * one {@link FigurePool.FigureThread} each, so that the leaderboard's point estimates
 * follow new runs while slow figures recompute (docs/live-figures.md). A recompute is
 * told its {@link Lane}.
 * <ul>
 * <li>The <b>leaderboard</b> lane takes only the figures that carry the leaderboard's
 * point estimates ({@link FigureCache#getOnLeaderboardLane}), recomputed or computed for
 * a reader who waits; nothing else ever holds it, so a new run waits for at most the
 * leaderboard's recompute under way and its own, and a cold leaderboard never waits
 * behind a slow figure.</li>
 * <li>The <b>quick</b> lane takes every other figure whose last computation took less
 * than {@code app.analytics.slow-figure}, cheapest first, and rests
 * {@code app.analytics.quick-figure-pacing} times as long as each took.</li>
 * <li>The <b>slow</b> lane takes the rest. A figure starts no sooner than
 * {@code app.analytics.slow-figure-pacing} times its last duration after its last
 * computation ended, and the lane rests that many times as long as each took, so all slow
 * figures together take at most 1 / (1 + pacing) of a core.</li>
 * </ul>
 */
public final class RecomputeLanes {

	private final ThreadPoolExecutor leaderboard;

	private final ThreadPoolExecutor quick;

	private final ScheduledThreadPoolExecutor slow;

	private final long slowNanos;

	private final double pacing;

	private final double quickPacing;

	RecomputeLanes(long slowNanos, double pacing, double quickPacing) {
		this.slowNanos = slowNanos;
		this.pacing = Math.max(0, pacing);
		this.quickPacing = Math.max(0, quickPacing);
		this.leaderboard = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				FigurePool.thread("figure-revalidate-first"));
		this.quick = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new PriorityBlockingQueue<>(),
				FigurePool.thread("figure-revalidate"));
		this.slow = new ScheduledThreadPoolExecutor(1, FigurePool.thread("figure-revalidate-slow"));
	}

	/**
	 * Queues {@code recompute} on its lane: {@code leaderboard} figures on the
	 * leaderboard's lane, figures that took {@code lastNanos} (ending at
	 * {@code endedNanos}) on the quick or the slow lane. Returns false when shutting
	 * down.
	 */
	boolean submit(boolean leaderboard, long lastNanos, long endedNanos, Consumer<Lane> recompute) {
		try {
			if (leaderboard) {
				this.leaderboard.execute(() -> recompute.accept(Lane.LEADERBOARD));
			}
			else if (lastNanos < this.slowNanos) {
				this.quick.execute(new Cheapest(lastNanos,
						() -> runThenRest(() -> recompute.accept(Lane.QUICK), this.quickPacing)));
			}
			else {
				this.slow.schedule(() -> runThenRest(() -> recompute.accept(Lane.SLOW), this.pacing),
						slowDelay(lastNanos, endedNanos, System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	/** The leaderboard lane's thread, for a computation a reader waits for. */
	Executor leaderboardLane() {
		return this.leaderboard;
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
		this.leaderboard.shutdownNow();
		this.quick.shutdownNow();
		this.slow.shutdownNow();
	}

	/** A recompute on the quick lane, where the cheapest goes first. */
	private record Cheapest(long costNanos, Runnable work) implements Runnable, Comparable<Cheapest> {

		@Override
		public void run() {
			this.work.run();
		}

		@Override
		public int compareTo(Cheapest other) {
			return Long.compare(this.costNanos, other.costNanos);
		}

	}

}
