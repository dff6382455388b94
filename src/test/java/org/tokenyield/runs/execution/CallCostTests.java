package org.tokenyield.runs.execution;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.tokenyield.catalog.CostCalculator;
import org.tokenyield.catalog.Prices;
import org.tokenyield.providers.Usage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reply's usage is priced with its cache reads and writes (docs/methodology-notes.md
 * "Honest cost"): what the executor stamps on a run.
 */
class CallCostTests {

	/**
	 * Anthropic reports input 200, cache reads 300 and cache writes 500 apart; the usage
	 * carries 1000 input of which 300 read and 500 written, 100 output. At input 3, cache
	 * read 0.30, cache write 3.75, output 15: 200 · 3 + 300 · 0.30 + 500 · 3.75 + 100 ·
	 * 15 = 600 + 90 + 1875 + 1500 = 4065 µ$.
	 */
	@Test
	void cacheWritesOfAReplyArePricedAtTheirOwnPrice() {
		Prices prices = new Prices(new BigDecimal("3"), new BigDecimal("0.30"), new BigDecimal("15"), null, null,
				new BigDecimal("3.75"));
		CostCalculator.Tokens tokens = RunExecutor.tokens(new Usage(1000, 300L, 500L, 100L, null));
		assertThat(CostCalculator.billedCost(prices, tokens)).isEqualByComparingTo("0.004065");
		assertThat(CostCalculator.listCost(prices, tokens)).isEqualByComparingTo("0.004065");
	}

}
