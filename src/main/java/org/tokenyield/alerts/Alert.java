package org.tokenyield.alerts;

import java.time.Instant;

/**
 * One feed entry. {@code simulated} entries are public only in demo mode, like their
 * figures.
 */
public record Alert(long id, Instant occurredAt, AlertKind kind, String modelKey, boolean simulated, String title,
		String summary) {

}
