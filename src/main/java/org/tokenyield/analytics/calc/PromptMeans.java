package org.tokenyield.analytics.calc;

import java.util.Objects;

/**
 * Per-prompt means of one config c = (model, setting) (METRICS.md "per-prompt means").
 * Nullable means are null when unknown (reasoning not reported, score not graded yet).
 * <p>
 * A value class, not a record: the leaderboard keeps one per (config, prompt) group, and
 * four boxed means took 96 of its 152 bytes (docs/benchmark.md). The means are kept as
 * {@code double}s with a mask of those known, and boxed only when read. Equal as a record
 * of the same components would be ({@link Double#equals} on the means).
 */
public final class PromptMeans {

	private static final int INPUT = 1;

	private static final int GENERATED = 2;

	private static final int REASONING = 4;

	private static final int SCORE = 8;

	private final long promptId;

	private final String category;

	private final double input;

	private final double generated;

	private final double reasoning;

	private final double score;

	private final int runs;

	private final int correct;

	private final double cost;

	/** Which means are known: the bits {@link #INPUT} .. {@link #SCORE}. */
	private final byte known;

	/**
	 * @param promptId the prompt
	 * @param category its category
	 * @param input mean input tokens over the prompt's runs
	 * @param generated mean generated ({@code output_tokens}, reasoning included) tokens
	 * @param reasoning mean reasoning tokens, null when the provider does not report them
	 * @param score mean score in [0, 1] over the graded runs, null when none is graded
	 * @param runs successful runs of the prompt in the config
	 * @param correct runs with {@code score >= 0.5}
	 * @param cost total cost of the runs
	 */
	public PromptMeans(long promptId, String category, Double input, Double generated, Double reasoning, Double score,
			int runs, int correct, double cost) {
		if (runs < 0 || correct < 0 || correct > runs) {
			throw new IllegalArgumentException("need 0 <= correct <= runs, got " + correct + "/" + runs);
		}
		this.promptId = promptId;
		this.category = category;
		this.input = (input != null) ? input : 0;
		this.generated = (generated != null) ? generated : 0;
		this.reasoning = (reasoning != null) ? reasoning : 0;
		this.score = (score != null) ? score : 0;
		this.runs = runs;
		this.correct = correct;
		this.cost = cost;
		this.known = (byte) (((input != null) ? INPUT : 0) | ((generated != null) ? GENERATED : 0)
				| ((reasoning != null) ? REASONING : 0) | ((score != null) ? SCORE : 0));
	}

	public long promptId() {
		return this.promptId;
	}

	public String category() {
		return this.category;
	}

	public Double input() {
		return mean(INPUT, this.input);
	}

	public Double generated() {
		return mean(GENERATED, this.generated);
	}

	public Double reasoning() {
		return mean(REASONING, this.reasoning);
	}

	public Double score() {
		return mean(SCORE, this.score);
	}

	public int runs() {
		return this.runs;
	}

	public int correct() {
		return this.correct;
	}

	public double cost() {
		return this.cost;
	}

	private Double mean(int bit, double value) {
		return ((this.known & bit) != 0) ? value : null;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof PromptMeans m && this.promptId == m.promptId
				&& Objects.equals(this.category, m.category) && this.known == m.known && same(this.input, m.input)
				&& same(this.generated, m.generated) && same(this.reasoning, m.reasoning) && same(this.score, m.score)
				&& this.runs == m.runs && this.correct == m.correct && same(this.cost, m.cost);
	}

	/** {@link Double#equals}: the same bits. */
	private static boolean same(double a, double b) {
		return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.promptId, this.category, input(), generated(), reasoning(), score(), this.runs,
				this.correct, this.cost);
	}

	@Override
	public String toString() {
		return "PromptMeans[promptId=" + this.promptId + ", category=" + this.category + ", input=" + input()
				+ ", generated=" + generated() + ", reasoning=" + reasoning() + ", score=" + score() + ", runs="
				+ this.runs + ", correct=" + this.correct + ", cost=" + this.cost + "]";
	}

}
