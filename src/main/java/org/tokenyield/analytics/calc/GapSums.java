package org.tokenyield.analytics.calc;

/**
 * The Poisson-bootstrap sums of one paired gap, {@code x_p(upper) − x_p(lower)} over the
 * prompts where both sides know the measure: the accuracy gaps of the rank tiers
 * ({@link AccuracyTiers}, {@link Measure#SCORE}) and the reasoning change of a sweep's
 * setting against the previous one ({@link SettingHonourCalculator},
 * {@link Measure#REASONING}). Not thread-safe.
 */
public final class GapSums {

	private final Bootstrap bootstrap;

	private final ResampleSums sums;

	private final double[] one = new double[1];

	/**
	 * The last {@link #gap()} read, until the sums change: a leaderboard recompute reads
	 * every row's estimates, and a new run changes those of one config (each costs
	 * sorting B replicates).
	 */
	private Estimate gap;

	public GapSums(long seed, Bootstrap bootstrap) {
		this.bootstrap = bootstrap;
		this.sums = new ResampleSums(seed, bootstrap.resamples(), 1);
	}

	/** What a gap compares of a prompt on its two sides. */
	public enum Measure {

		/** The mean score. */
		SCORE,

		/** The mean reasoning tokens. */
		REASONING;

		Double of(PromptMeans means) {
			return (this == SCORE) ? means.score() : means.reasoning();
		}

	}

	/**
	 * The difference of a prompt graded on both sides, NaN (left out) when a side is
	 * missing or ungraded.
	 */
	public static double difference(PromptMeans lower, PromptMeans upper) {
		return difference(Measure.SCORE, lower, upper);
	}

	/**
	 * The difference of the measure, NaN (left out) when a side is missing or does not
	 * know it.
	 */
	public static double difference(Measure measure, PromptMeans lower, PromptMeans upper) {
		if (lower == null || upper == null) {
			return Double.NaN;
		}
		Double x = measure.of(lower);
		Double y = measure.of(upper);
		return (x != null && y != null) ? y - x : Double.NaN;
	}

	/** Adds a prompt's difference (NaN adds nothing). */
	public void add(long promptId, double difference) {
		this.one[0] = difference;
		this.gap = null;
		this.sums.add(promptId, this.one);
	}

	public void remove(long promptId, double difference) {
		this.one[0] = difference;
		this.gap = null;
		this.sums.remove(promptId, this.one);
	}

	/**
	 * Adds or removes with weights already drawn for this seed
	 * ({@link PoissonWeights#fill}).
	 */
	public void add(long[] weights, double difference, int sign) {
		this.one[0] = difference;
		this.gap = null;
		this.sums.add(weights, this.one, sign);
	}

	/** The prompts paired so far. */
	public int prompts() {
		return (int) this.sums.count(0);
	}

	public Estimate gap() {
		if (this.gap == null) {
			this.gap = this.bootstrap.estimateOf(this.sums.pointMean(0), this.sums.replicates(0));
		}
		return this.gap;
	}

}
