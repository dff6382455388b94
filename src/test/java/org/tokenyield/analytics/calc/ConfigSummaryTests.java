package org.tokenyield.analytics.calc;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConfigSummaryTests {

	@Test
	void macroAveragesOfPerPromptMeans() {
		List<PromptMeans> means = List.of(new PromptMeans(1, "math", 100.0, 300.0, 200.0, 1.0, 3, 3, 0.03),
				new PromptMeans(2, "math", 50.0, 100.0, null, 0.5, 2, 1, 0.02),
				new PromptMeans(3, "code", 30.0, 500.0, 100.0, null, 1, 0, 0.05),
				new PromptMeans(4, "code", 20.0, 200.0, null, 0.0, 4, 0, 0.10));
		ConfigSummary s = ConfigSummary.of(means, 1L);
		assertThat(s.prompts()).isEqualTo(4);
		assertThat(s.gradedPrompts()).isEqualTo(3);
		assertThat(s.accuracy().value()).isCloseTo(0.5, within(1e-12)); // (1 + 0.5 + 0) /
																		// 3, not 4/9 of
																		// runs
		assertThat(s.accuracy().ciLow()).isBetween(0.0, 0.5);
		assertThat(s.accuracy().ciHigh()).isBetween(0.5, 1.0);
		assertThat(s.input()).isCloseTo(50.0, within(1e-12));
		assertThat(s.generated()).isCloseTo(275.0, within(1e-12));
		assertThat(s.medianGenerated()).isCloseTo(250.0, within(1e-12));
		assertThat(s.reasoning()).isCloseTo(150.0, within(1e-12)); // over the two prompts
																	// that report it
		assertThat(s.costPerCorrect()).isCloseTo(0.20 / 4, within(1e-12));
	}

	@Test
	void zeroAccuracyAndNoReasoning() {
		List<PromptMeans> means = List.of(new PromptMeans(1, "math", 10.0, 100.0, null, 0.0, 2, 0, 0.01),
				new PromptMeans(2, "math", 10.0, 200.0, null, 0.0, 2, 0, 0.01));
		ConfigSummary s = ConfigSummary.of(means, 1L);
		assertThat(s.accuracy()).isEqualTo(Estimate.of(0, 0, 0));
		assertThat(s.reasoning()).isNull();
		assertThat(s.costPerCorrect()).isNull();
		assertThat(s.medianGenerated()).isEqualTo(150.0);
	}

	@Test
	void emptyConfig() {
		ConfigSummary s = ConfigSummary.of(List.of(), 1L);
		assertThat(s.prompts()).isZero();
		assertThat(s.accuracy()).isEqualTo(Estimate.UNDEFINED);
		assertThat(s.generated()).isNull();
		assertThat(s.medianGenerated()).isNull();
	}

}
