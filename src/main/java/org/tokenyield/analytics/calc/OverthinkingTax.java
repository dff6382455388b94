package org.tokenyield.analytics.calc;

import java.util.List;

/**
 * Of the extra generated tokens each higher setting spends over the sweep's lowest, the
 * share spent on prompts the lowest setting already answered right in every sample
 * (docs/methodology-notes.md "The overthinking tax").
 *
 * @param baseline the setting with the fewest mean generated tokens over the paired
 * prompts
 * @param prompts paired prompts (the scaling's P)
 * @param solvedPrompts those the baseline answered right in every sample
 * @param settings one entry per setting spending more tokens than the baseline, in the
 * sweep's order
 */
public record OverthinkingTax(String baseline, int prompts, int solvedPrompts, List<Setting> settings) {

	/**
	 * @param extraTokens mean over the paired prompts of (generated here − generated at
	 * the baseline)
	 * @param tax the share of those extra tokens spent on the solved prompts, with its
	 * paired bootstrap interval; undefined when the extra tokens do not add up to more
	 * than 0
	 */
	public record Setting(String setting, double extraTokens, Estimate tax) {
	}

}
