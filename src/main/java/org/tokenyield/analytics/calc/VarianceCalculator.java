package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Cost nondeterminism (METRICS.md section 4): for each prompt with {@code n >= 2} runs whose
 * generated tokens are known and whose mean is positive, {@code CV_p = sd / mean} with the
 * sample sd (n − 1). Reports the median CV_p and the share of those prompts whose max/min
 * exceeds 2. A prompt with min 0 and max > 0 counts as exceeding 2 (the ratio is infinite);
 * prompts with mean 0 (all runs empty) have no CV and are left out of both numbers. Scores do
 * not matter here: ungraded runs count.
 */
public final class VarianceCalculator {

	public VarianceSummary summarize(Collection<RunObservation> runs) {
		List<PromptVariance> rows = new ArrayList<>();
		for (Map.Entry<Long, List<RunObservation>> e : Runs.byPrompt(runs, r -> r.generated() != null).entrySet()) {
			List<RunObservation> list = e.getValue();
			int n = list.size();
			if (n < 2) {
				continue;
			}
			double[] g = list.stream().mapToDouble(RunObservation::generated).toArray();
			double mean = Stats.mean(g);
			if (!(mean > 0)) {
				continue;
			}
			double ss = 0;
			double min = Double.POSITIVE_INFINITY;
			double max = Double.NEGATIVE_INFINITY;
			for (double v : g) {
				ss += (v - mean) * (v - mean);
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
			double sd = Math.sqrt(ss / (n - 1));
			Double ratio = (min > 0) ? max / min : null;
			boolean above = (ratio == null) || ratio > 2;
			rows.add(new PromptVariance(e.getKey(), list.get(0).category(), n, mean, sd, sd / mean, min, max, ratio,
					above));
		}
		if (rows.isEmpty()) {
			return new VarianceSummary(0, null, null, rows);
		}
		double median = Stats.median(rows.stream().mapToDouble(PromptVariance::cv).toArray());
		double share = rows.stream().filter(PromptVariance::ratioAboveTwo).count() / (double) rows.size();
		return new VarianceSummary(rows.size(), median, share, rows);
	}

}
