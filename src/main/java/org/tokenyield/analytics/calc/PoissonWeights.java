package org.tokenyield.analytics.calc;

/**
 * The Poisson bootstrap's weights (METRICS.md "Confidence intervals"): prompt p weighs
 * {@code w_pb ~ Poisson(1)} in resample b, a pure function of (figure seed, prompt id,
 * b), so a weight never depends on which other prompts exist or the order they came in.
 * <p>
 * (seed, prompt id) give a SplitMix64 stream; its b-th output, as a uniform in [0, 1) of
 * 53 bits, is turned into a count by the inverse of the Poisson(1) distribution function
 * ({@link #weight}, the definition). {@link #fill} draws a prompt's B weights the same
 * way, bit for bit, about ten times faster: the stream in a loop the JIT turns into
 * vector instructions, then the count looked up by the uniform's top 16 bits (all but 18
 * of the 65,536 slices of [0, 1) lie within one count; those few take the comparisons). A
 * rebuild of the leaderboard's sums draws B weights per prompt and sum, so this is most
 * of its cost (docs/benchmark.md).
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

	/**
	 * The uniform's thresholds as 53-bit integers: u >= CDF[k] exactly when its bits are
	 * at least THRESHOLD[k] (u is bits x 2^-53, exact).
	 */
	private static final long[] THRESHOLD = new long[MAX_WEIGHT];

	private static final int SLICE_BITS = 16;

	/**
	 * The count of each slice of the uniform's range (by its top 16 bits), -1 where a
	 * threshold falls inside the slice.
	 */
	private static final byte[] SLICE = new byte[1 << SLICE_BITS];

	/** (b + 1) x GOLDEN for the usual resamples, so the stream's loop vectorizes. */
	private static final long[] STEP = new long[4096];

	static {
		for (int k = 0; k < MAX_WEIGHT; k++) {
			THRESHOLD[k] = (long) Math.ceil(CDF[k] * 0x1p53);
		}
		int shift = 53 - SLICE_BITS;
		for (int i = 0; i < SLICE.length; i++) {
			int first = count((long) i << shift);
			int last = count((((long) i + 1) << shift) - 1);
			SLICE[i] = (byte) ((first == last) ? first : -1);
		}
		for (int b = 0; b < STEP.length; b++) {
			STEP[b] = (b + 1L) * GOLDEN;
		}
	}

	private PoissonWeights() {
	}

	/**
	 * The weight of prompt {@code promptId} in resample {@code b} of a figure seeded
	 * {@code seed}.
	 */
	public static int weight(long seed, long promptId, int b) {
		return count(mix(start(seed, promptId) + (b + 1L) * GOLDEN) >>> 11);
	}

	/**
	 * The weights of a prompt in resamples 0 .. out.length - 1, each equal to
	 * {@link #weight}.
	 */
	public static void fill(long seed, long promptId, long[] out) {
		long start = start(seed, promptId);
		int n = out.length;
		int stepped = Math.min(n, STEP.length);
		for (int b = 0; b < stepped; b++) {
			out[b] = mix(start + STEP[b]) >>> 11;
		}
		for (int b = stepped; b < n; b++) {
			out[b] = mix(start + (b + 1L) * GOLDEN) >>> 11;
		}
		int shift = 53 - SLICE_BITS;
		for (int b = 0; b < n; b++) {
			long bits = out[b];
			int k = SLICE[(int) (bits >>> shift)];
			out[b] = (k >= 0) ? k : count(bits);
		}
	}

	private static long start(long seed, long promptId) {
		return mix(seed ^ mix(promptId + GOLDEN));
	}

	/**
	 * The inverse CDF of a uniform's 53 bits: the first k whose CDF[k] exceeds u, by the
	 * integer thresholds.
	 */
	private static int count(long bits) {
		int k = 0;
		while (k < MAX_WEIGHT && bits >= THRESHOLD[k]) {
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
