package org.tokenyield.analytics.calc;

/**
 * What extra tokens buy a model across its settings, read from the interval of the
 * log-log slope α with tolerance ε (METRICS.md section 3).
 */
public enum ScalingRegime {

	/** Overthinking: the interval lies entirely below −ε. */
	NEGATIVE,
	/** Tokens buy nothing: the interval lies entirely inside [−ε, +ε]. */
	FLAT,
	/** Productive and balanced: the interval lies entirely above +ε and α < 1. */
	SUBLINEAR,
	/** The interval lies entirely above +ε and α >= 1. */
	STEEP,
	/** Anything else, α undefined, or fewer than 10 paired prompts. */
	INCONCLUSIVE;

	/** Fewest paired prompts for any regime but {@link #INCONCLUSIVE}. */
	public static final int MIN_PROMPTS = 10;

	/** The regime of a slope estimate over {@code prompts} paired prompts. */
	public static ScalingRegime classify(Estimate alpha, int prompts, double epsilon) {
		if (prompts < MIN_PROMPTS || alpha == null || !alpha.hasInterval()) {
			return INCONCLUSIVE;
		}
		double low = alpha.ciLow();
		double high = alpha.ciHigh();
		if (high < -epsilon) {
			return NEGATIVE;
		}
		if (low >= -epsilon && high <= epsilon) {
			return FLAT;
		}
		if (low > epsilon) {
			return (alpha.value() < 1) ? SUBLINEAR : STEEP;
		}
		return INCONCLUSIVE;
	}

}
