package org.tokenyield.analytics.calc;

/**
 * One successful run, for the figures that need individual samples (length, parallel).
 *
 * @param sample the sample index i of the run within (prompt, config)
 * @param generated generated tokens, null when the provider did not report them
 * @param score grader score in [0, 1], null until graded; correct when {@code >= 0.5}
 * @param normalizedAnswer the majority voting key: the grader's normalized extracted
 * answer; empty when an answer was looked for and none could be read (the run abstains);
 * null when the run carries no answer at all (an import without one, a judge not yet
 * asked)
 */
public record RunObservation(long promptId, int sample, Double generated, Double score, String normalizedAnswer) {

	/**
	 * The threshold of METRICS.md: a run is correct when its score is at least one half.
	 */
	public static final double CORRECT_SCORE = 0.5;

	/** True when graded and {@code score >= 0.5}. */
	public boolean correct() {
		return this.score != null && this.score >= CORRECT_SCORE;
	}

}
