/**
 * The figures of METRICS.md: pure calculations in {@code calc}, fed by queries over the
 * per-config summary that a background job keeps fresh.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics")
package org.tokenyield.analytics;
