package org.tokenyield.analytics.calc;

import java.util.List;

/**
 * Unseen tokens of a config (docs/methodology-notes.md "Unseen tokens"): what a run was
 * billed as output beyond its reported reasoning and its visible answer, the answer
 * counted again with the family's tokenizer. Averaged per run over the runs given.
 */
public final class UnseenTokens {

	/** Billed output above this multiple of the visible answer is worth a flag. */
	public static final double FLAG_RATIO = 2.0;

	private UnseenTokens() {
	}

	/**
	 * One run: its billed output tokens, its reported reasoning tokens (null when the
	 * provider does not report them) and its visible answer's tokens as re-counted.
	 */
	public record RunTokens(long output, Long reasoning, long visible) {
	}

	/**
	 * @param runs runs averaged over
	 * @param output mean billed output tokens per run
	 * @param reasoning mean reported reasoning per run over the runs that report it, null
	 * when none does
	 * @param visible mean re-counted answer tokens per run
	 * @param unseen mean of (output − reasoning (0 when not reported) − visible) per run;
	 * negative when the re-count exceeds what was billed (an approximate tokenizer)
	 * @param reasoningReportedZero some runs report their reasoning and every one of them
	 * reports 0
	 * @param flagged reports 0 reasoning while billing more than {@link #FLAG_RATIO}
	 * times the visible answer (the mark of hidden thinking counted as 0)
	 */
	public record Summary(int runs, Double output, Double reasoning, Double visible, Double unseen,
			boolean reasoningReportedZero, boolean flagged) {

		public static final Summary NONE = new Summary(0, null, null, null, null, false, false);

	}

	public static Summary of(List<RunTokens> runs) {
		if (runs.isEmpty()) {
			return Summary.NONE;
		}
		double output = 0;
		double visible = 0;
		double unseen = 0;
		double reasoning = 0;
		int reporting = 0;
		for (RunTokens r : runs) {
			output += r.output();
			visible += r.visible();
			long thought = (r.reasoning() == null) ? 0 : r.reasoning();
			if (r.reasoning() != null) {
				reporting++;
				reasoning += r.reasoning();
			}
			unseen += r.output() - thought - r.visible();
		}
		int n = runs.size();
		boolean zero = reporting > 0 && reasoning == 0;
		boolean flagged = zero && output > FLAG_RATIO * visible;
		return new Summary(n, output / n, reporting == 0 ? null : reasoning / reporting, visible / n, unseen / n, zero,
				flagged);
	}

}
