package org.tokenyield.analytics.calc;

/**
 * The Poisson bootstrap's weights (METRICS.md "Confidence intervals"): prompt p weighs
 * {@code w_pb ~ Poisson(1)} in resample b, a pure function of (figure seed, prompt id,
 * b), so a weight never depends on which other prompts exist or the order they came in.
 * <p>
 * (seed, prompt id) give a SplitMix64 stream; its b-th output, as a uniform in [0, 1) of
 * 53 bits, is turned into a count by the inverse of the Poisson(1) distribution function,
 * read from a table (two comparisons on average).
 */
public final class PoissonWeights {

	/**
	 * The largest weight: P(w > 31) is below 1e-34, far under the 2^-53 of a uniform.
	 */
	static final int MAX_WEIGHT = 31;

	private static final long GOLDEN = 0x9e3779b97f4a7c15L;

	/** CDF[k] = P(w <= k) for w ~ Poisson(1). */
	private static final double[] CDF = new double[MAX_WEIGHT];

	static {
		double p = Math.exp(-1);
		double cdf = p;
		for (int k = 0; k < MAX_WEIGHT; k++) {
			CDF[k] = cdf;
			p /= (k + 1);
			cdf += p;
		}
	}

	private PoissonWeights() {
	}

	/**
	 * The weight of prompt {@code promptId} in resample {@code b} of a figure seeded
	 * {@code seed}.
	 */
	public static int weight(long seed, long promptId, int b) {
		return poisson(mix(start(seed, promptId) + (b + 1L) * GOLDEN));
	}

	/** The weights of a prompt in resamples 0 .. out.length - 1. */
	public static void fill(long seed, long promptId, int[] out) {
		long state = start(seed, promptId);
		for (int b = 0; b < out.length; b++) {
			state += GOLDEN;
			out[b] = poisson(mix(state));
		}
	}

	private static long start(long seed, long promptId) {
		return mix(seed ^ mix(promptId + GOLDEN));
	}

	private static int poisson(long bits) {
		double u = (bits >>> 11) * 0x1p-53;
		int k = 0;
		while (k < MAX_WEIGHT && u >= CDF[k]) {
			k++;
		}
		return k;
	}

	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

}
