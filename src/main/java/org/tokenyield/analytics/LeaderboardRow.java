package org.tokenyield.analytics;

import org.tokenyield.analytics.calc.Estimate;
import org.tokenyield.analytics.calc.SettingHonour;
import org.tokenyield.analytics.calc.TimePerTask;

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
 * @param accuracyWithoutTruncated accuracy over the graded runs that were not cut at the
 * output cap (null when none is left)
 * @param truncatedRate share of the runs with a finish reason cut at the output cap (null
 * when no run has one)
 * @param timePerTask latency p50 / p95 and output tokens per second of the successful
 * runs
 * @param rank the row's tier: 1 + the rows whose accuracy is better with the paired
 * interval above 0 (rows no interval separates share it); null without accuracy
 */
public record LeaderboardRow(String model, String setting, String family, String provider, boolean simulated,
		int prompts, Estimate accuracy, Tokens tokens, Double medianGenerated, Drift drift, Slope slope,
		Double cvMedian, Double costPerCorrect, Double costPerCorrectBilled, Double judgeCostUsd,
		Double accuracyWithoutTruncated, Double truncatedRate, TimePerTask timePerTask, Integer rank) {

	/** This row with its tier. */
	LeaderboardRow withRank(Integer rank) {
		return new LeaderboardRow(this.model, this.setting, this.family, this.provider, this.simulated, this.prompts,
				this.accuracy, this.tokens, this.medianGenerated, this.drift, this.slope, this.cvMedian,
				this.costPerCorrect, this.costPerCorrectBilled, this.judgeCostUsd, this.accuracyWithoutTruncated,
				this.truncatedRate, this.timePerTask, rank);
	}

	/**
	 * Whether the accuracy without truncated runs is worth showing beside the accuracy:
	 * more than {@link SettingHonour#NOTE_RATE} of the runs were truncated.
	 */
	public boolean truncationNoted() {
		return this.truncatedRate != null && this.truncatedRate > SettingHonour.NOTE_RATE;
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
