package org.tokenyield.analytics.calc;

import java.util.Arrays;

/**
 * The weighted sums of the Poisson bootstrap (METRICS.md "Confidence intervals") for a
 * few columns of per-prompt values: per column and resample b, {@code Σ_p w_pb v_p} and
 * {@code Σ_p w_pb} over the prompts where the column is defined, and the plain sum and
 * count for the point estimate. Adding, removing or replacing one prompt costs O(B x
 * columns) whatever the number of prompts; a resample's mean is read from its sums.
 * <p>
 * Sums are exact ({@link FixedPoint}), so the same prompts give the same means whatever
 * order they were added in and whatever was added and removed before.
 * <p>
 * Not thread-safe: one writer at a time, and no reader while it writes.
 */
public final class ResampleSums {

	private final long seed;

	private final int resamples;

	private final int columns;

	private final long[] sumHi;

	private final long[] sumLo;

	private final long[] weights;

	private final long[] pointHi;

	private final long[] pointLo;

	private final long[] counts;

	private final int[] buffer;

	private final long[] timesHi = new long[PoissonWeights.MAX_WEIGHT + 1];

	private final long[] timesLo = new long[PoissonWeights.MAX_WEIGHT + 1];

	/**
	 * @param seed the figure's seed, which with the prompt id draws the weights
	 * @param resamples how many resamples (B)
	 * @param columns how many values each prompt brings
	 */
	public ResampleSums(long seed, int resamples, int columns) {
		this.seed = seed;
		this.resamples = resamples;
		this.columns = columns;
		this.sumHi = new long[columns * resamples];
		this.sumLo = new long[columns * resamples];
		this.weights = new long[columns * resamples];
		this.pointHi = new long[columns];
		this.pointLo = new long[columns];
		this.counts = new long[columns];
		this.buffer = new int[resamples];
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
	public void add(int[] promptWeights, double[] values, int sign) {
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
			long fraction = FixedPoint.fraction(v);
			FixedPoint.add(this.pointHi, this.pointLo, c, whole, fraction, sign);
			this.counts[c] += sign;
			// the value times each possible weight, once, instead of a product per
			// resample
			for (int w = 1; w <= PoissonWeights.MAX_WEIGHT; w++) {
				this.timesHi[w] = FixedPoint.productHi(whole, fraction, w);
				this.timesLo[w] = fraction * w;
			}
			int base = c * this.resamples;
			for (int b = 0; b < this.resamples; b++) {
				int w = promptWeights[b];
				if (w != 0) {
					if (sign > 0) {
						FixedPoint.add(this.sumHi, this.sumLo, base + b, this.timesHi[w], this.timesLo[w]);
					}
					else {
						FixedPoint.subtract(this.sumHi, this.sumLo, base + b, this.timesHi[w], this.timesLo[w]);
					}
					this.weights[base + b] += sign * w;
				}
			}
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
		int base = column * this.resamples;
		for (int b = 0; b < this.resamples; b++) {
			long w = this.weights[base + b];
			if (w != 0) {
				out[b] = FixedPoint.value(this.sumHi[base + b], this.sumLo[base + b]) / w;
			}
		}
		return out;
	}

}
