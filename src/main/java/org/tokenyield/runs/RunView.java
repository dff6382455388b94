package org.tokenyield.runs;

import java.math.BigDecimal;
import java.time.Instant;

/** One run as the API lists it (API.md "Models and runs"). */
public record RunView(long id, long prompt, String model, String setting, int sample, RunStatus status, int attempts,
		Long inputTokens, Long cachedInputTokens, Long outputTokens, Long reasoningTokens, Long latencyMs,
		BigDecimal costUsd, String finishReason, String answer, String extractedAnswer, Double score, String error,
		boolean simulated, String dataset, Long plan, Instant finishedAt) {
}
