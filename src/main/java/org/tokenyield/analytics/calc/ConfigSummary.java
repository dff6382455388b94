package org.tokenyield.analytics.calc;

import java.util.List;

/**
 * The leaderboard numbers of one config (METRICS.md "Per-prompt means, then macro
 * averages"). Every mean is a macro average of per-prompt means, each prompt weighing the
 * same.
 *
 * @param prompts prompts in the config
 * @param gradedPrompts prompts with a score, the base of {@code accuracy}
 * @param accuracy A_c = mean of the per-prompt mean scores, with its bootstrap interval;
 * undefined when nothing is graded
 * @param input mean input tokens over the prompts that report them
 * @param generated T_c, mean generated tokens over the prompts that report them
 * @param reasoning mean reasoning tokens over the prompts that report them; null when
 * none does
 * @param medianGenerated median of the per-prompt mean generated tokens
 * @param costPerCorrect total cost of the runs / number of correct runs; null with no
 * correct run
 */
public record ConfigSummary(int prompts, int gradedPrompts, Estimate accuracy, Double input, Double generated,
		Double reasoning, Double medianGenerated, Double costPerCorrect) {

	/** Summary with the default bootstrap (B = 2000, 95 %). */
	public static ConfigSummary of(List<PromptMeans> means, long seed) {
		return of(means, seed, Bootstrap.standard());
	}

	/**
	 * The summary with its accuracy interval from the Poisson bootstrap
	 * ({@link ConfigSums}).
	 */
	public static ConfigSummary of(List<PromptMeans> means, long seed, Bootstrap bootstrap) {
		Pairing.requireUniquePrompts(means);
		ConfigSums sums = new ConfigSums(seed, bootstrap);
		for (PromptMeans m : means) {
			sums.add(m);
		}
		return sums.summary();
	}

}
