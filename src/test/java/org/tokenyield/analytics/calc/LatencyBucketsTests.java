package org.tokenyield.analytics.calc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class LatencyBucketsTests {

	@Test
	void edgesAreRoundedQuarterPowersOfTwoWithoutRepeats() {
		long[] edges = LatencyBuckets.edges();
		// round(2^(k/4)), k = 0..100: 1, 1, 1, 2 (1.68), 2, 2 (2.38), 3 (2.83), 3 (3.36),
		// 4, ... 101 values of which 96 distinct, the last 2^25 = 33,554,432
		assertThat(edges).hasSize(96);
		assertThat(LatencyBuckets.LAST).isEqualTo(96);
		assertThat(edges).startsWith(1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 13, 16);
		assertThat(edges[edges.length - 1]).isEqualTo(33_554_432L);
		// 2^(1/4) = 1.189: from 8 ms on no bucket spans more than that (+ rounding: 10 /
		// 8)
		for (int i = 8; i < edges.length; i++) {
			assertThat((double) edges[i] / edges[i - 1]).isLessThanOrEqualTo(1.25);
		}
	}

	@Test
	void aLatencyFallsInTheBucketOfTheEdgesAtOrBelowIt() {
		assertThat(LatencyBuckets.bucketOf(0)).isZero();
		assertThat(LatencyBuckets.bucketOf(1)).isEqualTo(1);
		assertThat(LatencyBuckets.bucketOf(8)).isEqualTo(8);
		// 9 is between the edges 8 and 10: still bucket 8
		assertThat(LatencyBuckets.bucketOf(9)).isEqualTo(8);
		assertThat(LatencyBuckets.bucketOf(10)).isEqualTo(9);
		// edges <= 500: 1..8 (8), 10..91 (14), 108..431 (9): 31
		assertThat(LatencyBuckets.bucketOf(500)).isEqualTo(31);
		assertThat(LatencyBuckets.bucketOf(33_554_431)).isEqualTo(95);
		assertThat(LatencyBuckets.bucketOf(33_554_432)).isEqualTo(96);
		assertThat(LatencyBuckets.bucketOf(Long.MAX_VALUE)).isEqualTo(96);
		assertThatIllegalArgumentException().isThrownBy(() -> LatencyBuckets.bucketOf(-1));
	}

	@Test
	void aBucketStandsForTheGeometricMeanOfItsWholeMilliseconds() {
		assertThat(LatencyBuckets.representative(0)).isZero();
		// [1, 2) holds only 1 ms
		assertThat(LatencyBuckets.representative(1)).isEqualTo(1.0);
		// [8, 10) holds 8 and 9: sqrt(8 x 9) = 8.485
		assertThat(LatencyBuckets.representative(8)).isCloseTo(Math.sqrt(72), within(1e-12));
		// bucket 31 = [431, 512): sqrt(431 x 511) = 469.30
		assertThat(LatencyBuckets.representative(31)).isCloseTo(469.30, within(0.01));
		// the open last bucket: its lower edge
		assertThat(LatencyBuckets.representative(96)).isEqualTo(33_554_432.0);
		assertThatIllegalArgumentException().isThrownBy(() -> LatencyBuckets.representative(97));
	}

}
