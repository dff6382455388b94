package org.tokenyield.analytics.calc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Prices (USD per MTok) input 2, cache read 0.50, output 10; cache hit 0.5, so one input
 * token costs (0.5 · 2 + 0.5 · 0.50) / 1e6 = 1.25 µ$ and one generated token 10 µ$.
 *
 * <pre>
 * prompt  category  input  generated  score  cost of one prompt
 * 1       math      1000   100        1      1000 · 1.25 + 100 · 10 = 2250 µ$
 * 2       math      2000   300        0      2500 + 3000            = 5500 µ$
 * 3       code       400   1000       1      500 + 10000            = 10500 µ$
 * 4       code       400   1000       –      (ungraded: left out)
 * </pre> math: A = 0.5, K = 3875 µ$; code: A = 1, K = 10500 µ$. Mix math 0.25, code 0.75:
 * accuracy 0.25 · 0.5 + 0.75 · 1 = 0.875; cost per prompt 0.25 · 3875 + 0.75 · 10500 =
 * 968.75 + 7875 = 8843.75 µ$; 1000 prompts a month: $8.84375.
 */
class WorkloadProjectionTests {

	static final WorkloadProjection.Prices PRICES = new WorkloadProjection.Prices(2, 0.5, 10);

	static final List<PromptMeans> MEANS = List.of(means(1, "math", 1000, 100, 1.0), means(2, "math", 2000, 300, 0.0),
			means(3, "code", 400, 1000, 1.0), means(4, "code", 400, 1000, null));

	@Test
	void accuracyAndCostAreTheMixOfTheCategories() {
		WorkloadProjection.Projection p = WorkloadProjection.standard()
			.project(mix("math", 0.25, "code", 0.75), MEANS, PRICES, 0.5, 1000, 7L);
		assertThat(p.accuracy().value()).isCloseTo(0.875, within(1e-12));
		assertThat(p.costPerPrompt().value()).isCloseTo(8843.75e-6, within(1e-12));
		assertThat(p.monthlyCost().value()).isCloseTo(8.84375, within(1e-9));
		assertThat(p.prompts()).containsExactly(Map.entry("math", 2), Map.entry("code", 1));
		assertThat(p.missing()).isEmpty();
	}

	/**
	 * Code has one prompt: every resample draws it. Math draws two of {1, 0}: both 0 with
	 * chance 1/4, both 1 with 1/4, so the 2.5th and 97.5th percentiles are the extremes:
	 * accuracy 0.25 · 0 + 0.75 = 0.75 and 0.25 · 1 + 0.75 = 1.0; cost per prompt 0.25 ·
	 * 2250 + 7875 = 8437.5 µ$ and 0.25 · 5500 + 7875 = 9250 µ$.
	 */
	@Test
	void intervalsResamplePromptsWithinEachCategory() {
		WorkloadProjection.Projection p = WorkloadProjection.standard()
			.project(mix("math", 0.25, "code", 0.75), MEANS, PRICES, 0.5, 1000, 7L);
		assertThat(p.accuracy().ciLow()).isCloseTo(0.75, within(1e-12));
		assertThat(p.accuracy().ciHigh()).isCloseTo(1.0, within(1e-12));
		assertThat(p.costPerPrompt().ciLow()).isCloseTo(8437.5e-6, within(1e-12));
		assertThat(p.costPerPrompt().ciHigh()).isCloseTo(9250e-6, within(1e-12));
		assertThat(p.monthlyCost().ciHigh()).isCloseTo(9.25, within(1e-9));
		// the same seed, the same interval
		assertThat(WorkloadProjection.standard().project(mix("math", 0.25, "code", 0.75), MEANS, PRICES, 0.5, 1000, 7L))
			.isEqualTo(p);
	}

	@Test
	void withoutCacheHitsInputIsAtTheInputPrice() {
		// code alone, no cache: 400 · 2 + 1000 · 10 = 10800 µ$ per prompt
		WorkloadProjection.Projection p = WorkloadProjection.standard()
			.project(mix("code", 1.0, null, 0), MEANS, PRICES, 0, 10, 7L);
		assertThat(p.costPerPrompt().value()).isCloseTo(10800e-6, within(1e-12));
		assertThat(p.monthlyCost().value()).isCloseTo(0.108, within(1e-12));
	}

	@Test
	void aCategoryWithoutGradedPromptsLeavesTheProjectionUndefined() {
		WorkloadProjection.Projection p = WorkloadProjection.standard()
			.project(mix("math", 0.5, "writing", 0.5), MEANS, PRICES, 0, 1000, 7L);
		assertThat(p.missing()).containsExactly("writing");
		assertThat(p.accuracy()).isEqualTo(Estimate.UNDEFINED);
		assertThat(p.monthlyCost()).isEqualTo(Estimate.UNDEFINED);
		assertThat(p.prompts()).containsEntry("writing", 0);
	}

	private static Map<String, Double> mix(String a, double wa, String b, double wb) {
		Map<String, Double> mix = new LinkedHashMap<>();
		mix.put(a, wa);
		if (b != null) {
			mix.put(b, wb);
		}
		return mix;
	}

	private static PromptMeans means(long id, String category, double input, double generated, Double score) {
		return new PromptMeans(id, category, input, generated, null, score, 1, score != null && score >= 0.5 ? 1 : 0,
				0.0);
	}

}
