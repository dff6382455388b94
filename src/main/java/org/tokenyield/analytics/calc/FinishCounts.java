package org.tokenyield.analytics.calc;

/**
 * How the successful runs of one config ended, for the overrun and truncated rates of
 * {@link SettingHonour}.
 *
 * @param reasoningKnown runs that report their reasoning tokens
 * @param overran of those, runs whose reasoning tokens exceeded the setting's thinking
 * budget (counted only for {@code thinking:N}; 0 otherwise)
 * @param finishKnown runs with a stored finish reason
 * @param truncated of those, runs that finished with {@code length} (cut at the output
 * cap)
 */
public record FinishCounts(long reasoningKnown, long overran, long finishKnown, long truncated) {

	public static final FinishCounts NONE = new FinishCounts(0, 0, 0, 0);

	public FinishCounts {
		if (reasoningKnown < 0 || overran < 0 || overran > reasoningKnown || finishKnown < 0 || truncated < 0
				|| truncated > finishKnown) {
			throw new IllegalArgumentException("need 0 <= overran <= reasoningKnown and 0 <= truncated <= finishKnown");
		}
	}

	/** The counts of both, e.g. of two prompts or two datasets. */
	public FinishCounts plus(FinishCounts other) {
		return new FinishCounts(this.reasoningKnown + other.reasoningKnown, this.overran + other.overran,
				this.finishKnown + other.finishKnown, this.truncated + other.truncated);
	}

	/**
	 * Share of the runs with a finish reason that were cut at the output cap; null when
	 * no run has a finish reason (e.g. imports without {@code stop_reason}).
	 */
	public Double truncatedRate() {
		return this.finishKnown == 0 ? null : (double) this.truncated / this.finishKnown;
	}

}
