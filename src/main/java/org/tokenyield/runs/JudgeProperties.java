package org.tokenyield.runs;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The LLM judge ({@code app.grading.judge.*}, docs/queue.md), read only by the runs
 * module.
 *
 * @param model the judge's catalog key ({@code provider/model}); empty leaves judge-rule
 * answers ungraded with a note
 * @param lease how long a claimed answer stays this instance's to judge
 * @param poll pause between looks for answers to judge
 */
@Validated
@ConfigurationProperties("app.grading.judge")
public record JudgeProperties(@DefaultValue("") String model, @DefaultValue("5") @Min(1) @Max(100) int maxAttempts,
		@DefaultValue("1024") @Min(1) @Max(1_000_000) int maxOutputTokens,
		@DefaultValue("PT5M") @NotNull @DurationMin(millis = 1) Duration lease,
		@DefaultValue("PT1S") @NotNull @DurationMin(millis = 1) Duration poll) {

	public static final String BEAN = "app.grading.judge-org.tokenyield.runs.JudgeProperties";

	/** The judge's key, stripped; empty when none is configured. */
	public String key() {
		return this.model == null ? "" : this.model.strip();
	}

	public boolean configured() {
		return !key().isEmpty();
	}

}
