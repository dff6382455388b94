package org.tokenyield.providers.http;

import java.util.Locale;

/**
 * A parsed setting: {@code default}, {@code off}, {@code thinking:N} or {@code effort:LEVEL}.
 *
 * @param budget the thinking budget of {@code thinking:N}, else 0
 * @param effort the lower-cased level of {@code effort:LEVEL}, else null
 */
public record Setting(Kind kind, int budget, String effort) {

	public enum Kind {

		DEFAULT, OFF, THINKING, EFFORT

	}

	/** Parses a setting; throws {@link IllegalArgumentException} with a readable reason. */
	public static Setting parse(String setting) {
		if (setting == null) {
			throw new IllegalArgumentException("setting is required");
		}
		String s = setting.strip();
		if (s.equalsIgnoreCase("default")) {
			return new Setting(Kind.DEFAULT, 0, null);
		}
		if (s.equalsIgnoreCase("off")) {
			return new Setting(Kind.OFF, 0, null);
		}
		int colon = s.indexOf(':');
		if (colon > 0) {
			String kind = s.substring(0, colon).toLowerCase(Locale.ROOT);
			String value = s.substring(colon + 1).strip();
			if (kind.equals("thinking")) {
				int budget;
				try {
					budget = Integer.parseInt(value);
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("thinking budget must be a whole number of tokens: " + setting);
				}
				if (budget <= 0) {
					throw new IllegalArgumentException("thinking budget must be positive (use 'off' for none): " + setting);
				}
				return new Setting(Kind.THINKING, budget, null);
			}
			if (kind.equals("effort") && !value.isEmpty() && value.chars().allMatch(c -> Character.isLetter(c))) {
				return new Setting(Kind.EFFORT, 0, value.toLowerCase(Locale.ROOT));
			}
		}
		throw new IllegalArgumentException(
				"unknown setting '" + setting + "' (expected default, off, thinking:N or effort:LEVEL)");
	}

}
