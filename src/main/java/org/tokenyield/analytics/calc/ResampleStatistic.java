package org.tokenyield.analytics.calc;

/**
 * A statistic evaluated on a bootstrap resample: {@code indices} holds n prompt positions
 * drawn with replacement (the identity 0..n-1 for the point estimate). Return NaN when
 * the statistic is undefined on that resample. The array is reused between calls: do not
 * keep it.
 */
@FunctionalInterface
public interface ResampleStatistic {

	double compute(int[] indices);

}
