package org.tokenyield.analytics.calc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Generated datasets with a known regime: the calculators must find it, and α must equal
 * an independent OLS fit (commons-math) of the per-setting points computed here.
 */
class SyntheticCrossCheckTests {

	private static final int SAMPLES = 4;

	private final ScalingCalculator scaling = new ScalingCalculator();

	/**
	 * A sweep where setting s has mean tokens {@code tokens[s]} and true accuracy
	 * {@code accuracy[s]}. Sample i of prompt p is right when
	 * {@code u(p,i) + jitter·v(p,i,s) <
	 * accuracy[s]}: the common u makes settings paired like a real model on the same
	 * prompts.
	 */
	static Map<String, List<PromptMeans>> sweep(int prompts, double[] tokens, double[] accuracy, double jitter,
			long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		double[][] u = new double[prompts][SAMPLES];
		double[] length = new double[prompts];
		for (int p = 0; p < prompts; p++) {
			length[p] = Math.exp(0.4 * random.nextGaussian());
			for (int i = 0; i < SAMPLES; i++) {
				u[p][i] = random.nextDouble();
			}
		}
		Map<String, List<PromptMeans>> out = new LinkedHashMap<>();
		for (int s = 0; s < tokens.length; s++) {
			List<PromptMeans> means = new ArrayList<>();
			for (int p = 0; p < prompts; p++) {
				int correct = 0;
				for (int i = 0; i < SAMPLES; i++) {
					correct += (u[p][i] + jitter * (random.nextDouble() - 0.5) < accuracy[s]) ? 1 : 0;
				}
				double g = tokens[s] * length[p] * Math.exp(0.1 * random.nextGaussian());
				means.add(new PromptMeans(p, (p % 2 == 0) ? "math" : "code", 200.0, g, 0.8 * g,
						correct / (double) SAMPLES, SAMPLES, correct, 0.001 * g));
			}
			out.put("s" + s, means);
		}
		return out;
	}

	/**
	 * α by commons-math over points computed directly from the rows (all prompts are
	 * paired).
	 */
	private static double independentAlpha(Map<String, List<PromptMeans>> sweep) {
		SimpleRegression regression = new SimpleRegression();
		for (List<PromptMeans> means : sweep.values()) {
			double t = means.stream().mapToDouble(PromptMeans::generated).average().orElseThrow();
			double a = means.stream().mapToDouble(PromptMeans::score).average().orElseThrow();
			regression.addData(Math.log(t), Math.log(a));
		}
		return regression.getSlope();
	}

	static double[] geometric(double first, double factor, int n) {
		double[] out = new double[n];
		for (int i = 0; i < n; i++) {
			out[i] = first * Math.pow(factor, i);
		}
		return out;
	}

	@Test
	void productiveSweepIsSublinear() {
		double[] tokens = geometric(500, 2, 5);
		double[] accuracy = new double[5];
		for (int s = 0; s < 5; s++) {
			// α = 0.25 by construction
			accuracy[s] = 0.4 * Math.pow(tokens[s] / 500, 0.25);
		}
		Map<String, List<PromptMeans>> sweep = sweep(400, tokens, accuracy, 0.1, 1);
		ScalingFit fit = this.scaling.fit(sweep, Seeds.seedOf("productive"));
		assertThat(fit.prompts()).isEqualTo(400);
		assertThat(fit.alpha().value()).isCloseTo(independentAlpha(sweep), within(1e-9));
		assertThat(fit.alpha().value()).isCloseTo(0.25, within(0.05));
		assertThat(fit.regime()).isEqualTo(ScalingRegime.SUBLINEAR);
		assertThat(fit.sweetSpot()).isEqualTo("s4");
		assertThat(fit.peaked()).isFalse();
		// ~0.4·(2^0.25 − 1)·1.2 per doubling
		assertThat(fit.beta().value()).isCloseTo(0.1, within(0.03));
	}

	@Test
	void overthinkerIsNegativeAndPeaked() {
		double[] tokens = geometric(500, 2, 5);
		double[] accuracy = { 0.84, 0.87, 0.81, 0.76, 0.70 };
		Map<String, List<PromptMeans>> sweep = sweep(400, tokens, accuracy, 0.1, 2);
		ScalingFit fit = this.scaling.fit(sweep, Seeds.seedOf("overthinker"));
		assertThat(fit.alpha().value()).isCloseTo(independentAlpha(sweep), within(1e-9));
		assertThat(fit.alpha().ciHigh()).isLessThan(-0.02);
		assertThat(fit.regime()).isEqualTo(ScalingRegime.NEGATIVE);
		assertThat(fit.sweetSpot()).isEqualTo("s1");
		assertThat(fit.peaked()).isTrue();
		assertThat(fit.efficientSetting()).isEqualTo("s1");
	}

	@Test
	void flatSweepIsFlat() {
		double[] tokens = geometric(250, 2, 6);
		double[] accuracy = { 0.6, 0.6, 0.6, 0.6, 0.6, 0.6 };
		Map<String, List<PromptMeans>> sweep = sweep(400, tokens, accuracy, 0.05, 3);
		ScalingFit fit = this.scaling.fit(sweep, Seeds.seedOf("flat"));
		assertThat(fit.alpha().value()).isCloseTo(independentAlpha(sweep), within(1e-9));
		assertThat(fit.regime()).isEqualTo(ScalingRegime.FLAT);
		// cheapest setting within a point of the best
		assertThat(fit.efficientSetting()).isEqualTo("s0");
	}

	@Test
	void verboseSuccessorIsOverhead() {
		SplittableRandom random = new SplittableRandom(4);
		List<PromptMeans> older = new ArrayList<>();
		List<PromptMeans> newer = new ArrayList<>();
		for (int p = 0; p < 300; p++) {
			double g = 800 * Math.exp(0.5 * random.nextGaussian());
			double a = random.nextInt(SAMPLES + 1) / (double) SAMPLES;
			// a few prompts move up, as many down by the same amount: no net accuracy
			// change
			double shift = (p % 15 == 0 && a <= 0.75) ? 0.25 : (p % 15 == 7 && a >= 0.25) ? -0.25 : 0;
			older.add(new PromptMeans(p, "math", 150.0, g, null, a, SAMPLES, 0, 0));
			newer.add(new PromptMeans(p, "math", 150.0, g * 1.45 * Math.exp(0.1 * random.nextGaussian()), null,
					a + shift, SAMPLES, 0, 0));
		}
		DriftEstimate d = new DriftCalculator().compare(older, newer, Seeds.seedOf("old", "new"));
		assertThat(d.prompts()).isEqualTo(300);
		assertThat(d.generated().value()).isCloseTo(0.45, within(0.02));
		assertThat(d.generated().ciLow()).isGreaterThan(0.4);
		assertThat(d.input()).isEqualTo(Estimate.of(0, 0, 0));
		assertThat(d.reasoning()).isEqualTo(Estimate.UNDEFINED);
		assertThat(d.accuracyChange().ciLow()).isNegative();
		assertThat(d.accuracyChange().ciHigh()).isPositive();
		assertThat(d.verdict()).isEqualTo(Verdict.OVERHEAD);
		assertThat(d.verdict().apiName()).isEqualTo("overhead");
	}

	/** The fit at full size; its time is {@code CalculationBenchmark}'s. */
	@Test
	void thousandPromptsFiveSettingsFit() {
		double[] tokens = geometric(500, 2, 5);
		double[] accuracy = { 0.5, 0.55, 0.6, 0.65, 0.7 };
		ScalingFit fit = this.scaling.fit(sweep(1000, tokens, accuracy, 0.1, 5), 2L);
		assertThat(fit.regime()).isEqualTo(ScalingRegime.SUBLINEAR);
	}

}
