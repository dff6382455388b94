package org.tokenyield.analytics.calc;

/**
 * One prompt's runs of one config in one ISO week (UTC), as sums: all the timeline needs
 * (METRICS.md section 8), since it pools a prompt's runs per week and per window of
 * weeks. The summary keeps these per week (V25), so the timeline never reads the runs.
 *
 * @param promptId the prompt
 * @param week ISO week-based year and week, e.g. {@code 2026-W47}
 * @param runs successful runs
 * @param nGenerated runs with a known generated token count
 * @param sumGenerated their generated tokens
 * @param nGraded graded runs
 * @param sumScore their scores
 */
public record PromptWeek(long promptId, String week, long runs, long nGenerated, double sumGenerated, long nGraded,
		double sumScore) {

}
