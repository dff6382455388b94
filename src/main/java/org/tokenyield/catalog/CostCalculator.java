package org.tokenyield.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The billing rule, in one place (docs/methodology-notes.md "Honest cost"). Every caller
 * that prices tokens (the run executor, the judge worker, the plan estimate) uses it.
 *
 * <ul>
 * <li><b>List cost</b> of a call: the version's base prices, uncached input, cached input
 * and output each at their own price. This is the cost stamped on a run
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
	 * Tokens of one call: {@code cached} and may be null (unknown counts as 0); cached is
	 * part of input.
	 */
	public record Tokens(long input, Long cached, Long output) {

		long uncached() {
			return Math.max(0, this.input - cachedOrZero());
		}

		long cachedOrZero() {
			return this.cached == null ? 0 : Math.min(this.cached, this.input);
		}

		long outputOrZero() {
			return this.output == null ? 0 : this.output;
		}

	}

	/**
	 * The list cost of a call: base prices, cached input at the cached price, no tier.
	 */
	public static BigDecimal listCost(Prices prices, Tokens tokens) {
		return cost(prices.inputPerMtok(), prices.cachedInputPerMtok(), prices.outputPerMtok(), tokens);
	}

	/**
	 * What the provider bills for a call: the tier's prices when the input is above its
	 * threshold.
	 */
	public static BigDecimal billedCost(Prices prices, Tokens tokens) {
		PriceTier tier = prices.tier();
		if (tier != null && tier.applies(tokens.input())) {
			return cost(tier.inputPerMtok(), tier.cachedInputPerMtok(), tier.outputPerMtok(), tokens);
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

	private static BigDecimal cost(BigDecimal input, BigDecimal cached, BigDecimal output, Tokens tokens) {
		BigDecimal micro = input.multiply(BigDecimal.valueOf(tokens.uncached()))
			.add(cached.multiply(BigDecimal.valueOf(tokens.cachedOrZero())))
			.add(output.multiply(BigDecimal.valueOf(tokens.outputOrZero())));
		return micro.divide(MILLION, SCALE, RoundingMode.HALF_UP);
	}

}
