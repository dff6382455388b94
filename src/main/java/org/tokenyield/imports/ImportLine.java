package org.tokenyield.imports;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One validated line of an import: a run from another harness. Token counts follow
 * METRICS.md ({@code output_tokens} includes reasoning).
 *
 * @param answer the run's answer as the harness extracted it, null when not given
 * @param finishReason the stop reason as a run stores it ({@code stop}, {@code length},
 * {@code refusal}, {@code error}), null when not given
 */
record ImportLine(int line, String promptKey, String promptText, String category, String model, String setting,
		int sample, Long inputTokens, Long outputTokens, Long reasoningTokens, Double score, Long latencyMs,
		BigDecimal costUsd, Instant finishedAt, String answer, String finishReason) {

	/** The same line imported twice is the same run. */
	String idempotencyKey(String dataset) {
		return "import:" + dataset + ":" + this.promptKey + ":" + this.model + ":" + this.setting + ":" + this.sample
				+ ":" + (this.finishedAt == null ? "" : this.finishedAt.toString());
	}

}
