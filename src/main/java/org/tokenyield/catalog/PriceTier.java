package org.tokenyield.catalog;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Long-context prices, USD per million tokens: a call whose input (cached included) is
 * above {@code aboveInputTokens} is billed entirely at these prices, input, cached input
 * and output alike (Gemini's and Anthropic's published long-context pricing work this
 * way).
 */
public record PriceTier(@NotNull @Min(1) Long aboveInputTokens,
		@NotNull @DecimalMin("0") @DecimalMax("100000") BigDecimal inputPerMtok,
		@NotNull @DecimalMin("0") @DecimalMax("100000") BigDecimal cachedInputPerMtok,
		@NotNull @DecimalMin("0") @DecimalMax("100000") BigDecimal outputPerMtok) {

	/**
	 * Whether a call with this many input tokens falls in the tier (strictly above the
	 * threshold).
	 */
	public boolean applies(long inputTokens) {
		return inputTokens > this.aboveInputTokens;
	}

}
