package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accuracy with the runs cut at the output cap left out (docs/methodology-notes.md
 * "Truncation, time and caching"): the macro mean over prompts of the mean score of each
 * prompt's graded runs that did not finish with {@code length}, as METRICS.md averages
 * accuracy. A prompt whose every graded run was truncated has no score left and is left
 * out. Beside the accuracy, it shows how much of it the output cap took.
 */
public final class AccuracyWithoutTruncated {

	private AccuracyWithoutTruncated() {
	}

	/**
	 * One prompt's graded runs of a config and those of them that were truncated.
	 *
	 * @param graded runs with a score
	 * @param sumScore sum of their scores
	 * @param gradedTruncated of those, runs that finished with {@code length}
	 * @param sumScoreTruncated sum of the scores of those
	 */
	public record PromptScores(long promptId, long graded, double sumScore, long gradedTruncated,
			double sumScoreTruncated) {

		public PromptScores {
			if (graded < 0 || gradedTruncated < 0 || gradedTruncated > graded) {
				throw new IllegalArgumentException("need 0 <= gradedTruncated <= graded");
			}
		}

		/** The same prompt's runs of both, e.g. of two datasets. */
		public PromptScores plus(PromptScores other) {
			return new PromptScores(this.promptId, this.graded + other.graded, this.sumScore + other.sumScore,
					this.gradedTruncated + other.gradedTruncated, this.sumScoreTruncated + other.sumScoreTruncated);
		}

		/** Mean score of the graded runs that were not truncated, null when none is. */
		Double keptScore() {
			long kept = this.graded - this.gradedTruncated;
			return kept == 0 ? null : (this.sumScore - this.sumScoreTruncated) / kept;
		}

	}

	/** Over every prompt given; null when no prompt has a graded run left. */
	public static Double of(Collection<PromptScores> prompts) {
		return of(prompts, null);
	}

	/**
	 * Over the prompts of {@code only} (all when null), e.g. the paired prompts of a
	 * setting sweep, so the figure sits beside an accuracy over the same prompts.
	 */
	public static Double of(Collection<PromptScores> prompts, Set<Long> only) {
		Sums sums = new Sums();
		for (PromptScores p : prompts) {
			if (only == null || only.contains(p.promptId())) {
				sums.add(p, 1);
			}
		}
		return sums.value();
	}

	/**
	 * The figure kept under prompts added and removed, exactly ({@link ExactMean}), so
	 * the same prompts give the same figure in any order, equal to {@link #of}. Not
	 * thread-safe.
	 */
	public static final class Sums {

		private final ExactMean kept = new ExactMean();

		/** Adds ({@code sign} 1) or removes (-1) a prompt's runs. */
		public void add(PromptScores prompt, int sign) {
			this.kept.add(prompt.keptScore(), sign);
		}

		/** Null when no prompt has a graded run left. */
		public Double value() {
			return Stats.boxed(this.kept.mean());
		}

	}

	/**
	 * The prompts a setting sweep's points are computed over ({@link ScalingCalculator}:
	 * graded and with known generated tokens at every setting), so each point's figure
	 * sits beside an accuracy over the same prompts.
	 */
	public static Set<Long> sweepPrompts(Map<String, List<PromptMeans>> sweep) {
		List<Map<Long, PromptMeans>> maps = new ArrayList<>();
		sweep.values().forEach(means -> maps.add(Pairing.byPrompt(means)));
		Set<Long> out = new HashSet<>();
		for (long id : Pairing.common(maps, m -> m.score() != null && m.generated() != null)) {
			out.add(id);
		}
		return out;
	}

}
