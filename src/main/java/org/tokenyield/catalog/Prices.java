package org.tokenyield.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/**
 * USD per million tokens, in force from {@code effectiveFrom}; {@code tier}, when set,
 * the prices of calls with a long prompt. {@code cachedInputPerMtok} is the cache-read
 * price (input served from the provider's prompt cache); {@code cacheWritePerMtok} the
 * price of input written to the cache (Anthropic's {@code cache_creation_input_tokens}),
 * null when the provider bills those as ordinary input. What a call costs is
 * {@link CostCalculator}'s to say.
 */
public record Prices(@NotNull @DecimalMin("0") @DecimalMax("100000") BigDecimal inputPerMtok,
		@NotNull @DecimalMin("0") @DecimalMax("100000") BigDecimal cachedInputPerMtok,
		@NotNull @DecimalMin("0") @DecimalMax("100000") BigDecimal outputPerMtok, LocalDate effectiveFrom,
		@Valid PriceTier tier, @DecimalMin("0") @DecimalMax("100000") BigDecimal cacheWritePerMtok) {

	public static final Prices FREE = new Prices(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null);

	/** Prices without a cache-write price: cache writes billed as input. */
	public Prices(BigDecimal inputPerMtok, BigDecimal cachedInputPerMtok, BigDecimal outputPerMtok,
			LocalDate effectiveFrom, PriceTier tier) {
		this(inputPerMtok, cachedInputPerMtok, outputPerMtok, effectiveFrom, tier, null);
	}

	/**
	 * The cache-read price under its own name in JSON: the same column as
	 * {@code cached_input_per_mtok}, which it reads.
	 */
	@JsonProperty(value = "cache_read_per_mtok", access = JsonProperty.Access.READ_ONLY)
	public BigDecimal cacheReadPerMtok() {
		return this.cachedInputPerMtok;
	}

	/** Prices without a tier. */
	public Prices(BigDecimal inputPerMtok, BigDecimal cachedInputPerMtok, BigDecimal outputPerMtok,
			LocalDate effectiveFrom) {
		this(inputPerMtok, cachedInputPerMtok, outputPerMtok, effectiveFrom, null);
	}

}
