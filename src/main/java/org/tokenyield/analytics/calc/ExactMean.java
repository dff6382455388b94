package org.tokenyield.analytics.calc;

/**
 * A mean without interval whose value does not depend on the order of its terms (see
 * {@link FixedPoint}). Not thread-safe.
 */
public final class ExactMean {

	private final long[] hi = new long[1];

	private final long[] lo = new long[1];

	private long count;

	public void add(Double value, int sign) {
		if (value != null) {
			FixedPoint.add(this.hi, this.lo, 0, FixedPoint.whole(value), FixedPoint.fraction(value), sign);
			this.count += sign;
		}
	}

	public double sum() {
		return FixedPoint.value(this.hi[0], this.lo[0]);
	}

	/** Values added and not removed. */
	public long count() {
		return this.count;
	}

	/** NaN when empty. */
	public double mean() {
		return (this.count == 0) ? Double.NaN : sum() / this.count;
	}

}
