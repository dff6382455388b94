package org.tokenyield.imports;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One validated run of an import: a line of the native JSONL, or a sample of another
 * harness's log turned into one. Token counts follow METRICS.md ({@code output_tokens}
 * includes reasoning, {@code input_tokens} includes cache reads).
 *
 * @param line the line (JSONL) or the sample's position in the file (harness logs)
 * @param sampleId the harness's own sample id, null for the native JSONL
 * @param answer the run's answer as the harness extracted it, null when not given
 * @param finishReason the stop reason as a run stores it ({@code stop}, {@code length},
 * {@code refusal}, {@code error}), null when not given
 * @param error the harness's error for a sample that failed: stored as a failed run
 * @param providerModel the provider's exact version string, null when not reported
 */
record ImportLine(int line, String sampleId, String promptKey, String promptText, String category, String model,
		String setting, int sample, Long inputTokens, Long outputTokens, Long reasoningTokens, Double score,
		Long latencyMs, BigDecimal costUsd, Instant finishedAt, String answer, String finishReason,
		Long cachedInputTokens, Long judgeInputTokens, Long judgeOutputTokens, String error, String providerModel) {

	/** The same line imported twice is the same run. */
	String idempotencyKey(String dataset) {
		return "import:" + dataset + ":" + this.promptKey + ":" + this.model + ":" + this.setting + ":" + this.sample
				+ ":" + (this.finishedAt == null ? "" : this.finishedAt.toString());
	}

}
