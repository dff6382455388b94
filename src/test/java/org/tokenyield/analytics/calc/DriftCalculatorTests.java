package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static org.tokenyield.analytics.calc.Fixtures.pm;

class DriftCalculatorTests {

	private final DriftCalculator drift = new DriftCalculator();

	@Test
	void geometricMeanRatioOverPairedPromptsSkippingZerosAndUnknowns() {
		List<PromptMeans> older = List.of(pm(1, 100.0, 1.0), pm(2, 200.0, 0.5), pm(3, 0.0, 1.0), pm(4, null, 0.0),
				pm(6, 300.0, 1.0));
		List<PromptMeans> newer = List.of(pm(2, 200.0, 1.0), pm(1, 200.0, 1.0), pm(3, 50.0, 0.0), pm(4, 10.0, 1.0),
				pm(5, 999.0, 1.0));
		DriftEstimate d = this.drift.compare(older, newer, 1L);

		assertThat(d.prompts()).isEqualTo(4); // 1..4; 5 and 6 are unpaired
		// ratios 2 and 1 (3 and 4 skipped): exp(mean(ln 2, ln 1)) - 1 = sqrt 2 - 1
		assertThat(d.generated().value()).isCloseTo(Math.sqrt(2) - 1, within(1e-12));
		assertThat(d.generated().ciLow()).isCloseTo(0.0, within(1e-12));
		assertThat(d.generated().ciHigh()).isCloseTo(1.0, within(1e-12));
		// same request text: no input drift, degenerate interval
		assertThat(d.input()).isEqualTo(Estimate.of(0, 0, 0));
		// accuracy change over the 4 graded pairs: (0 + 0.5 - 1 + 1) / 4
		assertThat(d.accuracyChange().value()).isCloseTo(0.125, within(1e-12));
		assertThat(d.accuracyChange().ciLow()).isLessThan(0);
	}

	@Test
	void missingReasoningTokensLeaveReasoningDriftUndefined() {
		DriftEstimate d = this.drift.compare(List.of(pm(1, 100.0, 1.0)), List.of(pm(1, 120.0, 1.0)), 1L);
		assertThat(d.reasoning()).isEqualTo(Estimate.UNDEFINED);
		assertThat(d.generated().value()).isCloseTo(0.2, within(1e-12));
	}

	@Test
	void reasoningDriftWhenBothSidesReportIt() {
		List<PromptMeans> older = List.of(pm(1, "a", 10.0, 100.0, 50.0, 1.0), pm(2, "a", 10.0, 100.0, null, 1.0));
		List<PromptMeans> newer = List.of(pm(1, "a", 12.0, 150.0, 100.0, 1.0), pm(2, "a", 12.0, 100.0, 80.0, 1.0));
		DriftEstimate d = this.drift.compare(older, newer, 1L);
		assertThat(d.reasoning().value()).isCloseTo(1.0, within(1e-12));
		assertThat(d.input().value()).isCloseTo(0.2, within(1e-12));
	}

	@Test
	void noPairedPromptsGivesAnEmptyEstimate() {
		DriftEstimate d = this.drift.compare(List.of(pm(1, 100.0, 1.0)), List.of(pm(2, 100.0, 1.0)), 1L);
		assertThat(d).isEqualTo(DriftEstimate.EMPTY);
	}

	@Test
	void ungradedPromptsLeaveAccuracyAndVerdictUndefined() {
		DriftEstimate d = this.drift.compare(List.of(pm(1, 100.0, null)), List.of(pm(1, 200.0, 1.0)), 1L);
		assertThat(d.accuracyChange()).isEqualTo(Estimate.UNDEFINED);
		assertThat(d.verdict()).isNull();
	}

	@Test
	void verdictsFromTheCalculator() {
		// every prompt +50 % tokens, accuracy identical: overhead
		assertThat(verdict(1.5, 0.0)).isEqualTo(Verdict.OVERHEAD);
		// tokens halved, every prompt +0.2 accuracy: efficiency win
		assertThat(verdict(0.5, 0.2)).isEqualTo(Verdict.EFFICIENCY_WIN);
		// identical tokens, accuracy down: regression
		assertThat(verdict(1.0, -0.2)).isEqualTo(Verdict.REGRESSION);
	}

	private Verdict verdict(double tokenFactor, double accuracyShift) {
		List<PromptMeans> older = new ArrayList<>();
		List<PromptMeans> newer = new ArrayList<>();
		for (int p = 0; p < 20; p++) {
			double g = 100 + 10 * p;
			double a = 0.3 + 0.02 * p;
			older.add(pm(p, g, a));
			newer.add(pm(p, g * tokenFactor, a + accuracyShift));
		}
		return this.drift.compare(older, newer, 5L).verdict();
	}

	@Test
	void pairedBootstrapIsDeterministicPerSeed() {
		List<PromptMeans> older = new ArrayList<>();
		List<PromptMeans> newer = new ArrayList<>();
		for (int p = 0; p < 30; p++) {
			older.add(pm(p, 100.0 + p, (p % 3 == 0) ? 1.0 : 0.0));
			newer.add(pm(p, 100.0 + 3 * (p % 7), (p % 2 == 0) ? 1.0 : 0.0));
		}
		DriftEstimate a = this.drift.compare(older, newer, 11L);
		List<PromptMeans> reversed = new ArrayList<>(older);
		java.util.Collections.reverse(reversed);
		DriftEstimate b = this.drift.compare(reversed, newer, 11L);
		DriftEstimate c = this.drift.compare(older, newer, 12L);
		assertThat(a).isEqualTo(b); // row order does not matter, the seed does
		assertThat(c.generated().ciLow()).isNotEqualTo(a.generated().ciLow());
		assertThat(a.generated().ciLow()).isLessThanOrEqualTo(a.generated().value());
		assertThat(a.generated().ciHigh()).isGreaterThanOrEqualTo(a.generated().value());
	}

	@Test
	void perCategoryDriftUsesOnlyThatCategory() {
		List<PromptMeans> older = List.of(pm(1, "math", 10.0, 100.0, null, 1.0), pm(2, "code", 10.0, 100.0, null, 1.0),
				pm(3, null, 10.0, 100.0, null, 1.0));
		List<PromptMeans> newer = List.of(pm(1, "math", 10.0, 200.0, null, 1.0), pm(2, "code", 10.0, 50.0, null, 0.0),
				pm(3, null, 10.0, 100.0, null, 1.0));
		Map<String, DriftEstimate> byCategory = this.drift.compareByCategory(older, newer, 1L);
		assertThat(byCategory).containsOnlyKeys("code", "math");
		assertThat(byCategory.get("math").generated().value()).isCloseTo(1.0, within(1e-12));
		assertThat(byCategory.get("code").generated().value()).isCloseTo(-0.5, within(1e-12));
		assertThat(byCategory.get("code").accuracyChange().value()).isCloseTo(-1.0, within(1e-12));
		assertThat(byCategory.get("code").prompts()).isEqualTo(1);
	}

	@Test
	void aPromptListedTwiceIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.drift.compare(List.of(pm(1, 1.0, 1.0), pm(1, 2.0, 1.0)), List.of(), 1L));
	}

}
