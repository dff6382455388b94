package org.tokenyield.analytics.calc;

/**
 * Length versus correctness within one config (METRICS.md section 5): correct rates of
 * the shortest, middle and longest third of runs by relative length z, and long − short
 * with its bootstrap interval over prompts. Rates are null when there are fewer than 3
 * runs.
 *
 * @param prompts prompts entering the figure (at least 2 usable runs)
 * @param runs usable runs (graded, generated tokens > 0) of those prompts
 */
public record LengthSummary(int prompts, int runs, Double shortCorrectRate, Double middleCorrectRate,
		Double longCorrectRate, Estimate longMinusShort) {
}
