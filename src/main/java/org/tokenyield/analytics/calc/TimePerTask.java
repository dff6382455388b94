package org.tokenyield.analytics.calc;

import java.util.Arrays;

/**
 * Time per task of one config (docs/methodology-notes.md "Truncation, time and caching"),
 * from its successful runs' latency bucket counts ({@link LatencyBuckets}) and the sums
 * of latency and output tokens over the timed runs that report output.
 *
 * @param runs successful runs with a latency
 * @param latencyP50Ms median latency, ms: the representative of the bucket holding the
 * nearest-rank median; null without runs
 * @param latencyP95Ms 95th percentile latency, ms, the same way
 * @param outputTokensPerSecond Σ output tokens / Σ latency in seconds over the runs
 * reporting both (a ratio of totals, so long runs weigh more); null when that latency is
 * 0
 */
public record TimePerTask(long runs, Double latencyP50Ms, Double latencyP95Ms, Double outputTokensPerSecond) {

	public static final TimePerTask NONE = new TimePerTask(0, null, null, null);

	/**
	 * @param counts runs per bucket, indexed 0..{@link LatencyBuckets#LAST}
	 * @param sumLatencyMs latency summed over the runs that report output tokens
	 * @param sumOutput their output tokens
	 */
	public static TimePerTask of(long[] counts, double sumLatencyMs, double sumOutput) {
		if (counts.length != LatencyBuckets.LAST + 1) {
			throw new IllegalArgumentException("need " + (LatencyBuckets.LAST + 1) + " bucket counts");
		}
		long runs = Arrays.stream(counts).sum();
		Double perSecond = sumLatencyMs > 0 ? sumOutput / (sumLatencyMs / 1000.0) : null;
		return new TimePerTask(runs, quantile(counts, runs, 0.50), quantile(counts, runs, 0.95), perSecond);
	}

	/**
	 * Nearest rank: the bucket of the r-th shortest run, r = ⌈q·n⌉ (at least 1), stands
	 * for the quantile.
	 */
	static Double quantile(long[] counts, long runs, double q) {
		if (runs == 0) {
			return null;
		}
		// 1e-9 keeps a product that should be whole (0.95 x 20) from rounding up past it
		long rank = Math.max(1, (long) Math.ceil(q * runs - 1e-9));
		long seen = 0;
		for (int b = 0; b < counts.length; b++) {
			seen += counts[b];
			if (seen >= rank) {
				return LatencyBuckets.representative(b);
			}
		}
		throw new IllegalStateException("counts do not add up to " + runs);
	}

}
