package org.tokenyield.analytics;

import java.util.Objects;

/**
 * The query parameters every figure takes (API.md): {@code category}, {@code difficulty}
 * (easy, medium, hard), {@code setting} and {@code dataset}; null means all.
 */
public record FigureFilter(String category, String difficulty, String setting, String dataset) {

	public FigureFilter {
		category = blankToNull(category);
		difficulty = blankToNull(difficulty);
		setting = blankToNull(setting);
		dataset = blankToNull(dataset);
		if (difficulty != null && !java.util.List.of("easy", "medium", "hard", "unknown").contains(difficulty)) {
			throw new IllegalArgumentException("difficulty must be easy, medium, hard or unknown");
		}
		if (category != null && category.length() > 32) {
			throw new IllegalArgumentException("category is at most 32 characters");
		}
		if (dataset != null && dataset.length() > 64) {
			throw new IllegalArgumentException("dataset is at most 64 characters");
		}
	}

	/** A stable text of the filter, part of every bootstrap seed: the same query gives the same interval. */
	public String seedText() {
		return Objects.toString(this.category, "") + "|" + Objects.toString(this.difficulty, "") + "|"
				+ Objects.toString(this.setting, "") + "|" + Objects.toString(this.dataset, "");
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

}
