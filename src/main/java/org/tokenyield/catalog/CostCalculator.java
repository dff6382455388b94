package org.tokenyield.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The billing rule, in one place (docs/methodology-notes.md "Honest cost"). Every caller
 * that prices tokens (the run executor, the judge worker, the plan estimate) uses it.
 *
 * <ul>
 * <li><b>List cost</b> of a call: the version's base prices, uncached input, cache reads
 * (cached input), cache writes (at the input price when the version has no cache-write
 * price) and output each at their own price. This is the cost stamped on a run
 * ({@code runs.cost_usd}) and the one METRICS.md's cost per correct answer sums.</li>
 * <li><b>Billed cost</b> of a call: the same, except that a call whose input (cached
 * included) is above the tier's threshold is billed entirely at the tier's prices.</li>
 * <li>An <b>attempt is billed</b> exactly when the provider reported usage for it: a
 * reply, or a failure after a reply with usage (a 200 whose content could not be read). A
 * 429, a 5xx, a timeout or a refused request brings no usage and is not billed.</li>
 * </ul>
 */
public final class CostCalculator {

	private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

	/**
	 * Costs are kept to 8 decimal places of a dollar, as {@code numeric(14,8)} stores
	 * them.
	 */
	private static final int SCALE = 8;

	private CostCalculator() {
	}

	/**
	 * Tokens of one call: {@code cached} (read from the prompt cache), {@code cacheWrite}
	 * (written to it) and {@code output} may be null (unknown counts as 0); both cache
	 * counts are part of input.
	 */
	public record Tokens(long input, Long cached, Long output, Long cacheWrite) {

		/** A call without cache writes (or whose provider does not report them). */
		public Tokens(long input, Long cached, Long output) {
			this(input, cached, output, null);
		}

		long uncached() {
			return Math.max(0, this.input - cachedOrZero() - cacheWriteOrZero());
		}

		long cachedOrZero() {
			return this.cached == null ? 0 : Math.min(this.cached, this.input);
		}

		/** Cache writes, at most the input the cache reads left. */
		long cacheWriteOrZero() {
			return this.cacheWrite == null ? 0 : Math.max(0, Math.min(this.cacheWrite, this.input - cachedOrZero()));
		}

		long outputOrZero() {
			return this.output == null ? 0 : this.output;
		}

	}

	/**
	 * The list cost of a call: base prices, cached input at the cached price, no tier.
	 */
	public static BigDecimal listCost(Prices prices, Tokens tokens) {
		return cost(prices.inputPerMtok(), prices.cachedInputPerMtok(), cacheWritePrice(prices, prices.inputPerMtok()),
				prices.outputPerMtok(), tokens);
	}

	/**
	 * What the provider bills for a call: the tier's prices when the input is above its
	 * threshold.
	 */
	public static BigDecimal billedCost(Prices prices, Tokens tokens) {
		PriceTier tier = prices.tier();
		if (tier != null && tier.applies(tokens.input())) {
			// a tier has no cache-write price of its own: writes at the tier's input
			// price
			return cost(tier.inputPerMtok(), tier.cachedInputPerMtok(), tier.inputPerMtok(), tier.outputPerMtok(),
					tokens);
		}
		return listCost(prices, tokens);
	}

	/**
	 * The billed cost of an attempt, or null when it was not billed: {@code tokens} is
	 * the usage the provider reported with it, null when none came back.
	 */
	public static BigDecimal attemptCost(Prices prices, Tokens tokens) {
		return tokens == null ? null : billedCost(prices, tokens);
	}

	/**
	 * USD per correct answer: null with no correct answer (undefined, never infinite).
	 */
	public static Double perCorrect(double totalUsd, long correct) {
		return correct == 0 ? null : totalUsd / correct;
	}

	/**
	 * The highest per-MTok input and output prices a call may be billed at (worst cases,
	 * estimates).
	 */
	public static BigDecimal highestInputPerMtok(Prices prices) {
		return prices.tier() == null ? prices.inputPerMtok() : prices.inputPerMtok().max(prices.tier().inputPerMtok());
	}

	public static BigDecimal highestOutputPerMtok(Prices prices) {
		return prices.tier() == null ? prices.outputPerMtok()
				: prices.outputPerMtok().max(prices.tier().outputPerMtok());
	}

	/** Cache writes at their own price, or at the input price when none is set. */
	private static BigDecimal cacheWritePrice(Prices prices, BigDecimal input) {
		return prices.cacheWritePerMtok() != null ? prices.cacheWritePerMtok() : input;
	}

	private static BigDecimal cost(BigDecimal input, BigDecimal cached, BigDecimal cacheWrite, BigDecimal output,
			Tokens tokens) {
		BigDecimal micro = input.multiply(BigDecimal.valueOf(tokens.uncached()))
			.add(cached.multiply(BigDecimal.valueOf(tokens.cachedOrZero())))
			.add(cacheWrite.multiply(BigDecimal.valueOf(tokens.cacheWriteOrZero())))
			.add(output.multiply(BigDecimal.valueOf(tokens.outputOrZero())));
		return micro.divide(MILLION, SCALE, RoundingMode.HALF_UP);
	}

}
