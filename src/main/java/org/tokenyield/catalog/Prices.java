package org.tokenyield.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/** USD per million tokens, in force from {@code effectiveFrom}. */
public record Prices(@NotNull @DecimalMin("0") @DecimalMax("100000") BigDecimal inputPerMtok,
		@NotNull @DecimalMin("0") @DecimalMax("100000") BigDecimal cachedInputPerMtok,
		@NotNull @DecimalMin("0") @DecimalMax("100000") BigDecimal outputPerMtok, LocalDate effectiveFrom) {

	private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

	public static final Prices FREE = new Prices(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null);

	/** Cost of one call: uncached input, cached input and output each at their own price. */
	public BigDecimal cost(long inputTokens, Long cachedInputTokens, Long outputTokens) {
		long cached = cachedInputTokens == null ? 0 : cachedInputTokens;
		long uncached = Math.max(0, inputTokens - cached);
		long output = outputTokens == null ? 0 : outputTokens;
		BigDecimal micro = this.inputPerMtok.multiply(BigDecimal.valueOf(uncached))
			.add(this.cachedInputPerMtok.multiply(BigDecimal.valueOf(cached)))
			.add(this.outputPerMtok.multiply(BigDecimal.valueOf(output)));
		return micro.divide(MILLION, 8, RoundingMode.HALF_UP);
	}

}
