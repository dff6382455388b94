package org.tokenyield.runs.plans;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.tokenyield.catalog.CostCalculator;
import org.tokenyield.catalog.Prices;
import org.tokenyield.runs.RunService.ModelEstimate;
import org.tokenyield.system.Setting;

/**
 * What one config of a plan (a version at a setting, so many samples of so many prompts)
 * costs, before it is queued: arithmetic only, no Spring, no database.
 * <ul>
 * <li><b>Expected</b>: input at UTF-8 bytes / 4 tokens, output at the config's mean so
 * far (the setting's output cap without history), priced as
 * {@link CostCalculator#listCost} prices a call.</li>
 * <li><b>Worst case</b>: what the spend cap reserves per call (RunQueue's claim): every
 * input byte a token plus 64, the setting's full output cap ({@link Setting#outputCap},
 * so {@code effort:*} adds its allowance), at the highest prices a call may be billed
 * at.</li>
 * </ul>
 * Both in dollars to 6 decimal places.
 */
final class PlanEstimator {

	/** The approved prompts of a plan: how many, and their UTF-8 bytes together. */
	record Prompts(long count, long bytes) {
	}

	private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

	/** Bytes a request adds to its prompt (role, framing) in the worst case. */
	private static final long REQUEST_OVERHEAD_BYTES = 64;

	private final int maxOutputTokens;

	/**
	 * @param maxOutputTokens the answer's cap ({@code app.runs.max-output-tokens})
	 */
	PlanEstimator(int maxOutputTokens) {
		this.maxOutputTokens = maxOutputTokens;
	}

	/**
	 * @param meanOutputTokens the config's mean output over its succeeded runs, null
	 * without any
	 */
	ModelEstimate estimate(String model, Prices prices, String setting, int samples, Prompts prompts,
			Double meanOutputTokens) {
		long n = prompts.count();
		long outputCap = Setting.parse(setting).outputCap(this.maxOutputTokens);
		double output = meanOutputTokens == null ? outputCap : meanOutputTokens;
		CostCalculator.Tokens expectedTokens = new CostCalculator.Tokens(Math.round(prompts.bytes() / 4.0), 0L,
				Math.round(output * n));
		BigDecimal expected = CostCalculator.listCost(prices, expectedTokens)
			.multiply(BigDecimal.valueOf(samples))
			.setScale(6, RoundingMode.HALF_UP);
		BigDecimal worst = CostCalculator.highestInputPerMtok(prices)
			.multiply(BigDecimal.valueOf(prompts.bytes() + REQUEST_OVERHEAD_BYTES * n))
			.add(CostCalculator.highestOutputPerMtok(prices).multiply(BigDecimal.valueOf(outputCap * n)))
			.multiply(BigDecimal.valueOf(samples))
			.divide(MILLION, 6, RoundingMode.HALF_UP);
		return new ModelEstimate(model, setting, n * samples, meanOutputTokens, expected, worst);
	}

}
