package org.tokenyield.analytics.calc;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The fixed latency buckets the summary counts runs in (migration V31,
 * {@code latency_bucket}): the edges are round(2^(k/4)) milliseconds for k = 0..100
 * without repeats, and a latency's bucket is the number of edges at or below it. Bucket 0
 * holds 0 ms; below 8 ms every millisecond has its own bucket; above, a bucket spans at
 * most a factor 2^(1/4) (about 19 %); the last one is open (9.3 h and more). Quantiles
 * cannot be summed, but bucket counts can, and their number does not grow with the runs.
 */
public final class LatencyBuckets {

	/** Lower edges of buckets 1..{@link #LAST}, ascending, in milliseconds. */
	static final long[] EDGES = IntStream.rangeClosed(0, 100)
		.mapToLong(k -> Math.round(StrictMath.pow(2, k / 4.0)))
		.distinct()
		.toArray();

	/** The last bucket's number (96): buckets are 0..LAST. */
	public static final int LAST = EDGES.length;

	private LatencyBuckets() {
	}

	/** The edges, for the test that compares them with the SQL function's. */
	public static long[] edges() {
		return EDGES.clone();
	}

	/** The bucket of a latency: the number of edges at or below it. */
	public static int bucketOf(long latencyMs) {
		if (latencyMs < 0) {
			throw new IllegalArgumentException("latency must be >= 0");
		}
		int at = Arrays.binarySearch(EDGES, latencyMs);
		return at >= 0 ? at + 1 : -at - 1;
	}

	/**
	 * The latency a bucket stands for: its only value when it holds one millisecond,
	 * otherwise the geometric mean of its lowest and highest whole millisecond (at most
	 * 2^(1/8) − 1, about 9 %, from any latency in it); the open last bucket stands for
	 * its lower edge.
	 */
	public static double representative(int bucket) {
		if (bucket < 0 || bucket > LAST) {
			throw new IllegalArgumentException("no bucket " + bucket);
		}
		if (bucket == 0) {
			return 0;
		}
		long lo = EDGES[bucket - 1];
		if (bucket == LAST) {
			return lo;
		}
		long hi = EDGES[bucket] - 1;
		return (hi == lo) ? lo : Math.sqrt((double) lo * hi);
	}

}
