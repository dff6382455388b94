package org.tokenyield.runs;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The runs module's part of {@code app.limits.*} (docs/security.md): a plan above either
 * limit is queued only when confirmed, so one call cannot spend a fortune by a slip.
 *
 * @param planConfirmRuns runs a plan may queue unconfirmed
 * @param planConfirmUsd worst-case dollars a plan may cost unconfirmed
 */
@Validated
@ConfigurationProperties("app.limits")
public record PlanConfirmation(@DefaultValue("5000") @Min(0) long planConfirmRuns,
		@DefaultValue("50") @NotNull @DecimalMin("0") BigDecimal planConfirmUsd) {

	/**
	 * Whether a plan of {@code runs} runs whose worst case is {@code worstCaseUsd} needs
	 * a confirmation.
	 */
	public boolean required(long runs, BigDecimal worstCaseUsd) {
		return runs > this.planConfirmRuns || worstCaseUsd.compareTo(this.planConfirmUsd) > 0;
	}

}
