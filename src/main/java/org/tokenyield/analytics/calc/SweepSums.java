package org.tokenyield.analytics.calc;

import java.util.List;

/**
 * The Poisson-bootstrap sums of one model's sweep over its settings (METRICS.md section
 * 3): for each setting s, the generated tokens and the score of the prompts graded and
 * with generated tokens at every setting (the paired set P), one weight per prompt for
 * all settings. {@link ScalingCalculator#fit(SweepSums)} reads the fit from them. Not
 * thread-safe.
 */
public final class SweepSums {

	private final List<String> settings;

	private final ResampleSums sums;

	private final double[] values;

	/**
	 * The last fit read ({@link ScalingCalculator#fit(SweepSums)}) and the calculator
	 * that made it, until the sums change: a leaderboard recompute reads every version's,
	 * and a new run changes one version's.
	 */
	private ScalingFit fit;

	private ScalingCalculator fitBy;

	/**
	 * @param settings the sweep's settings in display order
	 */
	public SweepSums(List<String> settings, long seed, Bootstrap bootstrap) {
		this.settings = List.copyOf(settings);
		this.sums = new ResampleSums(seed, bootstrap.resamples(), 2 * settings.size());
		this.values = new double[2 * settings.size()];
	}

	public List<String> settings() {
		return this.settings;
	}

	/**
	 * Whether a prompt with these means at each setting (in the order of
	 * {@link #settings}, null where it has none) belongs to P.
	 */
	public static boolean paired(PromptMeans[] row) {
		for (PromptMeans m : row) {
			if (m == null || m.score() == null || m.generated() == null) {
				return false;
			}
		}
		return row.length > 0;
	}

	/**
	 * Adds a prompt's means at each setting; a row not {@link #paired} adds nothing.
	 */
	public void add(long promptId, PromptMeans[] row) {
		if (paired(row)) {
			this.fit = null;
			this.sums.add(promptId, values(row));
		}
	}

	public void remove(long promptId, PromptMeans[] row) {
		if (paired(row)) {
			this.fit = null;
			this.sums.remove(promptId, values(row));
		}
	}

	private double[] values(PromptMeans[] row) {
		int k = this.settings.size();
		if (row.length != k) {
			throw new IllegalArgumentException("expected " + k + " settings, got " + row.length);
		}
		for (int s = 0; s < k; s++) {
			this.values[s] = row[s].generated();
			this.values[k + s] = row[s].score();
		}
		return this.values;
	}

	/** The fit {@code by} last read from these sums, null when they changed since. */
	ScalingFit fitBy(ScalingCalculator by) {
		return (this.fitBy == by) ? this.fit : null;
	}

	void fit(ScalingFit fit, ScalingCalculator by) {
		this.fit = fit;
		this.fitBy = by;
	}

	/** |P|. */
	int prompts() {
		return this.settings.isEmpty() ? 0 : (int) this.sums.count(0);
	}

	/** T_s over P. */
	double tokens(int setting) {
		return this.sums.pointMean(setting);
	}

	/** A_s over P. */
	double accuracy(int setting) {
		return this.sums.pointMean(this.settings.size() + setting);
	}

	/** T_s of each resample (NaN where P's weights sum to 0). */
	double[] tokenReplicates(int setting) {
		return this.sums.replicates(setting);
	}

	/** A_s of each resample. */
	double[] accuracyReplicates(int setting) {
		return this.sums.replicates(this.settings.size() + setting);
	}

}
