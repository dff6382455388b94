package org.tokenyield.analytics.calc;

/**
 * The Poisson-bootstrap sums of one paired accuracy gap of the rank tiers
 * ({@link AccuracyTiers}): {@code a_p(upper) − a_p(lower)} over the prompts graded on
 * both sides. Not thread-safe.
 */
public final class GapSums {

	private final Bootstrap bootstrap;

	private final ResampleSums sums;

	private final double[] one = new double[1];

	public GapSums(long seed, Bootstrap bootstrap) {
		this.bootstrap = bootstrap;
		this.sums = new ResampleSums(seed, bootstrap.resamples(), 1);
	}

	/**
	 * The difference of a prompt graded on both sides, NaN (left out) when a side is
	 * missing or ungraded.
	 */
	public static double difference(PromptMeans lower, PromptMeans upper) {
		return (lower != null && upper != null && lower.score() != null && upper.score() != null)
				? upper.score() - lower.score() : Double.NaN;
	}

	/** Adds a prompt's difference (NaN adds nothing). */
	public void add(long promptId, double difference) {
		this.one[0] = difference;
		this.sums.add(promptId, this.one);
	}

	public void remove(long promptId, double difference) {
		this.one[0] = difference;
		this.sums.remove(promptId, this.one);
	}

	/** Adds or removes with weights already drawn for this seed. */
	void add(int[] weights, double difference, int sign) {
		this.one[0] = difference;
		this.sums.add(weights, this.one, sign);
	}

	public Estimate gap() {
		return this.bootstrap.estimateOf(this.sums.pointMean(0), this.sums.replicates(0));
	}

}
