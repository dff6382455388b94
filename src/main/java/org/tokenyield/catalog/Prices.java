package org.tokenyield.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/**
 * USD per million tokens, in force from {@code effectiveFrom}; {@code tier}, when set,
 * the prices of calls with a long prompt. What a call costs is {@link CostCalculator}'s
 * to say.
 */
public record Prices(@NotNull @DecimalMin("0") @DecimalMax("100000") BigDecimal inputPerMtok,
		@NotNull @DecimalMin("0") @DecimalMax("100000") BigDecimal cachedInputPerMtok,
		@NotNull @DecimalMin("0") @DecimalMax("100000") BigDecimal outputPerMtok, LocalDate effectiveFrom,
		@Valid PriceTier tier) {

	public static final Prices FREE = new Prices(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null);

	/** Prices without a tier. */
	public Prices(BigDecimal inputPerMtok, BigDecimal cachedInputPerMtok, BigDecimal outputPerMtok,
			LocalDate effectiveFrom) {
		this(inputPerMtok, cachedInputPerMtok, outputPerMtok, effectiveFrom, null);
	}

}
