package org.tokenyield.analytics.freshness;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slow lane's pacing, by hand: a figure starts no sooner than pacing times its last
 * duration after its last computation ended (docs/live-figures.md).
 */
class RecomputeLanesTests {

	static final long MS = Duration.ofMillis(1).toNanos();

	final RecomputeLanes lanes = new RecomputeLanes(250 * MS, 4, 1);

	@AfterEach
	void shutdown() {
		this.lanes.shutdown();
	}

	@Test
	void aSlowFigureWaitsPacingTimesItsLastDurationAfterItEnded() {
		long ended = 1_000_000 * MS;
		// took 400 ms: due 4 x 400 = 1,600 ms after it ended
		assertThat(this.lanes.slowDelay(400 * MS, ended, ended)).isEqualTo(1_600 * MS);
		assertThat(this.lanes.slowDelay(400 * MS, ended, ended + 1_000 * MS)).isEqualTo(600 * MS);
		assertThat(this.lanes.slowDelay(400 * MS, ended, ended + 1_600 * MS)).isZero();
		// long past due: at once, never a negative delay
		assertThat(this.lanes.slowDelay(400 * MS, ended, ended + 60_000 * MS)).isZero();
	}

}
