package org.tokenyield.analytics.calc;

import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Difficulty of a prompt as seen from a version m: its pass rate over the graded runs of
 * the other versions (the caller leaves m's runs out). Easy at >= 0.8, medium from 0.3 to
 * < 0.8, hard below 0.3, unknown with fewer than 3 runs. Compared in integers, so 4/5 is
 * exactly easy.
 */
public final class DifficultyBands {

	public static final int MIN_RUNS = 3;

	private DifficultyBands() {
	}

	public static Band bandOf(long runs, long correct) {
		if (runs < MIN_RUNS) {
			return Band.UNKNOWN;
		}
		if (10L * correct >= 8L * runs) {
			return Band.EASY;
		}
		if (10L * correct >= 3L * runs) {
			return Band.MEDIUM;
		}
		return Band.HARD;
	}

	public static Band bandOf(PassCount count) {
		return bandOf(count.runs(), count.correct());
	}

	/** Band per prompt id; a prompt absent from the result is {@link Band#UNKNOWN}. */
	public static SortedMap<Long, Band> of(Collection<PassCount> counts) {
		SortedMap<Long, Band> out = new TreeMap<>();
		for (PassCount c : counts) {
			if (out.put(c.promptId(), bandOf(c)) != null) {
				throw new IllegalArgumentException("prompt " + c.promptId() + " listed twice");
			}
		}
		return out;
	}

	/** The band of a prompt, unknown when it has no count. */
	public static Band bandOf(Map<Long, Band> bands, long promptId) {
		return bands.getOrDefault(promptId, Band.UNKNOWN);
	}

}
