package org.tokenyield.providers.offline;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's wrong answers: plausible, of the same shape as the correct one, so that
 * a grader has something real to refuse. A number moves by 1 to 3 steps of 5 % (at least
 * one unit of its last digit), a fraction gets another numerator, a single-letter choice
 * another letter, yes/no and true/false flip; anything else becomes {@code unknown}.
 */
final class SimulatedAnswers {

	private static final Pattern NUMBER = Pattern.compile("^([^\\d-]*)(-?\\d[\\d,]*(?:\\.\\d+)?)([^\\d]*)$");

	private static final Pattern FRACTION = Pattern.compile("^(-?\\d+)\\s*/\\s*(\\d+)$");

	private static final Pattern LETTER = Pattern.compile("^[A-Ja-j]$");

	private static final Map<String, String> OPPOSITES = Map.of("yes", "no", "no", "yes", "true", "false", "false",
			"true");

	private SimulatedAnswers() {
	}

	/** A plausible but wrong answer of the same shape as the correct one. */
	static String wrong(String correct, SplittableRandom random) {
		if (correct == null || correct.isBlank()) {
			return "unknown";
		}
		String trimmed = correct.trim();
		if (LETTER.matcher(trimmed).matches()) {
			char expected = Character.toUpperCase(trimmed.charAt(0));
			char last = (char) Math.max('D', expected);
			char other;
			do {
				other = (char) ('A' + random.nextInt(last - 'A' + 1));
			}
			while (other == expected);
			return Character.isLowerCase(trimmed.charAt(0)) ? String.valueOf(Character.toLowerCase(other))
					: String.valueOf(other);
		}
		String opposite = OPPOSITES.get(trimmed.toLowerCase(Locale.ROOT));
		if (opposite != null) {
			return Character.isUpperCase(trimmed.charAt(0))
					? Character.toUpperCase(opposite.charAt(0)) + opposite.substring(1) : opposite;
		}
		Matcher fraction = FRACTION.matcher(trimmed);
		if (fraction.matches()) {
			BigInteger numerator = new BigInteger(fraction.group(1)).add(BigInteger.valueOf(1 + random.nextInt(2)));
			return numerator + "/" + fraction.group(2);
		}
		Matcher number = NUMBER.matcher(trimmed);
		if (number.matches() && isWellFormedNumber(number.group(2))) {
			return number.group(1) + shiftNumber(number.group(2), random) + number.group(3);
		}
		return trimmed.equalsIgnoreCase("unknown") ? "not sure" : "unknown";
	}

	private static boolean isWellFormedNumber(String digits) {
		return !digits.contains(",") || digits.matches("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
	}

	/**
	 * Moves a number by 1 to 3 steps of 5 % of its size (at least one unit of its last
	 * digit).
	 */
	private static String shiftNumber(String digits, SplittableRandom random) {
		boolean grouped = digits.contains(",");
		BigDecimal value = new BigDecimal(digits.replace(",", ""));
		int scale = Math.max(0, value.scale());
		BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
		BigDecimal step = value.abs().multiply(new BigDecimal("0.05")).setScale(scale, RoundingMode.HALF_UP).max(unit);
		int steps = 1 + random.nextInt(3);
		boolean down = random.nextBoolean();
		BigDecimal shifted = down ? value.subtract(step.multiply(BigDecimal.valueOf(steps)))
				: value.add(step.multiply(BigDecimal.valueOf(steps)));
		if (value.signum() >= 0 && shifted.signum() < 0) {
			shifted = value.add(step.multiply(BigDecimal.valueOf(steps)));
		}
		shifted = shifted.setScale(scale, RoundingMode.HALF_UP);
		if (!grouped) {
			return shifted.toPlainString();
		}
		DecimalFormat format = new DecimalFormat((scale > 0) ? "#,##0." + "0".repeat(scale) : "#,##0",
				DecimalFormatSymbols.getInstance(Locale.ROOT));
		return format.format(shifted);
	}

}
