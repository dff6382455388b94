package org.tokenyield.analytics.calc;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tokenyield.analytics.calc.AccuracyWithoutTruncated.PromptScores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class AccuracyWithoutTruncatedTests {

	/**
	 * Prompt 1: scores 1, 1, 0, 0, the two zeros truncated: kept (1 + 1) / 2 = 1.0.
	 * Prompt 2: scores 0 and 1, the 1 truncated: kept 0 / 1 = 0.0. Prompt 3: its only
	 * graded run truncated: left out. Macro mean (1.0 + 0.0) / 2 = 0.5 (accuracy with
	 * every run: (0.5 + 0.5 + s3) / 3).
	 */
	final List<PromptScores> prompts = List.of(new PromptScores(1, 4, 2.0, 2, 0.0), new PromptScores(2, 2, 1.0, 1, 1.0),
			new PromptScores(3, 1, 1.0, 1, 1.0));

	@Test
	void macroMeanOverPromptsWithAGradedRunLeft() {
		assertThat(AccuracyWithoutTruncated.of(this.prompts)).isCloseTo(0.5, within(1e-12));
	}

	@Test
	void restrictedToTheGivenPrompts() {
		// prompts 2 and 3: only prompt 2 has a run left, kept 0.0
		assertThat(AccuracyWithoutTruncated.of(this.prompts, Set.of(2L, 3L))).isEqualTo(0.0);
		// prompt 3 alone: nothing left
		assertThat(AccuracyWithoutTruncated.of(this.prompts, Set.of(3L))).isNull();
	}

	@Test
	void nothingGradedIsNullNeverZero() {
		assertThat(AccuracyWithoutTruncated.of(List.of())).isNull();
		assertThat(AccuracyWithoutTruncated.of(List.of(new PromptScores(9, 0, 0, 0, 0)))).isNull();
	}

	@Test
	void withoutTruncationItIsTheAccuracy() {
		// scores (1 + 0 + 1) / 3 and 1 / 2: accuracy (2/3 + 1/2) / 2 = 7/12
		assertThat(AccuracyWithoutTruncated
			.of(List.of(new PromptScores(1, 3, 2.0, 0, 0), new PromptScores(2, 2, 1.0, 0, 0))))
			.isCloseTo(7.0 / 12, within(1e-12));
	}

	@Test
	void datasetsOfOnePromptAddUp() {
		// (4 graded, 2 truncated) + (2 graded, 0 truncated, scores 1 and 1):
		// kept (2 - 0 + 2) / (6 - 2) = 1.0
		PromptScores both = new PromptScores(1, 4, 2.0, 2, 0.0).plus(new PromptScores(1, 2, 2.0, 0, 0));
		assertThat(both).isEqualTo(new PromptScores(1, 6, 4.0, 2, 0.0));
		assertThat(AccuracyWithoutTruncated.of(List.of(both))).isEqualTo(1.0);
	}

	@Test
	void moreTruncatedThanGradedIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PromptScores(1, 1, 1.0, 2, 1.0));
	}

	@Test
	void sweepPromptsAreThoseGradedWithTokensAtEverySetting() {
		// prompt 1 everywhere; prompt 2 ungraded at "b"; prompt 3 only at "a"
		Map<String, List<PromptMeans>> sweep = Map.of("a",
				List.of(means(1, 100.0, 1.0), means(2, 100.0, 1.0), means(3, 100.0, 0.0)), "b",
				List.of(means(1, 200.0, 0.0), means(2, 200.0, null)));
		assertThat(AccuracyWithoutTruncated.sweepPrompts(sweep)).containsExactly(1L);
	}

	private static PromptMeans means(long prompt, Double generated, Double score) {
		return new PromptMeans(prompt, "math", 10.0, generated, null, score, 1, 0, 0.0);
	}

}
