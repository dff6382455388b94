package org.tokenyield.runs.limits;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * The per-minute limits (requests and tokens) of one instance: a bucket refilled
 * continuously.
 */
class TokenBucketTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void startsFullAndRefillsContinuouslyNotOnceAMinute() {
		TokenBucket bucket = new TokenBucket(60, 0);
		assertThat(bucket.available(0)).isEqualTo(60.0);
		bucket.take(60, 0);
		assertThat(bucket.available(0)).isZero();
		assertThat(bucket.available(SECOND)).as("60 a minute: one a second").isCloseTo(1.0, within(1e-9));
		assertThat(bucket.available(SECOND / 2)).as("time never runs backwards in the bucket")
			.isCloseTo(1.0, within(1e-9));
		assertThat(bucket.available(30 * SECOND)).isCloseTo(30.0, within(1e-9));
		assertThat(bucket.available(10 * 60 * SECOND)).as("never more than a minute's worth").isEqualTo(60.0);
	}

	@Test
	void aRequestFitsWhenTheBucketHoldsItOrIsFull() {
		TokenBucket tokens = new TokenBucket(1000, 0);
		assertThat(tokens.fits(1000, 0)).isTrue();
		assertThat(tokens.fits(5000, 0)).as("larger than the bucket: goes through once it is full").isTrue();
		tokens.take(5000, 0);
		assertThat(tokens.available(0)).as("an oversized call leaves a debt").isEqualTo(-4000.0);
		assertThat(tokens.fits(1, 0)).isFalse();
		// the debt is paid back at the refill rate: 4000 tokens at 1000 a minute take
		// four minutes
		assertThat(tokens.fits(1, 4 * 60 * SECOND)).isFalse();
		assertThat(tokens.fits(1, 4 * 60 * SECOND + SECOND)).isTrue();
		assertThat(tokens.fits(1000, 5 * 60 * SECOND)).isTrue();
	}

	@Test
	void refundsGiveBackUnusedEstimatesButNeverOverfill() {
		TokenBucket tokens = new TokenBucket(600, 0);
		tokens.take(500, 0);
		tokens.refund(300, 0);
		assertThat(tokens.available(0)).isEqualTo(400.0);
		tokens.refund(10_000, 0);
		assertThat(tokens.available(0)).isEqualTo(600.0);
		tokens.refund(-50, 0);
		assertThat(tokens.available(0)).as("an estimate that was low takes nothing extra").isEqualTo(600.0);
		assertThat(tokens.capacity()).isEqualTo(600);
	}

	@Test
	void aLimitMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new TokenBucket(-5, 0));
	}

}
