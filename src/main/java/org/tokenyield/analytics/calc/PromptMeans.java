package org.tokenyield.analytics.calc;

/**
 * Per-prompt means of one config c = (model, setting) (METRICS.md "per-prompt means").
 * Nullable fields are null when unknown (reasoning not reported, score not graded yet).
 *
 * @param input mean input tokens over the prompt's runs
 * @param generated mean generated ({@code output_tokens}, reasoning included) tokens
 * @param reasoning mean reasoning tokens, null when the provider does not report them
 * @param score mean score in [0, 1] over the graded runs, null when none is graded
 * @param runs successful runs of the prompt in the config
 * @param correct runs with {@code score >= 0.5}
 * @param cost total cost of the runs
 */
public record PromptMeans(long promptId, String category, Double input, Double generated, Double reasoning,
		Double score, int runs, int correct, double cost) {

	public PromptMeans {
		if (runs < 0 || correct < 0 || correct > runs) {
			throw new IllegalArgumentException("need 0 <= correct <= runs, got " + correct + "/" + runs);
		}
	}

}
