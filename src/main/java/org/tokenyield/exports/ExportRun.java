package org.tokenyield.exports;

import java.math.BigDecimal;

/**
 * One public run as a snapshot carries it: the numbers the figures are computed from, no
 * answer text. {@code simulated} labels the simulator's runs, which are exported only in
 * demo mode.
 */
public record ExportRun(long id, String finishedAt, String dataset, String model, String setting, int sample,
		long promptId, String category, boolean simulated, Long inputTokens, Long cachedInputTokens, Long outputTokens,
		Long reasoningTokens, BigDecimal costUsd, String finishReason, Double score) {

}
