package org.tokenyield.system;

import java.time.Duration;

/** A limit was reached (HTTP 429); {@code retryAfter} tells when to try again. */
public class TooManyRequestsException extends RuntimeException {

	private final Duration retryAfter;

	public TooManyRequestsException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
