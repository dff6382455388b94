package org.tokenyield.providers.gemini;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tokenyield.providers.SettingCheck;
import org.tokenyield.system.Setting;

import tools.jackson.databind.node.ObjectNode;

/**
 * What a Gemini model name tells about its thinking controls, which settings it therefore
 * takes, and how a setting is written into {@code generationConfig}: {@code thinking:N} →
 * {@code thinkingConfig.thinkingBudget} (2.5 models), {@code effort:L} →
 * {@code thinkingLevel} (3.x models), never both; {@code off} → {@code thinkingBudget: 0}
 * where the model allows it; {@code default} → no thinking config.
 */
final class GeminiThinking {

	static final Set<String> LEVELS = Set.of("minimal", "low", "medium", "high");

	private static final Pattern VERSION = Pattern.compile("^gemini-(\\d+)(?:\\.(\\d+))?");

	private GeminiThinking() {
	}

	/** What a model name tells about its thinking controls. */
	enum Family {

		/** 2.5 Pro: budget 128..32768, cannot turn thinking off. */
		BUDGET_PRO(128, 32_768, false),
		/** 2.5 Flash: budget 1..24576, 0 turns it off. */
		BUDGET_FLASH(1, 24_576, true),
		/**
		 * 2.5 Flash-Lite: budget 512..24576, 0 turns it off (it does not think by
		 * default).
		 */
		BUDGET_FLASH_LITE(512, 24_576, true),
		/** 3.x and later: thinkingLevel, cannot turn thinking off. */
		LEVEL(0, 0, false),
		/** 2.0, 1.5, Gemma: no thinking at all. */
		NONE(0, 0, true),
		/** Not recognised: let the API decide. */
		UNKNOWN(1, Integer.MAX_VALUE, true);

		final int minBudget;

		final int maxBudget;

		final boolean canTurnOff;

		Family(int minBudget, int maxBudget, boolean canTurnOff) {
			this.minBudget = minBudget;
			this.maxBudget = maxBudget;
			this.canTurnOff = canTurnOff;
		}

	}

	static String modelId(String apiModel) {
		return apiModel.startsWith("models/") ? apiModel.substring("models/".length()) : apiModel;
	}

	static Family family(String apiModel) {
		String m = modelId(apiModel).toLowerCase(Locale.ROOT);
		Matcher v = VERSION.matcher(m);
		if (!v.find()) {
			return m.startsWith("gemma") ? Family.NONE : Family.UNKNOWN;
		}
		int major = Integer.parseInt(v.group(1));
		int minor = v.group(2) == null ? 0 : Integer.parseInt(v.group(2));
		if (major >= 3) {
			return Family.LEVEL;
		}
		if (major == 2 && minor == 5) {
			if (m.contains("flash-lite")) {
				return Family.BUDGET_FLASH_LITE;
			}
			return m.contains("pro") ? Family.BUDGET_PRO : Family.BUDGET_FLASH;
		}
		return Family.NONE;
	}

	static SettingCheck check(String apiModel, String setting) {
		Setting s;
		try {
			s = Setting.parse(setting);
		}
		catch (IllegalArgumentException ex) {
			return SettingCheck.refused(ex.getMessage());
		}
		Family family = family(apiModel);
		return switch (s.kind()) {
			case DEFAULT -> SettingCheck.ok();
			case OFF -> family.canTurnOff ? SettingCheck.ok() : SettingCheck
				.refused(apiModel + " cannot turn thinking off; use "
						+ (family == Family.LEVEL ? "effort:low (or minimal where offered)" : "a small thinking:N"));
			case THINKING -> {
				if (family == Family.LEVEL) {
					yield SettingCheck.refused(
							apiModel + " takes thinkingLevel (effort:LEVEL); thinkingBudget is for Gemini 2.5 models");
				}
				if (family == Family.NONE) {
					yield SettingCheck.refused(apiModel + " has no thinking");
				}
				if (s.budget() < family.minBudget || s.budget() > family.maxBudget) {
					yield SettingCheck.refused(apiModel + " takes a thinking budget from " + family.minBudget + " to "
							+ family.maxBudget + " tokens, got " + s.budget());
				}
				yield SettingCheck.ok();
			}
			case EFFORT -> {
				if (family != Family.LEVEL && family != Family.UNKNOWN) {
					yield SettingCheck.refused(apiModel + (family == Family.NONE ? " has no thinking"
							: " takes a thinking budget (thinking:N); thinkingLevel is for Gemini 3 models"));
				}
				if (!LEVELS.contains(s.effort())) {
					yield SettingCheck
						.refused("Gemini thinking level must be one of minimal, low, medium, high; got " + s.effort());
				}
				if (s.effort().equals("minimal") && modelId(apiModel).contains("-pro")) {
					yield SettingCheck.refused(apiModel + " has no minimal thinking level; use effort:low");
				}
				yield SettingCheck.ok();
			}
		};
	}

	/**
	 * Adds the setting's {@code thinkingConfig} to a request's {@code generationConfig},
	 * if it has one.
	 */
	static void configure(ObjectNode generationConfig, String apiModel, String setting) {
		Setting s = Setting.parse(setting);
		Family family = family(apiModel);
		switch (s.kind()) {
			case THINKING -> generationConfig.putObject("thinkingConfig").put("thinkingBudget", s.budget());
			case EFFORT -> generationConfig.putObject("thinkingConfig").put("thinkingLevel", s.effort());
			case OFF -> {
				if (family != Family.NONE) {
					generationConfig.putObject("thinkingConfig").put("thinkingBudget", 0);
				}
			}
			default -> {
			}
		}
	}

}
