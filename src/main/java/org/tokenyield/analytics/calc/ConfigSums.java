package org.tokenyield.analytics.calc;

/**
 * The numbers of a {@link ConfigSummary} kept as sums, so that one prompt's means can be
 * added, removed or replaced in O(B): the accuracy's Poisson-bootstrap sums, exact sums
 * of the token means and the cost, the correct runs and the median of generated tokens.
 * {@link ConfigSummary#of} builds one from scratch; a summary read from sums changed one
 * prompt at a time equals it. Not thread-safe.
 */
public final class ConfigSums {

	private final Bootstrap bootstrap;

	private final ResampleSums scores;

	private final ExactMean input = new ExactMean();

	private final ExactMean generated = new ExactMean();

	private final ExactMean reasoning = new ExactMean();

	private final ExactMean cost = new ExactMean();

	private final RunningMedian medianGenerated = new RunningMedian();

	private final double[] one = new double[1];

	private int prompts;

	private long correct;

	/**
	 * The last {@link #summary()} read, until the sums change: a leaderboard recompute
	 * reads every row's estimates, and a new run changes those of one config (each costs
	 * sorting B replicates).
	 */
	private ConfigSummary summary;

	public ConfigSums(long seed, Bootstrap bootstrap) {
		this.bootstrap = bootstrap;
		this.scores = new ResampleSums(seed, bootstrap.resamples(), 1);
	}

	public void add(PromptMeans means) {
		change(means, 1);
	}

	public void remove(PromptMeans means) {
		change(means, -1);
	}

	private void change(PromptMeans m, int sign) {
		this.summary = null;
		this.prompts += sign;
		this.correct += sign * m.correct();
		this.input.add(m.input(), sign);
		this.generated.add(m.generated(), sign);
		this.reasoning.add(m.reasoning(), sign);
		this.cost.add(m.cost(), sign);
		if (m.generated() != null) {
			if (sign > 0) {
				this.medianGenerated.add(m.generated());
			}
			else {
				this.medianGenerated.remove(m.generated());
			}
		}
		if (m.score() != null) {
			this.one[0] = m.score();
			if (sign > 0) {
				this.scores.add(m.promptId(), this.one);
			}
			else {
				this.scores.remove(m.promptId(), this.one);
			}
		}
	}

	public int prompts() {
		return this.prompts;
	}

	public ConfigSummary summary() {
		if (this.summary == null) {
			this.summary = read();
		}
		return this.summary;
	}

	private ConfigSummary read() {
		Estimate accuracy = this.bootstrap.estimateOf(this.scores.pointMean(0), this.scores.replicates(0));
		return new ConfigSummary(this.prompts, (int) this.scores.count(0), accuracy, Stats.boxed(this.input.mean()),
				Stats.boxed(this.generated.mean()), Stats.boxed(this.reasoning.mean()),
				Stats.boxed(this.medianGenerated.median()),
				(this.correct == 0) ? null : this.cost.sum() / this.correct);
	}

}
