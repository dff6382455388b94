package org.tokenyield.analytics;

import java.util.List;
import java.util.Objects;

import org.tokenyield.system.InvalidInputException;
import org.tokenyield.system.Setting;

/**
 * The query parameters every figure takes (API.md): {@code category}, {@code difficulty}
 * (easy, medium, hard, unknown), {@code setting} (a setting, or {@code all}) and
 * {@code dataset}; null means all. It validates itself, so a filter that exists is a
 * valid one: a bad parameter is an {@link InvalidInputException} naming it (a 400 under
 * /api, an error page elsewhere).
 */
public record FigureFilter(String category, String difficulty, String setting, String dataset) {

	private static final List<String> DIFFICULTIES = List.of("easy", "medium", "hard", "unknown");

	/**
	 * No category, difficulty, setting or dataset: every prompt, each version at its
	 * default setting (the home page's board, the alerts' figures).
	 */
	public static final FigureFilter EVERYTHING = new FigureFilter(null, null, null, null);

	public FigureFilter {
		category = blankToNull(category);
		difficulty = blankToNull(difficulty);
		setting = blankToNull(setting);
		dataset = blankToNull(dataset);
		if (difficulty != null && !DIFFICULTIES.contains(difficulty)) {
			throw new InvalidInputException("difficulty", "must be easy, medium, hard or unknown");
		}
		if (category != null && category.length() > 32) {
			throw new InvalidInputException("category", "is at most 32 characters");
		}
		if (dataset != null && dataset.length() > 64) {
			throw new InvalidInputException("dataset", "is at most 64 characters");
		}
		if (setting != null && !setting.equals(LeaderboardService.ALL_SETTINGS) && !Setting.valid(setting)) {
			throw new InvalidInputException("setting",
					"must be all, default, off, thinking:N or effort:LEVEL, got '" + abbreviate(setting) + "'");
		}
	}

	/**
	 * The setting of the one config a per-config figure shows: the filter's, or
	 * {@code defaultSetting} (the version's) when the filter names none or {@code all}.
	 */
	public String configSetting(String defaultSetting) {
		return (this.setting == null || LeaderboardService.ALL_SETTINGS.equals(this.setting)) ? defaultSetting
				: this.setting;
	}

	/** The same filter for every setting of a config's sweep. */
	public FigureFilter anySetting() {
		return new FigureFilter(this.category, this.difficulty, null, this.dataset);
	}

	/**
	 * A stable text of the filter, part of every bootstrap seed: the same query gives the
	 * same interval.
	 */
	public String seedText() {
		return Objects.toString(this.category, "") + "|" + Objects.toString(this.difficulty, "") + "|"
				+ Objects.toString(this.setting, "") + "|" + Objects.toString(this.dataset, "");
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	private static String abbreviate(String s) {
		return s.length() > 40 ? s.substring(0, 40) + "..." : s;
	}

}
