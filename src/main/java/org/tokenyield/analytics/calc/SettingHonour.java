package org.tokenyield.analytics.calc;

/**
 * Was a setting honoured (docs/methodology-notes.md): one setting of a model's sweep
 * against the setting before it in {@link org.tokenyield.system.Setting#SWEEP_ORDER}.
 *
 * @param setting the setting
 * @param comparedWith the previous setting of the sweep, null for the first
 * @param prompts prompts paired with the previous setting (reasoning known on both sides)
 * @param reasoningChange mean over the paired prompts of (reasoning tokens here −
 * reasoning tokens at the previous setting), per-prompt means, with its paired bootstrap
 * interval; undefined for the first setting or without paired prompts
 * @param ignored the setting asks for more thinking than the previous one, yet the
 * interval of the change is not above 0 (it includes 0 or lies below)
 * @param overrunRate share of the runs reporting reasoning whose reasoning exceeded the
 * {@code thinking:N} budget; null for other settings or when no run reports reasoning
 * @param truncatedRate share of the runs with a finish reason that finished with
 * {@code length}; null when no run has a finish reason (e.g. imported runs)
 */
public record SettingHonour(String setting, String comparedWith, int prompts, Estimate reasoningChange, boolean ignored,
		Double overrunRate, Double truncatedRate) {

	/**
	 * Above this share of runs, an overrun or truncation is worth a note beside the
	 * setting.
	 */
	public static final double NOTE_RATE = 0.05;

	/** True when more than {@link #NOTE_RATE} of the runs overran the budget. */
	public boolean overrunNoted() {
		return this.overrunRate != null && this.overrunRate > NOTE_RATE;
	}

	/** True when more than {@link #NOTE_RATE} of the runs were cut at the output cap. */
	public boolean truncatedNoted() {
		return this.truncatedRate != null && this.truncatedRate > NOTE_RATE;
	}

}
