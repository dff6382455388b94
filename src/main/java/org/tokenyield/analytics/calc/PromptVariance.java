package org.tokenyield.analytics.calc;

/**
 * Run-to-run spread of generated tokens for one prompt of a config (METRICS.md section
 * 4).
 *
 * @param samples runs with known generated tokens
 * @param sd sample standard deviation (n − 1)
 * @param cv sd / mean
 * @param maxOverMin max / min generated tokens; null when min is 0 (infinite ratio)
 * @param ratioAboveTwo max/min exceeds 2 (true when min is 0 and max is not)
 */
public record PromptVariance(long promptId, String category, int samples, double mean, double sd, double cv, double min,
		double max, Double maxOverMin, boolean ratioAboveTwo) {
}
