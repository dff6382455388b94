package org.tokenyield.analytics.calc;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap over prompts (METRICS.md "Confidence intervals"): B resamples of
 * the n prompt positions drawn with replacement, the statistic recomputed on each, the
 * interval read from the percentiles of the replicates.
 * <p>
 * The resamples depend only on (n, seed, B): two statistics evaluated with the same n and
 * seed see the same prompt indices, which is how paired statistics (drift, accuracy
 * change, the scaling slope across settings) stay paired. Resample b is the b-th block of
 * n draws of {@code new SplittableRandom(seed).nextInt(n)};
 * {@link #indices(int, long, int)} exposes them.
 * <p>
 * Resamples on which the statistic is undefined (NaN) are dropped; when fewer than half
 * of them are defined, the interval is left undefined rather than read from a biased
 * remainder. Percentiles use linear interpolation between order statistics (Hyndman-Fan
 * type 7, the R and NumPy default).
 */
public final class Bootstrap {

	public static final int DEFAULT_RESAMPLES = 2000;

	public static final double DEFAULT_LEVEL = 0.95;

	private static final Bootstrap DEFAULT = new Bootstrap(DEFAULT_RESAMPLES, DEFAULT_LEVEL);

	private final int resamples;

	private final double level;

	public Bootstrap(int resamples, double level) {
		if (resamples < 1) {
			throw new IllegalArgumentException("resamples must be >= 1");
		}
		if (!(level > 0 && level < 1)) {
			throw new IllegalArgumentException("level must be in (0, 1)");
		}
		this.resamples = resamples;
		this.level = level;
	}

	/** B = 2000, 95 %. */
	public static Bootstrap standard() {
		return DEFAULT;
	}

	/** B resamples at 95 %. */
	public static Bootstrap withResamples(int resamples) {
		return (resamples == DEFAULT_RESAMPLES) ? DEFAULT : new Bootstrap(resamples, DEFAULT_LEVEL);
	}

	public int resamples() {
		return this.resamples;
	}

	public double level() {
		return this.level;
	}

	/**
	 * The resampled indices this class uses for (n, seed, b): row r is resample r.
	 * Materialises b x n ints; the estimating methods draw them on the fly instead.
	 */
	public static int[][] indices(int n, long seed, int b) {
		int[][] out = new int[b][n];
		SplittableRandom random = new SplittableRandom(seed);
		for (int r = 0; r < b; r++) {
			fill(out[r], n, random);
		}
		return out;
	}

	/** The identity 0..n-1, the "resample" of the point estimate. */
	public static int[] identity(int n) {
		int[] idx = new int[n];
		for (int i = 0; i < n; i++) {
			idx[i] = i;
		}
		return idx;
	}

	/**
	 * The statistic on the data (value) and its percentile interval over the resamples of
	 * n prompts. Undefined (all null) when n is 0 or the statistic is undefined on the
	 * data.
	 */
	public Estimate estimate(int n, long seed, ResampleStatistic statistic) {
		if (n <= 0) {
			return Estimate.UNDEFINED;
		}
		double value = statistic.compute(identity(n));
		if (!Double.isFinite(value)) {
			return Estimate.UNDEFINED;
		}
		double[] reps = replicates(n, seed, statistic);
		double[] ci = interval(reps);
		return (ci == null) ? Estimate.pointOnly(value) : Estimate.of(value, ci[0], ci[1]);
	}

	/**
	 * {@code width} statistics of the same n and seed in one pass (see
	 * {@link ResampleVector}): estimate j equals {@code estimate(n, seed, s_j)} for the
	 * statistic s_j that component j computes, at the cost of one draw of indices per
	 * resample instead of {@code width}.
	 */
	public Estimate[] estimates(int n, long seed, int width, ResampleVector statistics) {
		Estimate[] out = new Estimate[width];
		if (n <= 0) {
			Arrays.fill(out, Estimate.UNDEFINED);
			return out;
		}
		double[] values = new double[width];
		statistics.compute(identity(n), values);
		double[][] reps = new double[width][this.resamples];
		double[] one = new double[width];
		int[] idx = new int[n];
		SplittableRandom random = new SplittableRandom(seed);
		for (int r = 0; r < this.resamples; r++) {
			fill(idx, n, random);
			statistics.compute(idx, one);
			for (int j = 0; j < width; j++) {
				reps[j][r] = one[j];
			}
		}
		for (int j = 0; j < width; j++) {
			if (!Double.isFinite(values[j])) {
				out[j] = Estimate.UNDEFINED;
				continue;
			}
			double[] ci = interval(reps[j]);
			out[j] = (ci == null) ? Estimate.pointOnly(values[j]) : Estimate.of(values[j], ci[0], ci[1]);
		}
		return out;
	}

	/**
	 * The statistic's value on the data with the percentile interval of its replicates
	 * (however they were drawn): undefined when the value is, no interval when fewer than
	 * half of the replicates are defined.
	 */
	public Estimate estimateOf(double value, double[] replicates) {
		if (!Double.isFinite(value)) {
			return Estimate.UNDEFINED;
		}
		double[] ci = interval(replicates);
		return (ci == null) ? Estimate.pointOnly(value) : Estimate.of(value, ci[0], ci[1]);
	}

	/** The B replicates of the statistic (NaN where undefined), in resample order. */
	public double[] replicates(int n, long seed, ResampleStatistic statistic) {
		double[] reps = new double[this.resamples];
		int[] idx = new int[n];
		SplittableRandom random = new SplittableRandom(seed);
		for (int r = 0; r < this.resamples; r++) {
			fill(idx, n, random);
			reps[r] = statistic.compute(idx);
		}
		return reps;
	}

	/**
	 * The percentile interval of the finite replicates, or null when fewer than half of
	 * them are finite.
	 */
	public double[] interval(double[] replicates) {
		double[] finite = new double[replicates.length];
		int m = 0;
		for (double v : replicates) {
			if (Double.isFinite(v)) {
				finite[m++] = v;
			}
		}
		if (m == 0 || 2 * m < replicates.length) {
			return null;
		}
		finite = Arrays.copyOf(finite, m);
		Arrays.sort(finite);
		double tail = (1 - this.level) / 2;
		return new double[] { Stats.quantileSorted(finite, tail), Stats.quantileSorted(finite, 1 - tail) };
	}

	private static void fill(int[] idx, int n, SplittableRandom random) {
		for (int i = 0; i < n; i++) {
			idx[i] = random.nextInt(n);
		}
	}

}
