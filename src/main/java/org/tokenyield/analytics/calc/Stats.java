package org.tokenyield.analytics.calc;

import java.util.Arrays;

/** Small numeric helpers over primitive arrays (no boxing in bootstrap loops). */
final class Stats {

	private Stats() {
	}

	static double mean(double[] values) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double sum = 0;
		for (double v : values) {
			sum += v;
		}
		return sum / values.length;
	}

	/** Mean of {@code values[idx[i]]}. */
	static double mean(double[] values, int[] idx) {
		if (idx.length == 0) {
			return Double.NaN;
		}
		double sum = 0;
		for (int i : idx) {
			sum += values[i];
		}
		return sum / idx.length;
	}

	/** Median (mean of the two middle values for an even count); NaN when empty. */
	static double median(double[] values) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int m = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
	}

	/** Type-7 quantile of sorted values: linear interpolation at h = (m - 1) q. */
	static double quantileSorted(double[] sorted, double q) {
		double h = (sorted.length - 1) * q;
		int lo = (int) Math.floor(h);
		int hi = Math.min(lo + 1, sorted.length - 1);
		return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
	}

	/**
	 * Ordinary least squares slope of y on x; NaN when fewer than two distinct x or any
	 * value is not finite.
	 */
	static double olsSlope(double[] x, double[] y) {
		int k = x.length;
		double mx = 0;
		double my = 0;
		for (int i = 0; i < k; i++) {
			if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
				return Double.NaN;
			}
			mx += x[i];
			my += y[i];
		}
		mx /= k;
		my /= k;
		double sxx = 0;
		double sxy = 0;
		boolean distinct = false;
		for (int i = 0; i < k; i++) {
			double dx = x[i] - mx;
			sxx += dx * dx;
			sxy += dx * (y[i] - my);
			distinct |= x[i] != x[0];
		}
		if (!distinct || sxx == 0) {
			return Double.NaN;
		}
		return sxy / sxx;
	}

	static Double boxed(double v) {
		return Double.isFinite(v) ? v : null;
	}

}
