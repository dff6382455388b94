package org.tokenyield.catalog;

/** A version joined the catalog: the run queue backfills every approved prompt for it. */
public record ModelVersionAdded(long modelId, String key) {
}
