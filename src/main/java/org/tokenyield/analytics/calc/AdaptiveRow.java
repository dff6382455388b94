package org.tokenyield.analytics.calc;

import java.util.Map;

/**
 * Adaptive allocation against one uniform setting (METRICS.md section 7).
 *
 * @param uniformTokens T_s over the paired prompts
 * @param uniformAccuracy A_s over the paired prompts
 * @param accuracyAtSameSpend best accuracy of a per-band assignment whose mean tokens <=
 * T_s
 * @param assignmentAtSameSpend that assignment, band -> setting
 * @param tokensToMatch fewest mean tokens of an assignment with accuracy >= A_s
 * @param assignmentToMatch that assignment
 */
public record AdaptiveRow(String uniformSetting, double uniformTokens, double uniformAccuracy,
		double accuracyAtSameSpend, Map<Band, String> assignmentAtSameSpend, double tokensToMatch,
		Map<Band, String> assignmentToMatch) {

	public AdaptiveRow {
		assignmentAtSameSpend = AdaptivePlan.byBand(assignmentAtSameSpend);
		assignmentToMatch = AdaptivePlan.byBand(assignmentToMatch);
	}

}
