package org.tokenyield.runs.plans;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import org.tokenyield.catalog.PriceTier;
import org.tokenyield.catalog.Prices;
import org.tokenyield.runs.RunService.ModelEstimate;

import static org.assertj.core.api.Assertions.assertThat;

/** A plan's cost before it is queued, computed by hand (no Spring, no database). */
class PlanEstimatorTests {

	private final PlanEstimator estimator = new PlanEstimator(4096);

	private static Prices prices(String input, String output) {
		return new Prices(new BigDecimal(input), BigDecimal.ZERO, new BigDecimal(output), LocalDate.of(2025, 1, 1));
	}

	@Test
	void anEffortPlanCountsTheEffortAllowanceInTheWorstCaseAndWithoutHistoryInTheExpectedCost() {
		// one prompt of 408 bytes, 2 samples, $1 / $2 per MTok; effort:high may bill 4096
		// + 32768 = 36864 output
		ModelEstimate e = this.estimator.estimate("fake/m", prices("1", "2"), "effort:high", 2,
				new PlanEstimator.Prompts(1, 408), null);
		assertThat(e.runs()).isEqualTo(2);
		// worst, per run: (408 + 64) input at $1 + 36864 output at $2 = 472 + 73728 =
		// 74200 µ$
		assertThat(e.worstCaseCostUsd()).isEqualByComparingTo("0.148400");
		// expected, per run: 408 / 4 = 102 input at $1 + the cap, 36864, at $2 = 73830 µ$
		assertThat(e.expectedCostUsd()).isEqualByComparingTo("0.147660");
		assertThat(e.meanOutputTokens()).isNull();
		// without the allowance the worst case would be (472 + 4096 · 2) · 2 = 17328 µ$
		ModelEstimate plain = this.estimator.estimate("fake/m", prices("1", "2"), "default", 2,
				new PlanEstimator.Prompts(1, 408), null);
		assertThat(plain.worstCaseCostUsd()).isEqualByComparingTo("0.017328");
	}

	@Test
	void theExpectedCostUsesTheMeanOutputSoFarAndTheWorstCaseTheHigherTierPrices() {
		// 3 prompts, 1000 bytes together, 1 sample, thinking:2000 (output cap 6096), mean
		// output 100.5
		Prices tiered = new Prices(new BigDecimal("3"), new BigDecimal("0.3"), new BigDecimal("15"),
				LocalDate.of(2025, 1, 1),
				new PriceTier(200_000L, new BigDecimal("6"), new BigDecimal("0.6"), new BigDecimal("22.5")));
		ModelEstimate e = this.estimator.estimate("p/m", tiered, "thinking:2000", 1, new PlanEstimator.Prompts(3, 1000),
				100.5);
		assertThat(e.runs()).isEqualTo(3);
		// expected at list prices, whole tokens: 250 input at $3 + round(3 · 100.5) = 302
		// output at $15
		// = 750 + 4530 = 5280 µ$
		assertThat(e.expectedCostUsd()).isEqualByComparingTo("0.005280");
		// worst at the tier's prices: (1000 + 3 · 64) at $6 + 3 · 6096 at $22.5 = 7152 +
		// 411480 µ$
		assertThat(e.worstCaseCostUsd()).isEqualByComparingTo("0.418632");
		assertThat(e.meanOutputTokens()).isEqualTo(100.5);
	}

	@Test
	void aPlanWithoutApprovedPromptsCostsNothing() {
		ModelEstimate e = this.estimator.estimate("p/m", prices("1", "2"), "default", 3,
				new PlanEstimator.Prompts(0, 0), null);
		assertThat(e.runs()).isZero();
		assertThat(e.expectedCostUsd()).isZero();
		assertThat(e.worstCaseCostUsd()).isZero();
	}

}
