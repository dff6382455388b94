/**
 * How figures stay fast and fresh while runs arrive (docs/live-figures.md): the summary's
 * versions ({@link org.tokenyield.analytics.freshness.SummaryVersionStamper}), the one
 * figure cache that serves a figure stale while it recomputes
 * ({@link org.tokenyield.analytics.freshness.FigureCache}, values with their as_of:
 * {@link org.tokenyield.analytics.freshness.Versioned}), where figures are computed
 * ({@link org.tokenyield.analytics.freshness.FigurePool},
 * {@link org.tokenyield.analytics.freshness.RecomputeLanes}, the
 * {@link org.tokenyield.analytics.freshness.Lane} handed to a computation), and the
 * per-client budget of cold computations. The figures themselves are computed in the
 * module's base package.
 */
@org.springframework.modulith.NamedInterface("freshness")
package org.tokenyield.analytics.freshness;
