package org.tokenyield.analytics.calc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timeline computed from individual runs, as it was before the week sums (V25): the
 * oracle the tests compare {@link TimelineCalculator#fromWeeks} and the database's week
 * sums with.
 */
public final class FinishedRuns {

	private FinishedRuns() {
	}

	/** A successful run with its finish time (null: left out of every week). */
	public record FinishedRun(long promptId, Double generated, Double score, Instant finishedAt) {
	}

	/** The timeline of the runs: their sums per prompt and ISO week, then fromWeeks. */
	public static Timeline timeline(Collection<FinishedRun> runs, long seed) {
		return new TimelineCalculator().fromWeeks(weeks(runs), seed);
	}

	/**
	 * The sums of the runs per prompt and week, in the order the runs come: the sums the
	 * summary keeps.
	 */
	static List<PromptWeek> weeks(Collection<FinishedRun> runs) {
		Map<List<Object>, double[]> sums = new LinkedHashMap<>();
		for (FinishedRun run : runs) {
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
