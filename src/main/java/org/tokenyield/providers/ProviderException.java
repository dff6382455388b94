package org.tokenyield.providers;

import java.time.Duration;

/**
 * A failed call, classified so the queue knows whether to try again (PROVIDERS.md, "Retries").
 *
 * @param retryable 429 rate limits, 529, 5xx, timeouts, connection resets
 * @param httpStatus the status, or 0 when no response came
 * @param retryAfter the provider's {@code retry-after}, or null
 */
public class ProviderException extends Exception {

	private final boolean retryable;

	private final int httpStatus;

	private final transient Duration retryAfter;

	public ProviderException(String message, boolean retryable, int httpStatus, Duration retryAfter) {
		super(message);
		this.retryable = retryable;
		this.httpStatus = httpStatus;
		this.retryAfter = retryAfter;
	}

	public static ProviderException retryable(String message, int httpStatus, Duration retryAfter) {
		return new ProviderException(message, true, httpStatus, retryAfter);
	}

	public static ProviderException fatal(String message, int httpStatus) {
		return new ProviderException(message, false, httpStatus, null);
	}

	public boolean retryable() {
		return this.retryable;
	}

	public int httpStatus() {
		return this.httpStatus;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
