package org.tokenyield.analytics.calc;

import java.util.Arrays;

/**
 * The weighted sums of the Poisson bootstrap (METRICS.md "Confidence intervals") for a
 * few columns of per-prompt values: per column and resample b, {@code Σ_p w_pb v_p} and
 * {@code Σ_p w_pb} over the prompts where the column is defined, and the plain sum and
 * count for the point estimate. Adding, removing or replacing one prompt costs O(B x
 * columns) whatever the number of prompts; a resample's mean is read from its sums.
 * <p>
 * Sums are exact, so the same prompts give the same means whatever order they were added
 * in and whatever was added and removed before: a value is a {@link FixedPoint} number,
 * {@code whole + fraction x 2^-64}, and a resample's sum is that number times the weight
 * summed over the prompts, kept in three 32-bit limbs: {@code Σ w whole},
 * {@code Σ w fraction_hi} and {@code Σ w fraction_lo}. A term is under 2^37, so 2^26
 * prompts fit each long without carries, and the loops over b are plain multiply-adds the
 * JIT turns into vector instructions (a rebuild is made of them: docs/benchmark.md). The
 * limbs are carried into one number when a mean is read.
 * <p>
 * Not thread-safe: one writer at a time, and no reader while it writes.
 */
public final class ResampleSums {

	/** Prompts one column may hold: 2^26 terms under 2^37 each fit a long. */
	static final long MAX_PROMPTS = 1L << 26;

	private static final long LOW_BITS = 0xffffffffL;

	private final long seed;

	private final int resamples;

	private final int columns;

	// per column, one array per limb: a loop over one array of B vectorizes, one over
	// several or with an offset into a shared array did not (docs/benchmark.md)

	private final long[][] sumWhole;

	private final long[][] sumFractionHi;

	private final long[][] sumFractionLo;

	private final long[][] weights;

	private final long[] pointHi;

	private final long[] pointLo;

	private final long[] counts;

	private final long[] buffer;

	/**
	 * @param seed the figure's seed, which with the prompt id draws the weights
	 * @param resamples how many resamples (B)
	 * @param columns how many values each prompt brings
	 */
	public ResampleSums(long seed, int resamples, int columns) {
		this.seed = seed;
		this.resamples = resamples;
		this.columns = columns;
		this.sumWhole = new long[columns][resamples];
		this.sumFractionHi = new long[columns][resamples];
		this.sumFractionLo = new long[columns][resamples];
		this.weights = new long[columns][resamples];
		this.pointHi = new long[columns];
		this.pointLo = new long[columns];
		this.counts = new long[columns];
		this.buffer = new long[resamples];
	}

	public long seed() {
		return this.seed;
	}

	public int resamples() {
		return this.resamples;
	}

	/**
	 * Adds a prompt's values, NaN where a column is undefined for it.
	 */
	public void add(long promptId, double[] values) {
		PoissonWeights.fill(this.seed, promptId, this.buffer);
		add(this.buffer, values, 1);
	}

	/** Takes back what {@link #add} of the same prompt and values added. */
	public void remove(long promptId, double[] values) {
		PoissonWeights.fill(this.seed, promptId, this.buffer);
		add(this.buffer, values, -1);
	}

	/**
	 * Adds ({@code sign} 1) or removes (-1) values with weights already drawn for this
	 * seed ({@link PoissonWeights#fill}): the way to add one prompt to many sums of one
	 * seed with one draw.
	 */
	public void add(long[] promptWeights, double[] values, int sign) {
		if (sign != 1 && sign != -1) {
			throw new IllegalArgumentException("sign must be 1 or -1");
		}
		if (values.length != this.columns || promptWeights.length != this.resamples) {
			throw new IllegalArgumentException("expected " + this.columns + " values and " + this.resamples
					+ " weights, got " + values.length + " and " + promptWeights.length);
		}
		for (int c = 0; c < this.columns; c++) {
			double v = values[c];
			if (Double.isNaN(v)) {
				continue;
			}
			long whole = FixedPoint.whole(v);
			if (sign > 0 && this.counts[c] >= MAX_PROMPTS) {
				throw new IllegalStateException("more than " + MAX_PROMPTS + " prompts in one resample sum");
			}
			long fraction = FixedPoint.fraction(v);
			FixedPoint.add(this.pointHi, this.pointLo, c, whole, fraction, sign);
			this.counts[c] += sign;
			addTimes(this.sumWhole[c], promptWeights, sign * whole);
			addTimes(this.sumFractionHi[c], promptWeights, sign * (fraction >>> 32));
			addTimes(this.sumFractionLo[c], promptWeights, sign * (fraction & LOW_BITS));
			addTimes(this.weights[c], promptWeights, sign);
		}
	}

	/** {@code sum[b] += w[b] x times} for every b. */
	private static void addTimes(long[] sum, long[] w, long times) {
		for (int b = 0; b < w.length; b++) {
			sum[b] += w[b] * times;
		}
	}

	/** Prompts for which the column is defined. */
	public long count(int column) {
		return this.counts[column];
	}

	/** The plain mean of the column, NaN when no prompt defines it. */
	public double pointMean(int column) {
		long n = this.counts[column];
		return (n == 0) ? Double.NaN : FixedPoint.value(this.pointHi[column], this.pointLo[column]) / n;
	}

	/**
	 * The weighted mean of the column in each resample, NaN where the weights sum to 0.
	 */
	public double[] replicates(int column) {
		double[] out = new double[this.resamples];
		Arrays.fill(out, Double.NaN);
		long[] weights = this.weights[column];
		for (int b = 0; b < this.resamples; b++) {
			if (weights[b] != 0) {
				out[b] = value(this.sumWhole[column][b], this.sumFractionHi[column][b], this.sumFractionLo[column][b])
						/ weights[b];
			}
		}
		return out;
	}

	/**
	 * The limbs carried into one fixed-point number, read as a double. The fraction limbs
	 * are sums of non-negative terms, so never negative.
	 */
	private static double value(long whole, long fractionHi, long fractionLo) {
		long middle = fractionHi + (fractionLo >>> 32);
		long fraction = (middle << 32) | (fractionLo & LOW_BITS);
		return FixedPoint.value(whole + (middle >>> 32), fraction);
	}

}
