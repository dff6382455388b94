package org.tokenyield.analytics.freshness;

import java.time.Instant;

/**
 * A figure with the summary version it was computed from: its {@code as_of}, which the
 * response carries as a field, the {@code As-Of} header and the ETag.
 */
public record Versioned<T>(T value, Instant asOf) {
}
