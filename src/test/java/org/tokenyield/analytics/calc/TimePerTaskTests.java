package org.tokenyield.analytics.calc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class TimePerTaskTests {

	/**
	 * Four runs of 1, 2, 3 and 100 ms (buckets 1, 2, 3 and 22 = [91, 108)), with 1, 2, 2
	 * and 48 output tokens: p50 is the 2nd run (rank ceil(0.5 x 4) = 2): 2 ms; p95 the
	 * 4th (ceil(3.8) = 4): sqrt(91 x 107) = 98.68 ms; 53 tokens / 0.106 s = 500 tok/s.
	 */
	@Test
	void quantilesByNearestRankAndThroughputAsARatioOfTotals() {
		long[] counts = new long[LatencyBuckets.LAST + 1];
		counts[1] = 1;
		counts[2] = 1;
		counts[3] = 1;
		counts[22] = 1;
		TimePerTask t = TimePerTask.of(counts, 106, 53);
		assertThat(t.runs()).isEqualTo(4);
		assertThat(t.latencyP50Ms()).isEqualTo(2.0);
		assertThat(t.latencyP95Ms()).isCloseTo(Math.sqrt(91.0 * 107), within(1e-9));
		assertThat(t.outputTokensPerSecond()).isCloseTo(500, within(1e-9));
	}

	/**
	 * 19 runs in bucket 5 and one in bucket 10: p95's rank is 0.95 x 20 = 19 exactly,
	 * which must not round up to 20.
	 */
	@Test
	void aWholeRankIsNotRoundedUp() {
		long[] counts = new long[LatencyBuckets.LAST + 1];
		counts[5] = 19;
		counts[10] = 1;
		TimePerTask t = TimePerTask.of(counts, 0, 0);
		assertThat(t.latencyP95Ms()).isEqualTo(5.0);
		// no latency summed over runs with output: no throughput, not 0
		assertThat(t.outputTokensPerSecond()).isNull();
	}

	@Test
	void noRunsIsNullNeverZero() {
		TimePerTask t = TimePerTask.of(new long[LatencyBuckets.LAST + 1], 0, 0);
		assertThat(t).isEqualTo(TimePerTask.NONE);
		assertThatIllegalArgumentException().isThrownBy(() -> TimePerTask.of(new long[3], 0, 0));
	}

}
