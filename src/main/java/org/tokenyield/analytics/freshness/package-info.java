/**
 * How figures stay fast and fresh while runs arrive (docs/live-figures.md): the summary's
 * versions ({@link org.tokenyield.analytics.freshness.SummaryVersionStamper}), the figure
 * cache that serves a figure stale while it recomputes on a background lane
 * ({@link org.tokenyield.analytics.freshness.FigureCache},
 * {@link org.tokenyield.analytics.freshness.RecomputeLanes}), and the per-client budget
 * of cold computations. The figures themselves are computed in the module's base package.
 */
@org.springframework.modulith.NamedInterface("freshness")
package org.tokenyield.analytics.freshness;
