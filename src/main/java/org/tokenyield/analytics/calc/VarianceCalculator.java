package org.tokenyield.analytics.calc;

import java.util.List;
import java.util.Optional;

/**
 * Cost nondeterminism (METRICS.md section 4): for each prompt with {@code n >= 2} runs
 * whose generated tokens are known and whose mean is positive, {@code CV_p = sd / mean}
 * with the sample sd (n − 1). Reports the median CV_p and the share of those prompts
 * whose max/min exceeds 2. A prompt with min 0 and max > 0 counts as exceeding 2 (the
 * ratio is infinite); prompts with mean 0 (all runs empty) have no CV and are left out of
 * both numbers. Scores do not matter here: ungraded runs count.
 * <p>
 * Computed from each prompt's moments (count, sum, sum of squares, minimum, maximum of
 * the generated tokens), which the summary table keeps, so the figure never reads a
 * single run and costs the same at any number of runs.
 */
public final class VarianceCalculator {

	private VarianceCalculator() {
	}

	/**
	 * One prompt's spread from the moments the summary table keeps per prompt (count, sum
	 * and sum of squares, minimum and maximum of the generated tokens), so the
	 * leaderboard's token CV needs no single run; rows of several datasets add up
	 * exactly. Empty when the prompt does not enter the figure (fewer than 2 samples or a
	 * mean that is not positive).
	 */
	public static Optional<PromptVariance> fromMoments(long promptId, String category, long n, double sum,
			double sumOfSquares, double min, double max) {
		double mean = sum / n;
		if (!enters(n, mean)) {
			return Optional.empty();
		}
		// sum of squared deviations = sumsq - sum * mean; rounding can take it a hair
		// below 0
		double sd = Math.sqrt(Math.max(0, (sumOfSquares - sum * mean) / (n - 1)));
		return Optional.of(row(promptId, category, Math.toIntExact(n), mean, sd, min, max));
	}

	/**
	 * Median CV_p and share of ratios above 2 over the prompts that entered the figure.
	 */
	public static VarianceSummary of(List<PromptVariance> rows) {
		if (rows.isEmpty()) {
			return new VarianceSummary(0, null, null, rows);
		}
		double median = Stats.median(rows.stream().mapToDouble(PromptVariance::cv).toArray());
		double share = rows.stream().filter(PromptVariance::ratioAboveTwo).count() / (double) rows.size();
		return new VarianceSummary(rows.size(), median, share, rows);
	}

	private static boolean enters(long n, double mean) {
		return n >= 2 && mean > 0;
	}

	private static PromptVariance row(long promptId, String category, int n, double mean, double sd, double min,
			double max) {
		Double ratio = (min > 0) ? max / min : null;
		boolean above = (ratio == null) || ratio > 2;
		return new PromptVariance(promptId, category, n, mean, sd, sd / mean, min, max, ratio, above);
	}

}
