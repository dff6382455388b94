package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

	/**
	 * The sums of individual runs (those without a finish time are left out), in the
	 * order the runs come: the same sums the summary keeps.
	 */
	public static List<PromptWeek> of(Collection<RunObservation> runs) {
		Map<List<Object>, double[]> sums = new LinkedHashMap<>();
		for (RunObservation run : runs) {
			if (run.finishedAt() == null) {
				continue;
			}
			double[] s = sums.computeIfAbsent(List.of(run.promptId(), TimelineCalculator.isoWeek(run.finishedAt())),
					k -> new double[5]);
			s[0]++;
			if (run.generated() != null) {
				s[1]++;
				s[2] += run.generated();
			}
			if (run.score() != null) {
				s[3]++;
				s[4] += run.score();
			}
		}
		List<PromptWeek> out = new ArrayList<>(sums.size());
		sums.forEach((key, s) -> out.add(new PromptWeek((Long) key.get(0), (String) key.get(1), (long) s[0],
				(long) s[1], s[2], (long) s[3], s[4])));
		return out;
	}

}
