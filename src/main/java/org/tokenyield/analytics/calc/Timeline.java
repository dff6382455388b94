package org.tokenyield.analytics.calc;

import java.util.List;

/**
 * Drift over time of one config (METRICS.md section 8).
 *
 * @param weeks the weeks with runs, oldest first
 * @param earlyWeeks the first window compared
 * @param lateWeeks the latest window compared
 * @param tokenPrompts prompts with known tokens in both windows, the base of
 * {@code tokensChange}
 * @param tokensChange mean over those prompts of (late − early) mean generated tokens
 * @param accuracyPrompts prompts graded in both windows
 * @param accuracyChange mean over those prompts of (late − early) mean score
 * @param tokensChanged the interval of {@code tokensChange} excludes 0
 * @param accuracyChanged the interval of {@code accuracyChange} excludes 0
 */
public record Timeline(List<WeekPoint> weeks, List<String> earlyWeeks, List<String> lateWeeks, int tokenPrompts,
		Estimate tokensChange, int accuracyPrompts, Estimate accuracyChange, boolean tokensChanged,
		boolean accuracyChanged) {

	public Timeline {
		weeks = List.copyOf(weeks);
		earlyWeeks = List.copyOf(earlyWeeks);
		lateWeeks = List.copyOf(lateWeeks);
	}

}
