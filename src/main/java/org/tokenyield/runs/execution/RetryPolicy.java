package org.tokenyield.runs.execution;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Whether a failed call is tried again, and when (docs/queue.md): retryable failures
 * (429, 5xx, timeouts) up to {@code maxAttempts} calls, each after an exponential backoff
 * with full jitter; the provider's retry-after wins when longer. Used for the models'
 * calls and the judge's.
 */
public final class RetryPolicy {

	private static final long CAP_MILLIS = 60_000;

	private final int maxAttempts;

	private final Duration base;

	public RetryPolicy(int maxAttempts, Duration base) {
		this.maxAttempts = maxAttempts;
		this.base = base;
	}

	/**
	 * Whether attempt number {@code attempt} (1 for the first call) that failed so is
	 * followed by another.
	 */
	public boolean retries(boolean retryable, int attempt) {
		return retryable && attempt < this.maxAttempts;
	}

	public Duration delay(int attempt, Duration retryAfter) {
		return backoff(this.base, attempt, retryAfter);
	}

	/**
	 * A uniform draw from 0 to {@code base · 2^attempt}, that ceiling capped at 60 s, so
	 * clients that failed together spread out instead of retrying in step;
	 * {@code retryAfter} when longer.
	 */
	static Duration backoff(Duration base, int attempt, Duration retryAfter) {
		long ceiling = Math.max(1, Math.min(CAP_MILLIS, base.toMillis() << Math.min(attempt, 16)));
		long jittered = ThreadLocalRandom.current().nextLong(0, ceiling + 1);
		Duration delay = Duration.ofMillis(jittered);
		return retryAfter != null && retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
	}

}
