/**
 * The formulas of METRICS.md as plain Java over immutable records: no Spring, no
 * database, no JSON. Queries elsewhere in {@code analytics} produce
 * {@link org.tokenyield.analytics.calc.PromptMeans} and
 * {@link org.tokenyield.analytics.calc.RunObservation} rows; the calculators here turn
 * them into the figures (estimates carry a 95 % percentile-bootstrap interval over
 * prompts).
 * <p>
 * Conventions: an undefined number is {@code null}, never NaN; every random choice is
 * driven by a caller-given seed (see {@link org.tokenyield.analytics.calc.Seeds}) so the
 * same data gives the same interval. Choices METRICS.md leaves open are recorded in
 * docs/methodology-notes.md.
 */
@org.springframework.modulith.NamedInterface("calc")
package org.tokenyield.analytics.calc;
