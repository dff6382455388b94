package org.tokenyield.analytics.calc;

import java.time.Instant;

import org.tokenyield.analytics.calc.FinishedRuns.FinishedRun;

/** Builders for the calculators' input records. */
final class Fixtures {

	private Fixtures() {
	}

	/**
	 * Per-prompt means with generated tokens and score; input 100, no reasoning, no cost.
	 */
	static PromptMeans pm(long id, Double generated, Double score) {
		return new PromptMeans(id, "math", 100.0, generated, null, score, 1, 0, 0);
	}

	static PromptMeans pm(long id, String category, Double input, Double generated, Double reasoning, Double score) {
		return new PromptMeans(id, category, input, generated, reasoning, score, 1, 0, 0);
	}

	static RunObservation run(long prompt, int sample, Double generated, Double score) {
		return new RunObservation(prompt, sample, generated, score, null);
	}

	static RunObservation answer(long prompt, int sample, String answer, boolean correct) {
		return new RunObservation(prompt, sample, 100.0, correct ? 1.0 : 0.0, answer);
	}

	static FinishedRun at(long prompt, double generated, double score, String instant) {
		return new FinishedRun(prompt, generated, score, Instant.parse(instant));
	}

}
