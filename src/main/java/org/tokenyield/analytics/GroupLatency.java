package org.tokenyield.analytics;

import java.util.Arrays;

import org.tokenyield.analytics.calc.LatencyBuckets;

/**
 * One (config, prompt) group's latency buckets (migration V31,
 * {@code config_latency_stats}) over the datasets a filter takes: the buckets that hold
 * runs, their runs, and the sums of latency and output tokens time per task is read from
 * ({@link ConfigTotals}). Sparse: a group's runs sit in a few of the
 * {@link LatencyBuckets#LAST} + 1 buckets.
 *
 * @param buckets bucket numbers, ascending
 * @param runs runs in each of them
 */
record GroupLatency(byte[] buckets, long[] runs, double sumLatencyMs, double sumOutput) {

	GroupLatency {
		if (buckets.length != runs.length) {
			throw new IllegalArgumentException("one count per bucket");
		}
	}

	/** This group with {@code runs} more runs in {@code bucket} (after the last one). */
	GroupLatency plus(int bucket, long runs, double sumLatencyMs, double sumOutput) {
		int n = this.buckets.length;
		byte[] b = Arrays.copyOf(this.buckets, n + 1);
		long[] r = Arrays.copyOf(this.runs, n + 1);
		b[n] = (byte) bucket;
		r[n] = runs;
		return new GroupLatency(b, r, this.sumLatencyMs + sumLatencyMs, this.sumOutput + sumOutput);
	}

	static GroupLatency of(int bucket, long runs, double sumLatencyMs, double sumOutput) {
		return new GroupLatency(new byte[] { (byte) bucket }, new long[] { runs }, sumLatencyMs, sumOutput);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof GroupLatency g && Arrays.equals(this.buckets, g.buckets)
				&& Arrays.equals(this.runs, g.runs) && Double.compare(this.sumLatencyMs, g.sumLatencyMs) == 0
				&& Double.compare(this.sumOutput, g.sumOutput) == 0;
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.buckets) + Arrays.hashCode(this.runs);
	}

	@Override
	public String toString() {
		return "GroupLatency[buckets=" + Arrays.toString(this.buckets) + ", runs=" + Arrays.toString(this.runs)
				+ ", sumLatencyMs=" + this.sumLatencyMs + ", sumOutput=" + this.sumOutput + "]";
	}

}
