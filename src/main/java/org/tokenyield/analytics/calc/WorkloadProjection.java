package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Your workload (docs/methodology-notes.md "Your workload"): a config's expected accuracy
 * and monthly cost on a mix of categories, from its per-category figures.
 * <p>
 * For category c of weight w_c: A_c = mean score over the config's graded prompts of c;
 * K_c = mean cost of one prompt of c at the version's prices, priced from the per-prompt
 * mean tokens: input at {@code (1 − h)} input price + {@code h} cache-read price (h the
 * cache-hit share), generated tokens (reasoning included) at the output price. Then
 * accuracy = Σ w_c A_c, cost per prompt = Σ w_c K_c, monthly cost = prompts per month x
 * cost per prompt. Intervals: a percentile bootstrap over prompts stratified by category
 * (each resample draws n_c prompts of c with replacement, for every c), B resamples at 95
 * %, seeded, so the same data and query give the same interval.
 */
public final class WorkloadProjection {

	private final int resamples;

	public WorkloadProjection(int resamples) {
		if (resamples < 1) {
			throw new IllegalArgumentException("resamples must be >= 1");
		}
		this.resamples = resamples;
	}

	/** B = 2000, as every bootstrap of the figures. */
	public static WorkloadProjection standard() {
		return new WorkloadProjection(Bootstrap.DEFAULT_RESAMPLES);
	}

	/** USD per million tokens, as the version's current price row gives them. */
	public record Prices(double inputPerMtok, double cacheReadPerMtok, double outputPerMtok) {
	}

	/**
	 * The projection of one config; the estimates are undefined (all null) when a
	 * category of the mix has no graded prompt with known tokens ({@code missing} names
	 * them).
	 *
	 * @param prompts prompts used per category of the mix
	 */
	public record Projection(Estimate accuracy, Estimate costPerPrompt, Estimate monthlyCost,
			Map<String, Integer> prompts, List<String> missing) {
	}

	/**
	 * @param mix category weights, adding up to 1 (the caller validates them)
	 * @param means the config's per-prompt means, every category
	 */
	public Projection project(Map<String, Double> mix, List<PromptMeans> means, Prices prices, double cacheHit,
			long promptsPerMonth, long seed) {
		double inputPrice = ((1 - cacheHit) * prices.inputPerMtok() + cacheHit * prices.cacheReadPerMtok()) / 1e6;
		double outputPrice = prices.outputPerMtok() / 1e6;
		Map<String, Integer> counts = new LinkedHashMap<>();
		List<String> missing = new ArrayList<>();
		List<double[]> scores = new ArrayList<>();
		List<double[]> costs = new ArrayList<>();
		double[] weights = new double[mix.size()];
		int k = 0;
		for (Map.Entry<String, Double> e : mix.entrySet()) {
			List<PromptMeans> usable = means.stream()
				.filter(m -> e.getKey().equals(m.category()) && m.score() != null && m.input() != null
						&& m.generated() != null)
				.sorted((a, b) -> Long.compare(a.promptId(), b.promptId()))
				.toList();
			counts.put(e.getKey(), usable.size());
			if (usable.isEmpty()) {
				missing.add(e.getKey());
			}
			scores.add(usable.stream().mapToDouble(PromptMeans::score).toArray());
			costs.add(usable.stream().mapToDouble(m -> m.input() * inputPrice + m.generated() * outputPrice).toArray());
			weights[k++] = e.getValue();
		}
		if (!missing.isEmpty()) {
			return new Projection(Estimate.UNDEFINED, Estimate.UNDEFINED, Estimate.UNDEFINED, counts, missing);
		}
		double accuracy = 0;
		double cost = 0;
		for (int c = 0; c < weights.length; c++) {
			accuracy += weights[c] * Stats.mean(scores.get(c));
			cost += weights[c] * Stats.mean(costs.get(c));
		}
		double[] accuracies = new double[this.resamples];
		double[] perPrompt = new double[this.resamples];
		SplittableRandom random = new SplittableRandom(seed);
		for (int r = 0; r < this.resamples; r++) {
			for (int c = 0; c < weights.length; c++) {
				double[] s = scores.get(c);
				double[] q = costs.get(c);
				double sumScore = 0;
				double sumCost = 0;
				for (int i = 0; i < s.length; i++) {
					int at = random.nextInt(s.length);
					sumScore += s[at];
					sumCost += q[at];
				}
				accuracies[r] += weights[c] * sumScore / s.length;
				perPrompt[r] += weights[c] * sumCost / s.length;
			}
		}
		Estimate costEstimate = interval(cost, perPrompt, 1);
		return new Projection(interval(accuracy, accuracies, 1), costEstimate,
				interval(cost, perPrompt, promptsPerMonth), counts, missing);
	}

	private static Estimate interval(double value, double[] replicates, double scale) {
		double[] sorted = replicates.clone();
		Arrays.sort(sorted);
		return Estimate.of(value * scale, Stats.quantileSorted(sorted, 0.025) * scale,
				Stats.quantileSorted(sorted, 0.975) * scale);
	}

}
