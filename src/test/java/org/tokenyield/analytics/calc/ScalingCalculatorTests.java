package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tokenyield.analytics.calc.Fixtures.pm;

class ScalingCalculatorTests {

	private final ScalingCalculator scaling = new ScalingCalculator();

	/**
	 * n prompts at {@code tokens}, the first {@code correct} of them right (score 1), the
	 * rest 0.
	 */
	private static List<PromptMeans> setting(int n, double tokens, int correct) {
		List<PromptMeans> out = new ArrayList<>();
		for (int p = 0; p < n; p++) {
			out.add(pm(p, tokens, (p < correct) ? 1.0 : 0.0));
		}
		return out;
	}

	@Test
	void twoSettingsHandComputed() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("effort:low", setting(20, 100, 10)); // A = 0.5
		sweep.put("effort:high", setting(20, 400, 16)); // A = 0.8
		ScalingFit fit = this.scaling.fit(sweep, 3L);

		assertThat(fit.prompts()).isEqualTo(20);
		assertThat(fit.points()).containsExactly(new ScalingPoint("effort:low", 100, 0.5),
				new ScalingPoint("effort:high", 400, 0.8));
		assertThat(fit.alpha().value()).isCloseTo(Math.log(1.6) / Math.log(4), within(1e-12)); // 0.339
		assertThat(fit.beta().value()).isCloseTo(0.15, within(1e-12)); // 0.3 over two
																		// doublings
		assertThat(fit.alpha().ciLow()).isLessThanOrEqualTo(fit.alpha().value());
		assertThat(fit.alpha().ciHigh()).isGreaterThanOrEqualTo(fit.alpha().value());
		assertThat(fit.sweetSpot()).isEqualTo("effort:high");
		assertThat(fit.efficientSetting()).isEqualTo("effort:high");
		assertThat(fit.peaked()).isFalse();
		// prompts 10..15 flip from wrong to right: the slope's interval stays above 0.02
		assertThat(fit.regime()).isEqualTo(ScalingRegime.SUBLINEAR);
	}

	@Test
	void onlyPromptsGradedAtEverySettingArePaired() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		List<PromptMeans> low = new ArrayList<>(setting(3, 100, 1));
		low.add(pm(7, 100.0, 1.0)); // absent at high
		List<PromptMeans> high = new ArrayList<>(setting(3, 200, 2));
		high.set(2, pm(2, 200.0, null)); // ungraded at high
		sweep.put("low", low);
		sweep.put("high", high);
		ScalingFit fit = this.scaling.fit(sweep, 3L);
		assertThat(fit.prompts()).isEqualTo(2);
		assertThat(fit.points()).extracting(ScalingPoint::accuracy).containsExactly(0.5, 1.0);
		assertThat(fit.regime()).isEqualTo(ScalingRegime.INCONCLUSIVE); // < 10 prompts
		assertThat(fit.alpha().value()).isCloseTo(1.0, within(1e-12)); // ln 2 / ln 2
	}

	@Test
	void singleSetting() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("default", setting(12, 300, 6));
		ScalingFit fit = this.scaling.fit(sweep, 3L);
		assertThat(fit.points()).hasSize(1);
		assertThat(fit.alpha()).isEqualTo(Estimate.UNDEFINED);
		assertThat(fit.beta()).isEqualTo(Estimate.UNDEFINED);
		assertThat(fit.regime()).isEqualTo(ScalingRegime.INCONCLUSIVE);
		assertThat(fit.sweetSpot()).isEqualTo("default");
		assertThat(fit.efficientSetting()).isEqualTo("default");
		assertThat(fit.peaked()).isFalse();
	}

	@Test
	void zeroAccuracyLeavesAlphaUndefinedButNotBeta() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("off", setting(12, 50, 0));
		sweep.put("on", setting(12, 200, 6));
		ScalingFit fit = this.scaling.fit(sweep, 3L);
		assertThat(fit.alpha()).isEqualTo(Estimate.UNDEFINED);
		assertThat(fit.beta().value()).isCloseTo(0.25, within(1e-12));
		assertThat(fit.regime()).isEqualTo(ScalingRegime.INCONCLUSIVE);
	}

	@Test
	void identicalTokensLeaveTheSlopeUndefined() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("a", setting(12, 100, 6));
		sweep.put("b", setting(12, 100, 8));
		ScalingFit fit = this.scaling.fit(sweep, 3L);
		assertThat(fit.alpha()).isEqualTo(Estimate.UNDEFINED);
		assertThat(fit.beta()).isEqualTo(Estimate.UNDEFINED);
		assertThat(fit.sweetSpot()).isEqualTo("b");
	}

	@Test
	void sweetSpotTiesGoToFewerTokensAndEfficientIsWithinOnePoint() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("s100", setting(100, 100, 85)); // 0.85: 2 points below
		sweep.put("s200", setting(100, 200, 86)); // 0.86: exactly 1 point below the best
		sweep.put("s800", setting(100, 800, 87)); // 0.87 best
		sweep.put("s400", setting(100, 400, 87)); // 0.87 tie, fewer tokens: sweet spot
		ScalingFit fit = this.scaling.fit(sweep, 3L);
		assertThat(fit.sweetSpot()).isEqualTo("s400");
		assertThat(fit.efficientSetting()).isEqualTo("s200");
		// same prompts right at s400 and s800: the gap is exactly 0, not above
		assertThat(fit.peaked()).isFalse();
	}

	@Test
	void peakedWhenTheSweetSpotClearlyBeatsTheLargestSetting() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("low", setting(100, 100, 70));
		sweep.put("medium", setting(100, 300, 87));
		sweep.put("high", setting(100, 900, 70));
		ScalingFit fit = this.scaling.fit(sweep, 3L);
		assertThat(fit.sweetSpot()).isEqualTo("medium");
		assertThat(fit.peaked()).isTrue();
		assertThat(fit.alpha().value()).isCloseTo(0.0, within(1e-12)); // symmetric hump:
																		// no slope
	}

	@Test
	void noPrompts() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("a", List.of());
		ScalingFit fit = this.scaling.fit(sweep, 3L);
		assertThat(fit.prompts()).isZero();
		assertThat(fit.points()).isEmpty();
		assertThat(fit.sweetSpot()).isNull();
	}

	@Test
	void perCategoryFits() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("low", List.of(pm(1, "math", 1.0, 100.0, null, 0.5), pm(2, "code", 1.0, 100.0, null, 0.5)));
		sweep.put("high", List.of(pm(1, "math", 1.0, 200.0, null, 1.0), pm(2, "code", 1.0, 200.0, null, 0.5)));
		Map<String, ScalingFit> byCategory = this.scaling.fitByCategory(sweep, 3L);
		assertThat(byCategory).containsOnlyKeys("code", "math");
		assertThat(byCategory.get("math").alpha().value()).isCloseTo(1.0, within(1e-12));
		assertThat(byCategory.get("code").alpha().value()).isCloseTo(0.0, within(1e-12));
	}

	@Test
	void perBandFits() {
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("low", List.of(pm(1, 100.0, 1.0), pm(2, 100.0, 0.25), pm(3, 100.0, 0.5)));
		sweep.put("high", List.of(pm(1, 200.0, 1.0), pm(2, 200.0, 0.5), pm(3, 200.0, 0.5)));
		Map<String, ScalingFit> byBand = this.scaling.fitByBand(sweep, Map.of(1L, Band.EASY, 2L, Band.HARD), 3L);
		assertThat(byBand).containsOnlyKeys("easy", "hard", "unknown");
		assertThat(byBand.get("hard").alpha().value()).isCloseTo(1.0, within(1e-12));
		assertThat(byBand.get("easy").alpha().value()).isCloseTo(0.0, within(1e-12));
		assertThat(byBand.get("unknown").prompts()).isEqualTo(1);
	}

	@ParameterizedTest
	@CsvSource({ "-0.1,-0.2,-0.021,10,NEGATIVE", "-0.1,-0.2,-0.02,10,INCONCLUSIVE", "0.0,-0.02,0.02,10,FLAT",
			"0.0,-0.021,0.02,10,INCONCLUSIVE", "0.3,0.021,0.5,10,SUBLINEAR", "0.3,0.02,0.5,10,INCONCLUSIVE",
			"0.999,0.5,1.5,10,SUBLINEAR", "1.0,0.5,1.5,10,STEEP", "0.3,0.1,0.5,9,INCONCLUSIVE",
			"-0.5,-0.8,-0.3,9,INCONCLUSIVE" })
	void regimeBoundaries(double alpha, double low, double high, int prompts, ScalingRegime expected) {
		assertThat(ScalingRegime.classify(Estimate.of(alpha, low, high), prompts, 0.02)).isEqualTo(expected);
	}

	@Test
	void undefinedAlphaIsInconclusive() {
		assertThat(ScalingRegime.classify(Estimate.UNDEFINED, 100, 0.02)).isEqualTo(ScalingRegime.INCONCLUSIVE);
		assertThat(ScalingRegime.classify(Estimate.pointOnly(0.5), 100, 0.02)).isEqualTo(ScalingRegime.INCONCLUSIVE);
	}

}
