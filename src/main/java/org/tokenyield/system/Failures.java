package org.tokenyield.system;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unexpected failures: logged once with a correlation id that the answer shows instead of
 * any detail.
 */
public final class Failures {

	private static final Logger log = LoggerFactory.getLogger(Failures.class);

	private Failures() {
	}

	/** Logs the failure with its stack trace; returns the id to show. */
	public static String log(Throwable ex) {
		String id = UUID.randomUUID().toString().substring(0, 13);
		log.error("Unexpected failure, correlation id {}", id, ex);
		return id;
	}

}
