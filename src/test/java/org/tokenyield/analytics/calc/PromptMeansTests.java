package org.tokenyield.analytics.calc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Means kept unboxed read back as given, and compare as the record they replaced did. */
class PromptMeansTests {

	@Test
	void unknownMeansReadBackAsNullAndKnownOnesAsGiven() {
		PromptMeans m = new PromptMeans(7, "code", 120.5, 300.0, null, 0.0, 3, 0, 0.02);
		assertThat(m.promptId()).isEqualTo(7);
		assertThat(m.category()).isEqualTo("code");
		assertThat(m.input()).isEqualTo(120.5);
		assertThat(m.generated()).isEqualTo(300.0);
		assertThat(m.reasoning()).isNull();
		assertThat(m.score()).isEqualTo(0.0);
		assertThat(m.runs()).isEqualTo(3);
		assertThat(m.correct()).isZero();
		assertThat(m.cost()).isEqualTo(0.02);
	}

	@Test
	void anUnknownMeanDiffersFromAZeroOneAndEqualMeansAreEqual() {
		PromptMeans graded = new PromptMeans(7, "code", 1.0, 2.0, 0.0, 0.0, 3, 0, 0.02);
		PromptMeans ungraded = new PromptMeans(7, "code", 1.0, 2.0, 0.0, null, 3, 0, 0.02);
		PromptMeans noReasoning = new PromptMeans(7, "code", 1.0, 2.0, null, 0.0, 3, 0, 0.02);
		assertThat(graded).isNotEqualTo(ungraded).isNotEqualTo(noReasoning);
		assertThat(ungraded).isNotEqualTo(noReasoning);
		PromptMeans same = new PromptMeans(7, "code", 1.0, 2.0, 0.0, 0.0, 3, 0, 0.02);
		assertThat(graded).isEqualTo(same).hasSameHashCodeAs(same);
		assertThat(graded).isNotEqualTo(new PromptMeans(7, "code", 1.0, 2.0, -0.0, 0.0, 3, 0, 0.02));
		assertThat(graded).isNotEqualTo(new PromptMeans(8, "code", 1.0, 2.0, 0.0, 0.0, 3, 0, 0.02));
		assertThat(graded.toString()).contains("reasoning=0.0", "score=0.0");
		assertThat(ungraded.toString()).contains("score=null");
	}

	@Test
	void correctRunsStayWithinTheRuns() {
		assertThatThrownBy(() -> new PromptMeans(1, null, null, null, null, null, 2, 3, 0))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
