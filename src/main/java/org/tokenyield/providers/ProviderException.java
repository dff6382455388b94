package org.tokenyield.providers;

import java.time.Duration;

/**
 * A failed call, classified so the queue knows whether to try again (PROVIDERS.md,
 * "Retries").
 *
 * @param retryable 429 rate limits, 529, 5xx, timeouts, connection resets
 * @param httpStatus the status, or 0 when no response came
 * @param retryAfter the provider's {@code retry-after}, or null Also the usage of the
 * call when the provider reported one with the failure ({@link #billedUsage()}).
 */
public class ProviderException extends Exception {

	private final boolean retryable;

	private final int httpStatus;

	private final transient Duration retryAfter;

	private final transient Usage billedUsage;

	public ProviderException(String message, boolean retryable, int httpStatus, Duration retryAfter) {
		this(message, retryable, httpStatus, retryAfter, null);
	}

	private ProviderException(String message, boolean retryable, int httpStatus, Duration retryAfter,
			Usage billedUsage) {
		super(message);
		this.retryable = retryable;
		this.httpStatus = httpStatus;
		this.retryAfter = retryAfter;
		this.billedUsage = billedUsage;
	}

	/**
	 * The same failure, known to be billed: the reply reported this usage before
	 * something else in it could not be read (docs/methodology-notes.md "Honest cost":
	 * such an attempt is billed).
	 */
	public ProviderException billed(Usage usage) {
		ProviderException billed = new ProviderException(getMessage(), this.retryable, this.httpStatus, this.retryAfter,
				usage);
		billed.setStackTrace(getStackTrace());
		return billed;
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

	/**
	 * The usage the provider reported with this failed call, or null when none came back
	 * (not billed).
	 */
	public Usage billedUsage() {
		return this.billedUsage;
	}

}
