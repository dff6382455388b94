package org.tokenyield.analytics.calc;

/**
 * A mean without interval whose value does not depend on the order of its terms (see
 * {@link FixedPoint}). Not thread-safe.
 */
final class ExactMean {

	private final long[] hi = new long[1];

	private final long[] lo = new long[1];

	private long count;

	void add(Double value, int sign) {
		if (value != null) {
			FixedPoint.add(this.hi, this.lo, 0, FixedPoint.whole(value), FixedPoint.fraction(value), sign);
			this.count += sign;
		}
	}

	double sum() {
		return FixedPoint.value(this.hi[0], this.lo[0]);
	}

	/** NaN when empty. */
	double mean() {
		return (this.count == 0) ? Double.NaN : sum() / this.count;
	}

}
