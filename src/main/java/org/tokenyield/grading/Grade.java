package org.tokenyield.grading;

/**
 * The outcome of grading one run. A run counts as correct when {@code score >= 0.5}
 * (METRICS.md); the rule-based graders give exactly 0 or 1.
 *
 * @param score in [0, 1]
 * @param extractedAnswer the answer as the grader read it (the compared line, the number,
 * the letter, the matched text, the JSON object); empty, never null, when none was found
 */
public record Grade(double score, String extractedAnswer) {

	public Grade {
		if (!(score >= 0 && score <= 1)) {
			throw new IllegalArgumentException("score must be in [0, 1], was " + score);
		}
		extractedAnswer = (extractedAnswer != null) ? extractedAnswer : "";
	}

	static Grade of(boolean correct, String extractedAnswer) {
		return new Grade(correct ? 1 : 0, extractedAnswer);
	}

	/** Correct in the sense of METRICS.md: score at least 0.5. */
	public boolean correct() {
		return this.score >= 0.5;
	}

}
