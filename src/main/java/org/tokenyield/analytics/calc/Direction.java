package org.tokenyield.analytics.calc;

/**
 * Where an estimate moved (METRICS.md section 2): up when its whole interval lies above
 * 0, down when it lies below 0, same when the interval contains 0.
 */
public enum Direction {

	UP, SAME, DOWN;

	/** The direction of an estimate, or null when its value or interval is undefined. */
	public static Direction of(Estimate estimate) {
		if (estimate == null || !estimate.hasInterval()) {
			return null;
		}
		if (estimate.ciLow() > 0) {
			return UP;
		}
		if (estimate.ciHigh() < 0) {
			return DOWN;
		}
		return SAME;
	}

}
