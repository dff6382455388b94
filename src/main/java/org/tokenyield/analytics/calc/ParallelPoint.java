package org.tokenyield.analytics.calc;

/**
 * Width k of parallel sampling (METRICS.md section 6).
 *
 * @param prompts prompts with at least k graded samples, the base of both rates
 * @param passAtK oracle best-of-k, mean over those prompts of
 * {@code 1 − C(n−x, k) / C(n, k)}
 * @param majorityAtK share of those prompts whose majority answer over samples 0..k−1 is
 * correct; null when no graded run of the config carries an answer (nothing to vote on is
 * "not available", never 0)
 * @param tokens k · T_c; null when T_c is unknown
 * @param passAllK consistency pass^k, mean over those prompts of
 * {@code C(x, k) / C(n, k)} (all k right)
 */
public record ParallelPoint(int k, int prompts, double passAtK, Double majorityAtK, Double tokens, double passAllK) {
}
