package org.tokenyield.runs.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retry delay of docs/queue.md: full jitter under an exponential ceiling capped at 60
 * s.
 */
class BackoffTests {

	private static List<Long> draws(Duration base, int attempt, Duration retryAfter) {
		List<Long> millis = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			millis.add(RetryPolicy.backoff(base, attempt, retryAfter).toMillis());
		}
		return millis;
	}

	@Test
	void drawsFromZeroUpToTheExponentialCeiling() {
		// attempt 3 at a 1 s base: ceiling 8 s
		List<Long> millis = draws(Duration.ofSeconds(1), 3, null);
		assertThat(millis).allMatch(m -> m >= 0 && m <= 8000);
		assertThat(millis).as("full jitter reaches the bottom quarter").anyMatch(m -> m < 2000);
		assertThat(millis).as("and the top quarter").anyMatch(m -> m > 6000);
	}

	@Test
	void theCeilingIsCappedAtAMinute() {
		assertThat(draws(Duration.ofSeconds(1), 30, null)).allMatch(m -> m <= 60_000).anyMatch(m -> m > 45_000);
	}

	@Test
	void aLongerRetryAfterWins() {
		assertThat(draws(Duration.ofMillis(100), 1, Duration.ofSeconds(30))).containsOnly(30_000L);
		assertThat(draws(Duration.ofSeconds(1), 3, Duration.ofMillis(1))).allMatch(m -> m <= 8000);
	}

}
