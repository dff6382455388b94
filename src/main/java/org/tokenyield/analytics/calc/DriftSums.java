package org.tokenyield.analytics.calc;

import java.util.function.Function;

/**
 * The Poisson-bootstrap sums of one drift, older config X to newer config Y, over their
 * paired prompts (METRICS.md sections 1 and 2): the log ratios of input, generated and
 * reasoning tokens and the score difference, one column each, with the same weight for a
 * prompt on both sides. {@link DriftCalculator} builds one from scratch; a pair changed
 * one prompt at a time reads the same. Not thread-safe.
 */
public final class DriftSums {

	private static final int INPUT = 0;

	private static final int GENERATED = 1;

	private static final int REASONING = 2;

	private static final int ACCURACY = 3;

	private final Bootstrap bootstrap;

	private final ResampleSums sums;

	private final double[] values = new double[4];

	private int prompts;

	/**
	 * The last {@link #estimate()} read, until the sums change: a leaderboard recompute
	 * reads every row's estimates, and a new run changes those of one config (each costs
	 * sorting B replicates).
	 */
	private DriftEstimate estimate;

	public DriftSums(long seed, Bootstrap bootstrap) {
		this.bootstrap = bootstrap;
		this.sums = new ResampleSums(seed, bootstrap.resamples(), 4);
	}

	/** Adds a paired prompt: its means in the older and in the newer config. */
	public void add(PromptMeans older, PromptMeans newer) {
		this.prompts++;
		this.estimate = null;
		this.sums.add(older.promptId(), values(older, newer));
	}

	/** Takes back what {@link #add} of the same means added. */
	public void remove(PromptMeans older, PromptMeans newer) {
		this.prompts--;
		this.estimate = null;
		this.sums.remove(older.promptId(), values(older, newer));
	}

	private double[] values(PromptMeans older, PromptMeans newer) {
		if (older.promptId() != newer.promptId()) {
			throw new IllegalArgumentException(
					"prompt " + older.promptId() + " paired with prompt " + newer.promptId());
		}
		this.values[INPUT] = logRatio(older, newer, PromptMeans::input);
		this.values[GENERATED] = logRatio(older, newer, PromptMeans::generated);
		this.values[REASONING] = logRatio(older, newer, PromptMeans::reasoning);
		this.values[ACCURACY] = (older.score() != null && newer.score() != null) ? newer.score() - older.score()
				: Double.NaN;
		return this.values;
	}

	/** ln(k(Y) / k(X)); NaN (left out) when a side is unknown or 0. */
	private static double logRatio(PromptMeans older, PromptMeans newer, Function<PromptMeans, Double> kind) {
		Double before = kind.apply(older);
		Double after = kind.apply(newer);
		return (before != null && after != null && before > 0 && after > 0) ? Math.log(after / before) : Double.NaN;
	}

	public DriftEstimate estimate() {
		if (this.estimate == null) {
			this.estimate = read();
		}
		return this.estimate;
	}

	private DriftEstimate read() {
		Estimate input = drift(INPUT);
		Estimate generated = drift(GENERATED);
		Estimate reasoning = drift(REASONING);
		Estimate accuracy = this.bootstrap.estimateOf(this.sums.pointMean(ACCURACY), this.sums.replicates(ACCURACY));
		return new DriftEstimate(this.prompts, input, generated, reasoning, accuracy, Verdict.of(generated, accuracy));
	}

	/** exp(mean log ratio) - 1 on the data and on each resample. */
	private Estimate drift(int column) {
		double[] reps = this.sums.replicates(column);
		for (int b = 0; b < reps.length; b++) {
			reps[b] = Math.expm1(reps[b]);
		}
		return this.bootstrap.estimateOf(Math.expm1(this.sums.pointMean(column)), reps);
	}

}
