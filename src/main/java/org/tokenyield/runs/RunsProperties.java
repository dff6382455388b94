package org.tokenyield.runs;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The run queue's settings ({@code app.runs.*}, docs/queue.md), each default here and
 * nowhere else. Scheduled methods read their periods from this bean too ({@link #BEAN}).
 *
 * @param maxAttempts calls a run may make before a retryable failure becomes final
 * @param maxOutputTokens the answer's cap (thinking settings add their allowance, see
 * Setting)
 * @param backoffBase the first retry's ceiling, doubled per attempt, capped at 60 s
 * @param spendCapRecheck how soon runs held by the spend cap look again while calls are
 * in flight
 */
@Validated
@ConfigurationProperties("app.runs")
public record RunsProperties(@Valid @NotNull @DefaultValue Worker worker,
		@DefaultValue("5") @Min(1) @Max(100) int maxAttempts,
		@DefaultValue("4096") @Min(1) @Max(1_000_000) int maxOutputTokens,
		@DefaultValue("PT1S") @NotNull @DurationMin(millis = 1) Duration backoffBase,
		@DefaultValue("PT30S") @NotNull @DurationMin(millis = 1) Duration spendCapRecheck,
		@Valid @NotNull @DefaultValue Breaker breaker, @Valid @NotNull @DefaultValue Schedules schedules) {

	/**
	 * The bean's name, for {@code @Scheduled} periods: {@code #{@'...'.worker().poll()}}.
	 */
	public static final String BEAN = "app.runs-org.tokenyield.runs.RunsProperties";

	/**
	 * @param enabled whether this instance executes runs at all
	 * @param concurrency provider calls in flight from this instance
	 * @param lease how long a claimed run stays this instance's without a heartbeat
	 * @param poll pause between looks at the queue when idle
	 * @param initialDelay before the first look (the judge waits as long)
	 * @param heartbeat how often leases are renewed and expired ones put back
	 * @param shutdownGrace how long calls in flight may finish after SIGTERM
	 */
	public record Worker(@DefaultValue("true") boolean enabled, @DefaultValue("4") @Min(1) @Max(512) int concurrency,
			@DefaultValue("PT2M") @NotNull @DurationMin(millis = 1) Duration lease,
			@DefaultValue("PT0.5S") @NotNull @DurationMin(millis = 1) Duration poll,
			@DefaultValue("PT2S") @NotNull Duration initialDelay,
			@DefaultValue("PT20S") @NotNull @DurationMin(millis = 1) Duration heartbeat,
			@DefaultValue("PT20S") @NotNull Duration shutdownGrace) {
	}

	/** Resilience4j's circuit breaker per provider (a count-based window). */
	public record Breaker(@DefaultValue("50") @Positive @Max(100) float failureRatePercent,
			@DefaultValue("10") @Min(1) int window, @DefaultValue("5") @Min(1) int minimumCalls,
			@DefaultValue("PT30S") @NotNull @DurationMin(millis = 1) Duration openFor,
			@DefaultValue("1") @Min(1) int probes) {
	}

	/** Recurring re-runs: how often the schedules are looked at. */
	public record Schedules(@DefaultValue("PT10M") @NotNull @DurationMin(millis = 1) Duration check,
			@DefaultValue("PT30S") @NotNull Duration initialDelay) {
	}

}
