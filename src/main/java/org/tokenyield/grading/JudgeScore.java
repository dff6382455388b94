package org.tokenyield.grading;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the score from a judge's reply: the last line {@code SCORE: N}, tolerating
 * markdown ({@code **Score:** 7}), {@code 7/10}, {@code 7 out of 10}, {@code 70%} and a
 * 0..1 decimal ({@code 0.7}). A bare integer is on the 0..10 scale the prompt asks for; a
 * decimal with a point that is at most 1 is on the 0..1 scale ({@code 1.0} is full marks,
 * {@code 1} is 0.1).
 */
final class JudgeScore {

	private static final Pattern SCORE_LINE = Pattern
		.compile("^[\\s>#*_`-]*(?:final\\s+)?score[\\s*_`]*[:=][\\s*_`]*(?<n>\\d+(?:\\.\\d+)?)"
				+ "\\s*(?:(?:/|out\\s+of)\\s*(?<d>\\d+(?:\\.\\d+)?)|(?<pct>%))?", Pattern.CASE_INSENSITIVE);

	private JudgeScore() {
	}

	/** The score in [0, 1], or a reason why none could be read. */
	static Optional<Double> read(String reply) {
		String[] lines = AnswerText.fold(reply).split("\n");
		for (int i = lines.length - 1; i >= 0; i--) {
			Matcher score = SCORE_LINE.matcher(lines[i]);
			if (score.find()) {
				return scale(score);
			}
		}
		return Optional.empty();
	}

	private static Optional<Double> scale(Matcher score) {
		String numerator = score.group("n");
		double n = Double.parseDouble(numerator);
		double value;
		if (score.group("d") != null) {
			double d = Double.parseDouble(score.group("d"));
			value = (d > 0) ? n / d : Double.NaN;
		}
		else if (score.group("pct") != null) {
			value = n / 100;
		}
		else if (numerator.contains(".") && n <= 1) {
			value = n;
		}
		else {
			value = n / 10;
		}
		return (value >= 0 && value <= 1) ? Optional.of(value) : Optional.empty();
	}

}
