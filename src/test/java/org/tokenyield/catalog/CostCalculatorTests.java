package org.tokenyield.catalog;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.tokenyield.catalog.CostCalculator.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The billing rule on hand-computed calls. Prices (USD per MTok): input 3, cached 0.30,
 * output 15; above 200,000 input tokens: input 6, cached 0.60, output 22.50 (the shape of
 * Anthropic's long-context pricing).
 */
class CostCalculatorTests {

	static final Prices TIERED = new Prices(new BigDecimal("3"), new BigDecimal("0.30"), new BigDecimal("15"), null,
			new PriceTier(200_000L, new BigDecimal("6"), new BigDecimal("0.60"), new BigDecimal("22.50")));

	static final Prices FLAT = new Prices(new BigDecimal("3"), new BigDecimal("0.30"), new BigDecimal("15"), null);

	@Test
	void cachedInputHasItsOwnPrice() {
		// 600 uncached · 3 + 400 cached · 0.30 + 500 output · 15 = 1800 + 120 + 7500 =
		// 9420 µ$ → $0.00942
		Tokens t = new Tokens(1000, 400L, 500L);
		assertThat(CostCalculator.listCost(FLAT, t)).isEqualByComparingTo("0.00942");
		assertThat(CostCalculator.billedCost(FLAT, t)).isEqualByComparingTo("0.00942");
		// below the tier's threshold, billed = list
		assertThat(CostCalculator.billedCost(TIERED, t)).isEqualByComparingTo("0.00942");
	}

	/**
	 * Anthropic's shape: cache writes 3.75 (1.25 x input), cache reads 0.30. 1000 input =
	 * 200 uncached + 300 read + 500 written, 100 output: 200 · 3 + 300 · 0.30 + 500 ·
	 * 3.75 + 100 · 15 = 600 + 90 + 1875 + 1500 = 4065 µ$.
	 */
	@Test
	void cacheWritesHaveTheirOwnPrice() {
		Prices caching = new Prices(new BigDecimal("3"), new BigDecimal("0.30"), new BigDecimal("15"), null, null,
				new BigDecimal("3.75"));
		Tokens t = new Tokens(1000, 300L, 100L, 500L);
		assertThat(CostCalculator.listCost(caching, t)).isEqualByComparingTo("0.004065");
		assertThat(CostCalculator.billedCost(caching, t)).isEqualByComparingTo("0.004065");
		// without a cache-write price the writes are input, as before:
		// 700 · 3 + 300 · 0.30 + 100 · 15 = 2100 + 90 + 1500 = 3690 µ$
		assertThat(CostCalculator.listCost(FLAT, t)).isEqualByComparingTo("0.00369");
		assertThat(CostCalculator.listCost(FLAT, new Tokens(1000, 300L, 100L))).isEqualByComparingTo("0.00369");
		// in the tier, writes at the tier's input price (6): 250,000 input = 100,000
		// uncached + 50,000 read + 100,000 written, no output:
		// 100,000 · 6 + 50,000 · 0.60 + 100,000 · 6 = 1,230,000 µ$
		Prices tieredCaching = new Prices(new BigDecimal("3"), new BigDecimal("0.30"), new BigDecimal("15"), null,
				TIERED.tier(), new BigDecimal("3.75"));
		assertThat(CostCalculator.billedCost(tieredCaching, new Tokens(250_000, 50_000L, null, 100_000L)))
			.isEqualByComparingTo("1.23");
		// more writes reported than the input the reads leave: capped at it (700),
		// 300 · 0.30 + 700 · 3.75 = 90 + 2625 = 2715 µ$
		assertThat(CostCalculator.listCost(caching, new Tokens(1000, 300L, null, 5000L)))
			.isEqualByComparingTo("0.002715");
	}

	@Test
	void aLongPromptIsBilledEntirelyAtTheTier() {
		// 250,000 input of which 50,000 cached, 1000 output
		Tokens t = new Tokens(250_000, 50_000L, 1000L);
		// list: 200,000 · 3 + 50,000 · 0.30 + 1000 · 15 = 600,000 + 15,000 + 15,000 =
		// 630,000 µ$
		assertThat(CostCalculator.listCost(TIERED, t)).isEqualByComparingTo("0.63");
		// billed: 200,000 · 6 + 50,000 · 0.60 + 1000 · 22.50 = 1,200,000 + 30,000 +
		// 22,500 = 1,252,500 µ$
		assertThat(CostCalculator.billedCost(TIERED, t)).isEqualByComparingTo("1.2525");
	}

	@Test
	void theThresholdItselfIsStillTheBasePrice() {
		Tokens at = new Tokens(200_000, null, null);
		assertThat(CostCalculator.billedCost(TIERED, at)).isEqualByComparingTo("0.6"); // 200,000
																						// ·
																						// 3
		Tokens above = new Tokens(200_001, null, null);
		assertThat(CostCalculator.billedCost(TIERED, above)).isEqualByComparingTo("1.200006"); // 200,001
																								// ·
																								// 6
	}

	@Test
	void unknownCountsAreZeroAndAnAttemptWithoutUsageIsNotBilled() {
		assertThat(CostCalculator.listCost(FLAT, new Tokens(1_000_000, null, null))).isEqualByComparingTo("3");
		assertThat(CostCalculator.attemptCost(TIERED, null)).isNull();
		assertThat(CostCalculator.attemptCost(TIERED, new Tokens(10, 0L, 0L))).isEqualByComparingTo("0.00003");
	}

	@Test
	void costsKeepEightDecimals() {
		// 1 output token at $15/MTok = 0.000015; 1 cached token at 0.30 = 0.0000003
		assertThat(CostCalculator.listCost(FLAT, new Tokens(1, 1L, 1L))).isEqualTo(new BigDecimal("0.00001530"));
	}

	@Test
	void perCorrectIsUndefinedWithoutACorrectAnswer() {
		assertThat(CostCalculator.perCorrect(1.0, 0)).isNull();
		assertThat(CostCalculator.perCorrect(1.0, 4)).isEqualTo(0.25);
	}

	@Test
	void worstCasesUseTheHigherPrices() {
		assertThat(CostCalculator.highestInputPerMtok(TIERED)).isEqualByComparingTo("6");
		assertThat(CostCalculator.highestOutputPerMtok(TIERED)).isEqualByComparingTo("22.50");
		assertThat(CostCalculator.highestInputPerMtok(FLAT)).isEqualByComparingTo("3");
	}

}
