package org.tokenyield.analytics.calc;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tokenyield.analytics.calc.Fixtures.run;

class VarianceCalculatorTest {

	private final VarianceCalculator variance = new VarianceCalculator();

	@Test
	void medianCvAndShareOfWideSpreads() {
		List<RunObservation> runs = List.of(run(1, 0, 100.0, 1.0), run(1, 1, 200.0, null), run(1, 2, 300.0, 0.0), // CV 0.5, ratio 3
				run(2, 0, 100.0, 1.0), run(2, 1, 150.0, 1.0), // CV 0.2828, ratio 1.5
				run(3, 0, 500.0, 1.0), // one sample: out
				run(4, 0, 0.0, 0.0), run(4, 1, 50.0, 0.0), // CV 1.414, min 0: counts as > 2
				run(5, 0, 0.0, 0.0), run(5, 1, 0.0, 0.0), // mean 0: out
				run(6, 0, 100.0, 1.0), run(6, 1, null, 1.0), run(6, 2, 100.0, 1.0)); // CV 0, ratio 1
		VarianceSummary s = this.variance.summarize(runs);
		assertThat(s.prompts()).isEqualTo(4);
		assertThat(s.rows()).extracting(PromptVariance::promptId).containsExactly(1L, 2L, 4L, 6L);
		assertThat(s.rows().get(0).sd()).isCloseTo(100.0, within(1e-9));
		assertThat(s.rows().get(0).cv()).isCloseTo(0.5, within(1e-12));
		assertThat(s.rows().get(0).maxOverMin()).isCloseTo(3.0, within(1e-12));
		assertThat(s.rows().get(2).maxOverMin()).isNull();
		assertThat(s.rows().get(2).ratioAboveTwo()).isTrue();
		assertThat(s.rows().get(3).samples()).isEqualTo(2);
		assertThat(s.medianCv()).isCloseTo((Math.sqrt(1250) / 125 + 0.5) / 2, within(1e-12));
		assertThat(s.shareRatioAboveTwo()).isCloseTo(0.5, within(1e-12));
	}

	@Test
	void ratioOfExactlyTwoDoesNotExceedTwo() {
		VarianceSummary s = this.variance.summarize(List.of(run(1, 0, 100.0, 1.0), run(1, 1, 200.0, 1.0)));
		assertThat(s.shareRatioAboveTwo()).isZero();
	}

	@Test
	void oneSamplePerPromptGivesNothing() {
		VarianceSummary s = this.variance.summarize(List.of(run(1, 0, 100.0, 1.0), run(2, 0, 200.0, 1.0)));
		assertThat(s.prompts()).isZero();
		assertThat(s.medianCv()).isNull();
		assertThat(s.shareRatioAboveTwo()).isNull();
		assertThat(s.rows()).isEmpty();
	}

}
