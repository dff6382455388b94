package org.tokenyield.system;

/**
 * The body went past its limit while it was read (HTTP 413): chunked bodies have no
 * length to check first.
 */
public class PayloadTooLargeException extends RuntimeException {

	private final long limit;

	public PayloadTooLargeException(long limit) {
		super("The body is larger than the " + limit + " bytes accepted here.");
		this.limit = limit;
	}

	public long limit() {
		return this.limit;
	}

}
