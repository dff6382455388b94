package org.tokenyield.analytics.calc;

import java.util.List;

/**
 * Cost nondeterminism of one config (METRICS.md section 4).
 *
 * @param prompts prompts entering the figure: at least 2 samples and a positive mean
 * @param medianCv median CV_p over those prompts; null when there is none
 * @param shareRatioAboveTwo share of those prompts whose max/min generated tokens exceeds
 * 2
 * @param rows one per prompt entering the figure, by prompt id
 */
public record VarianceSummary(int prompts, Double medianCv, Double shareRatioAboveTwo, List<PromptVariance> rows) {

	public VarianceSummary {
		rows = List.copyOf(rows);
	}

}
