package org.tokenyield.analytics.calc;

import java.util.List;

/**
 * Parallel scaling from repeats of one config (METRICS.md section 6): one point per k =
 * 1..max n.
 *
 * @param prompts prompts with at least one graded sample
 * @param meanTokens T_c, macro mean of per-prompt mean generated tokens (ungraded runs
 * included)
 */
public record ParallelCurve(int prompts, Double meanTokens, List<ParallelPoint> points) {

	public ParallelCurve {
		points = List.copyOf(points);
	}

}
