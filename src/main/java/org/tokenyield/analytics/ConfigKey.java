package org.tokenyield.analytics;

/** A config c = (model version, setting). */
public record ConfigKey(long modelId, String setting) {
}
