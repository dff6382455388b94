package org.tokenyield.analytics.calc;

/**
 * Token drift and accuracy change from an older config X to a newer config Y (METRICS.md
 * sections 1 and 2). Drifts are fractions (0.45 is +45 %); the accuracy change is a
 * fraction of points (0.012 is +1.2 points).
 *
 * @param prompts paired prompts |P_X ∩ P_Y|
 * @param verdict null when the generated drift or the accuracy change is undefined
 */
public record DriftEstimate(int prompts, Estimate input, Estimate generated, Estimate reasoning,
		Estimate accuracyChange, Verdict verdict) {

	public static final DriftEstimate EMPTY = new DriftEstimate(0, Estimate.UNDEFINED, Estimate.UNDEFINED,
			Estimate.UNDEFINED, Estimate.UNDEFINED, null);

}
