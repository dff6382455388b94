package org.tokenyield.system;

import java.time.Duration;

/**
 * A request body that did not arrive within {@code app.limits.body-deadline} (HTTP 408):
 * a client that trickles bytes in must not hold a worker thread for long.
 */
public class SlowBodyException extends RuntimeException {

	public SlowBodyException(Duration deadline) {
		super("The body did not arrive within " + deadline.toSeconds() + " seconds.");
	}

}
