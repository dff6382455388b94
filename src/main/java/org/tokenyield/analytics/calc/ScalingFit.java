package org.tokenyield.analytics.calc;

import java.util.List;

/**
 * The accuracy-per-token slope of one model across its settings (METRICS.md section 3).
 *
 * @param prompts paired prompts P (graded, with generated tokens, at every setting)
 * @param points one per setting, in the caller's order of settings
 * @param alpha log-log slope of ln A on ln T, with its paired bootstrap interval
 * @param beta accuracy per doubling of tokens (slope of A on log2 T), with its interval
 * @param sweetSpot the setting with the highest accuracy (ties: fewer tokens)
 * @param efficientSetting the fewest-token setting within 1 point of the best accuracy
 * @param peaked true when the sweet spot is not the largest-token setting and beats it
 * with an interval above 0
 */
public record ScalingFit(int prompts, List<ScalingPoint> points, Estimate alpha, Estimate beta, ScalingRegime regime,
		String sweetSpot, String efficientSetting, boolean peaked) {

	public ScalingFit {
		points = List.copyOf(points);
	}

}
