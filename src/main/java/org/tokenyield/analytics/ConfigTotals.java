package org.tokenyield.analytics;

import java.util.Arrays;

import org.tokenyield.analytics.calc.AccuracyWithoutTruncated;
import org.tokenyield.analytics.calc.ExactMean;
import org.tokenyield.analytics.calc.FinishCounts;
import org.tokenyield.analytics.calc.LatencyBuckets;
import org.tokenyield.analytics.calc.RunningMedian;
import org.tokenyield.analytics.calc.TimePerTask;
import org.tokenyield.analytics.calc.VarianceCalculator;

/**
 * What the leaderboard shows of one config beside its resample sums, over the (config,
 * prompt) groups of a summary read: how many prompts and correct runs, what it cost as
 * billed and in judge calls, how its runs ended and its accuracy without them, the median
 * spread of its generated tokens (METRICS.md section 4) and its time per task.
 * {@link Running} keeps them as groups come, change and go, so a patched read costs what
 * changed, not the number of prompts (docs/live-figures.md "Reading only what changed").
 *
 * @param prompts groups of the config
 * @param correct correct runs over them
 * @param billedUsd successful runs as billed
 * @param judgeUsd the judge's calls grading them
 * @param finish how the runs ended
 * @param accuracyWithoutTruncated {@link AccuracyWithoutTruncated}, null when no prompt
 * has a graded run left
 * @param medianCv {@link VarianceCalculator#of}'s median CV, null when no prompt enters
 * @param time time per task from the groups' latency buckets ({@link GroupLatency})
 */
record ConfigTotals(int prompts, long correct, double billedUsd, double judgeUsd, FinishCounts finish,
		Double accuracyWithoutTruncated, Double medianCv, TimePerTask time) {

	/**
	 * The totals of a config while groups are added and removed. Sums are exact, so the
	 * same groups give the same totals whatever order they came in (a patched read equals
	 * a read in full to the last bit). Not thread-safe.
	 */
	static final class Running {

		private int prompts;

		private long correct;

		private final ExactMean billed = new ExactMean();

		private final ExactMean judge = new ExactMean();

		private long reasoningKnown;

		private long overran;

		private long finishKnown;

		private long truncated;

		private final AccuracyWithoutTruncated.Sums withoutTruncated = new AccuracyWithoutTruncated.Sums();

		private final RunningMedian cv = new RunningMedian();

		private final long[] latencyRuns = new long[LatencyBuckets.LAST + 1];

		private final ExactMean latency = new ExactMean();

		private final ExactMean output = new ExactMean();

		void add(ConfigMeansQuery.Row row) {
			change(row, 1);
		}

		void remove(ConfigMeansQuery.Row row) {
			change(row, -1);
		}

		private void change(ConfigMeansQuery.Row r, int sign) {
			this.prompts += sign;
			this.correct += sign * (long) r.correct();
			this.billed.add(r.billed(), sign);
			this.judge.add(r.judge(), sign);
			this.reasoningKnown += sign * r.nReasoning();
			this.overran += sign * r.overran();
			this.finishKnown += sign * r.finishKnown();
			this.truncated += sign * r.truncated();
			this.withoutTruncated.add(r.scores(), sign);
			GroupLatency l = r.latency();
			if (l != null) {
				for (int i = 0; i < l.buckets().length; i++) {
					this.latencyRuns[l.buckets()[i]] += sign * l.runs()[i];
				}
				this.latency.add(l.sumLatencyMs(), sign);
				this.output.add(l.sumOutput(), sign);
			}
			r.spread().ifPresent(v -> {
				if (sign > 0) {
					this.cv.add(v.cv());
				}
				else {
					this.cv.remove(v.cv());
				}
			});
		}

		boolean isEmpty() {
			return this.prompts == 0;
		}

		ConfigTotals totals() {
			boolean timed = Arrays.stream(this.latencyRuns).anyMatch(n -> n != 0);
			return new ConfigTotals(this.prompts, this.correct, this.billed.sum(), this.judge.sum(),
					new FinishCounts(this.reasoningKnown, this.overran, this.finishKnown, this.truncated),
					this.withoutTruncated.value(), this.cv.isEmpty() ? null : this.cv.median(),
					timed ? TimePerTask.of(this.latencyRuns.clone(), this.latency.sum(), this.output.sum())
							: TimePerTask.NONE);
		}

	}

}
