package org.tokenyield.analytics.freshness;

/**
 * Why a figure is being computed, handed to the computation as an argument
 * ({@link FigureCache#getOnLeaderboardLane}): for a reader who waits, or in the
 * background on one of the {@link RecomputeLanes}.
 */
public enum Lane {

	/** A figure never computed (or below a reader's floor): someone waits for it. */
	READER,

	/** The background recompute of the leaderboard's point estimates, never paced. */
	LEADERBOARD,

	/** The background recompute of a figure that was quick last time. */
	QUICK,

	/** The background recompute of a slow figure, paced. */
	SLOW

}
