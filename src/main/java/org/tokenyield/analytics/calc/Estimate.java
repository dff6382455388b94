package org.tokenyield.analytics.calc;

/**
 * A point estimate with its 95 % percentile-bootstrap interval. Any part may be null when
 * it is undefined (no data, statistic undefined, too few defined resamples); never NaN.
 */
public record Estimate(Double value, Double ciLow, Double ciHigh) {

	/** Nothing to estimate. */
	public static final Estimate UNDEFINED = new Estimate(null, null, null);

	public Estimate {
		value = finiteOrNull(value);
		ciLow = finiteOrNull(ciLow);
		ciHigh = finiteOrNull(ciHigh);
		if (ciLow != null && ciHigh != null && ciLow > ciHigh) {
			throw new IllegalArgumentException("ciLow " + ciLow + " > ciHigh " + ciHigh);
		}
	}

	/** Builds an estimate from primitives, mapping NaN and infinities to null. */
	public static Estimate of(double value, double ciLow, double ciHigh) {
		return new Estimate(value, ciLow, ciHigh);
	}

	/** An estimate without interval. */
	public static Estimate pointOnly(double value) {
		return new Estimate(value, null, null);
	}

	/** True when the value and both interval ends are known. */
	public boolean hasInterval() {
		return this.value != null && this.ciLow != null && this.ciHigh != null;
	}

	/** True when the whole interval lies strictly above the threshold. */
	public boolean above(double threshold) {
		return hasInterval() && this.ciLow > threshold;
	}

	/** True when the whole interval lies strictly below the threshold. */
	public boolean below(double threshold) {
		return hasInterval() && this.ciHigh < threshold;
	}

	/** True when the interval is known and does not contain 0. */
	public boolean excludesZero() {
		return above(0) || below(0);
	}

	private static Double finiteOrNull(Double d) {
		return (d == null || d.isNaN() || d.isInfinite()) ? null : d;
	}

}
