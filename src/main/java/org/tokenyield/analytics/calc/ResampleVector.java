package org.tokenyield.analytics.calc;

/**
 * Several statistics evaluated on one bootstrap resample at once: {@code indices} holds n
 * prompt positions drawn with replacement (the identity 0..n-1 for the point estimates);
 * write statistic j into {@code out[j]}, NaN where it is undefined. Both arrays are
 * reused between calls.
 * <p>
 * Statistics that share work (a slope and its sibling slope over the same per-setting
 * means, the three drift kinds of one pair) draw the resample's indices once and walk
 * them once, instead of once per statistic; each component's numbers are those
 * {@link Bootstrap#estimate} would give it alone with the same n and seed.
 */
@FunctionalInterface
public interface ResampleVector {

	void compute(int[] indices, double[] out);

}
