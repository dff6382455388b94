package org.tokenyield.providers.offline;

import java.util.Map;

import org.tokenyield.system.Setting;

/**
 * A setting as the simulator reads it: how many thinking tokens the simulated model may
 * spend.
 *
 * <ul>
 * <li>{@code off}: no thinking, budget 0; reasoning reported as 0.</li>
 * <li>{@code default}: the model thinks a little on its own: a soft budget of
 * {@value #DEFAULT_BUDGET} tokens that is a target, not a cap (the model decides).</li>
 * <li>{@code thinking:N}: a hard budget of N tokens, N in [{@value #MIN_BUDGET},
 * {@value #MAX_BUDGET}] (Anthropic's minimum, and the largest budget the profiles are
 * drawn for).</li>
 * <li>{@code effort:low|medium|high}: mapped to the budgets 1024, 4096 and 16384 (one
 * step of two doublings each, spanning the thinking range the profiles are tuned on);
 * capped like {@code thinking:N}. Other levels ({@code minimal}, {@code xhigh}, ...) are
 * refused.</li>
 * </ul>
 *
 * @param label the setting as given
 * @param budget thinking budget in tokens (0 for {@code off})
 * @param capped whether reasoning can never exceed the budget
 */
record SimulatedSetting(String label, int budget, boolean capped) {

	static final int DEFAULT_BUDGET = 512;

	static final int MIN_BUDGET = 1024;

	static final int MAX_BUDGET = 32768;

	static final Map<String, Integer> EFFORT_BUDGETS = Map.of("low", 1024, "medium", 4096, "high", 16384);

	boolean thinks() {
		return this.budget > 0;
	}

	/**
	 * Reads a setting.
	 * @return the setting
	 * @throws IllegalArgumentException with the reason it is refused
	 */
	static SimulatedSetting parse(String setting) {
		Setting parsed = Setting.parse(setting);
		return switch (parsed.kind()) {
			case OFF -> new SimulatedSetting(setting, 0, true);
			case DEFAULT -> new SimulatedSetting(setting, DEFAULT_BUDGET, false);
			case THINKING -> {
				int budget = parsed.budget();
				if (budget < MIN_BUDGET || budget > MAX_BUDGET) {
					throw new IllegalArgumentException(
							"Thinking budget " + budget + " is outside [" + MIN_BUDGET + ", " + MAX_BUDGET + "]");
				}
				yield new SimulatedSetting(setting, budget, true);
			}
			case EFFORT -> {
				Integer budget = EFFORT_BUDGETS.get(parsed.effort());
				if (budget == null) {
					throw new IllegalArgumentException(
							"Unknown effort level '" + parsed.effort() + "'; the simulator knows low, medium, high");
				}
				yield new SimulatedSetting(setting, budget, true);
			}
		};
	}

}
