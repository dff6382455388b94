package org.tokenyield.analytics;

import org.tokenyield.analytics.calc.Estimate;

/**
 * One row of the leaderboard (API.md): a model version at a setting. Fields a config
 * cannot have (accuracy of a tokenizer, drift without a predecessor) are null.
 *
 * @param costPerCorrect list cost per correct answer (METRICS.md): successful runs at
 * their list price / correct runs
 * @param costPerCorrectBilled as billed: billed failed attempts and failed runs included,
 * long-prompt price tiers applied (docs/methodology-notes.md "Honest cost")
 * @param judgeCostUsd what the judge's calls grading these runs cost, never part of the
 * model's cost
 * @param rank the row's tier: 1 + the rows whose accuracy is better with the paired
 * interval above 0 (rows no interval separates share it); null without accuracy
 */
public record LeaderboardRow(String model, String setting, String family, String provider, boolean simulated,
		int prompts, Estimate accuracy, Tokens tokens, Double medianGenerated, Drift drift, Slope slope,
		Double cvMedian, Double costPerCorrect, Double costPerCorrectBilled, Double judgeCostUsd, Integer rank) {

	/** This row with its tier. */
	LeaderboardRow withRank(Integer rank) {
		return new LeaderboardRow(this.model, this.setting, this.family, this.provider, this.simulated, this.prompts,
				this.accuracy, this.tokens, this.medianGenerated, this.drift, this.slope, this.cvMedian,
				this.costPerCorrect, this.costPerCorrectBilled, this.judgeCostUsd, rank);
	}

	public record Tokens(Double input, Double generated, Double reasoning) {
	}

	/** Drift against the predecessor, METRICS.md sections 1 and 2. */
	public record Drift(String predecessor, String predecessorSetting, int prompts, Estimate input, Estimate generated,
			Estimate reasoning, Estimate accuracyChange, String verdict) {
	}

	/**
	 * The accuracy-per-token slope of the version's setting sweep, METRICS.md section 3.
	 */
	public record Slope(Estimate alpha, String regime) {
	}

}
