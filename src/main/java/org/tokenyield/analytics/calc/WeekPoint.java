package org.tokenyield.analytics.calc;

/**
 * One ISO week of a config's runs (METRICS.md section 8).
 *
 * @param week ISO week-based year and week in UTC, e.g. {@code 2026-W47}
 * @param prompts distinct prompts run that week
 * @param tokens macro mean of per-prompt mean generated tokens that week; null when
 * unknown
 * @param accuracy macro mean of per-prompt mean scores over that week's graded runs; null
 * when none is graded
 */
public record WeekPoint(String week, int prompts, int runs, Double tokens, Double accuracy) {
}
