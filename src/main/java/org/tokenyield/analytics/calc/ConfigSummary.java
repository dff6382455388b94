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

	public static ConfigSummary of(List<PromptMeans> means, long seed, Bootstrap bootstrap) {
		Pairing.requireUniquePrompts(means);
		double[] scores = means.stream().filter(m -> m.score() != null).mapToDouble(PromptMeans::score).toArray();
		Estimate accuracy = bootstrap.estimate(scores.length, seed, idx -> Stats.mean(scores, idx));
		double[] generated = means.stream()
			.filter(m -> m.generated() != null)
			.mapToDouble(PromptMeans::generated)
			.toArray();
		double cost = 0;
		long correct = 0;
		for (PromptMeans m : means) {
			cost += m.cost();
			correct += m.correct();
		}
		return new ConfigSummary(means.size(), scores.length, accuracy,
				Stats.boxed(Stats
					.mean(means.stream().filter(m -> m.input() != null).mapToDouble(PromptMeans::input).toArray())),
				Stats.boxed(Stats.mean(generated)),
				Stats.boxed(Stats.mean(means.stream()
					.filter(m -> m.reasoning() != null)
					.mapToDouble(PromptMeans::reasoning)
					.toArray())),
				Stats.boxed(Stats.median(generated)), (correct == 0) ? null : cost / correct);
	}

}
