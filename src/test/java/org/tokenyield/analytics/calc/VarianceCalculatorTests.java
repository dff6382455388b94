package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tokenyield.analytics.calc.Fixtures.run;

class VarianceCalculatorTests {

	/**
	 * The runs' moments per prompt, as the summary table keeps them, through
	 * {@link VarianceCalculator#fromMoments}.
	 */
	private static VarianceSummary summarize(List<RunObservation> runs) {
		List<PromptVariance> rows = new ArrayList<>();
		Runs.byPrompt(runs, r -> r.generated() != null).forEach((prompt, list) -> {
			double[] g = list.stream().mapToDouble(RunObservation::generated).toArray();
			double sum = Arrays.stream(g).sum();
			double sumsq = Arrays.stream(g).map(v -> v * v).sum();
			VarianceCalculator
				.fromMoments(prompt, "math", g.length, sum, sumsq, Arrays.stream(g).min().orElseThrow(),
						Arrays.stream(g).max().orElseThrow())
				.ifPresent(rows::add);
		});
		return VarianceCalculator.of(rows);
	}

	@Test
	void medianCvAndShareOfWideSpreads() {
		List<RunObservation> runs = List.of(run(1, 0, 100.0, 1.0), run(1, 1, 200.0, null), run(1, 2, 300.0, 0.0), // CV
																													// 0.5,
																													// ratio
																													// 3
				run(2, 0, 100.0, 1.0), run(2, 1, 150.0, 1.0), // CV 0.2828, ratio 1.5
				run(3, 0, 500.0, 1.0), // one sample: out
				run(4, 0, 0.0, 0.0), run(4, 1, 50.0, 0.0), // CV 1.414, min 0: counts as >
															// 2
				run(5, 0, 0.0, 0.0), run(5, 1, 0.0, 0.0), // mean 0: out
				run(6, 0, 100.0, 1.0), run(6, 1, null, 1.0), run(6, 2, 100.0, 1.0)); // CV
																						// 0,
																						// ratio
																						// 1
		VarianceSummary s = summarize(runs);
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
	void momentsOfTheSummaryGiveTheSameFigureAsTheRuns() {
		// prompt 1: 100, 200, 300; prompt 2: 100, 150; prompt 4: 0, 50; prompt 5: 0, 0
		// (out); prompt 7: 500 (out)
		VarianceSummary fromRuns = summarize(List.of(run(1, 0, 100.0, 1.0), run(1, 1, 200.0, null),
				run(1, 2, 300.0, 0.0), run(2, 0, 100.0, 1.0), run(2, 1, 150.0, 1.0), run(4, 0, 0.0, 0.0),
				run(4, 1, 50.0, 0.0), run(5, 0, 0.0, 0.0), run(5, 1, 0.0, 0.0), run(7, 0, 500.0, 1.0)));
		List<PromptVariance> rows = new java.util.ArrayList<>();
		VarianceCalculator.fromMoments(1, "x", 3, 600, 140_000, 100, 300).ifPresent(rows::add);
		VarianceCalculator.fromMoments(2, "x", 2, 250, 32_500, 100, 150).ifPresent(rows::add);
		VarianceCalculator.fromMoments(4, "x", 2, 50, 2_500, 0, 50).ifPresent(rows::add);
		assertThat(VarianceCalculator.fromMoments(5, "x", 2, 0, 0, 0, 0)).isEmpty();
		assertThat(VarianceCalculator.fromMoments(7, "x", 1, 500, 250_000, 500, 500)).isEmpty();
		VarianceSummary fromMoments = VarianceCalculator.of(rows);
		assertThat(fromMoments.prompts()).isEqualTo(fromRuns.prompts()).isEqualTo(3);
		assertThat(fromMoments.rows().get(0).sd()).isCloseTo(100.0, within(1e-9));
		assertThat(fromMoments.rows().get(2).ratioAboveTwo()).isTrue();
		assertThat(fromMoments.medianCv()).isCloseTo(fromRuns.medianCv(), within(1e-12));
		assertThat(fromMoments.medianCv()).isCloseTo(0.5, within(1e-12));
		assertThat(fromMoments.shareRatioAboveTwo()).isCloseTo(fromRuns.shareRatioAboveTwo(), within(1e-12))
			.isCloseTo(2.0 / 3, within(1e-12));
	}

	@Test
	void ratioOfExactlyTwoDoesNotExceedTwo() {
		VarianceSummary s = summarize(List.of(run(1, 0, 100.0, 1.0), run(1, 1, 200.0, 1.0)));
		assertThat(s.shareRatioAboveTwo()).isZero();
	}

	@Test
	void oneSamplePerPromptGivesNothing() {
		VarianceSummary s = summarize(List.of(run(1, 0, 100.0, 1.0), run(2, 0, 200.0, 1.0)));
		assertThat(s.prompts()).isZero();
		assertThat(s.medianCv()).isNull();
		assertThat(s.shareRatioAboveTwo()).isNull();
		assertThat(s.rows()).isEmpty();
	}

}
