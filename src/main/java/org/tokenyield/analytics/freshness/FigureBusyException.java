package org.tokenyield.analytics.freshness;

import java.time.Duration;

import org.tokenyield.system.TooManyRequestsException;

/**
 * A figure that is not computed yet cannot be computed now: the client used its budget of
 * computations, or the figure pool is full. Answered 429 with Retry-After like every
 * limit.
 */
public class FigureBusyException extends TooManyRequestsException {

	public FigureBusyException(long retryAfterSeconds) {
		super("Too many new figures asked for at once; figures already computed are served at once, try this one again in "
				+ retryAfterSeconds + " s", Duration.ofSeconds(retryAfterSeconds));
	}

}
