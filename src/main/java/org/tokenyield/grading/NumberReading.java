package org.tokenyield.grading;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads numbers as people and models write them: {@code 1,000}, {@code 1 000},
 * {@code 3/4}, {@code -2.5e3}, {@code 2.5 × 10^3}, {@code 50%}, {@code $1,234.50},
 * {@code \frac{3}{4}}. One reader serves both the rule's expected value and the answers,
 * so an expected value that validates is always one an answer can match. Not supported,
 * by choice: decimal commas ({@code 3,5} reads as 3 and 5), mixed numbers
 * ({@code 1 1/2}), words ({@code twelve}).
 */
final class NumberReading {

	/**
	 * A number found in text, with its value as written (a percent sign is not applied).
	 */
	record ReadNumber(String text, double value, boolean percent) {
	}

	private static final Pattern FRAC = Pattern
		.compile("\\\\[dt]?frac\\s*\\{\\s*([^{}]*?)\\s*\\}\\s*\\{\\s*([^{}]*?)\\s*\\}");

	private static final Pattern LATEX_NOISE = Pattern.compile("\\\\left|\\\\right|\\\\[,!;:]|\\\\ ");

	/**
	 * Not preceded by a letter, digit, point, caret or slash: so {@code x2}, {@code H2O},
	 * {@code m^2} and the parts of {@code v1.2} are not read as numbers. ASCII only, so
	 * numbers right after CJK text ({@code 答案是42}) are found.
	 */
	private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z0-9_.^/])" + "(?<sign>[-+])?[$€£¥]?"
			+ "(?<mantissa>(?:\\d{1,3}(?:,\\d{3})+|\\d{1,3}(?: \\d{3})+|\\d+)(?:\\.\\d+)?(?!\\d)|\\.\\d+)"
			+ "(?:[eE](?<exp>[-+]?\\d+))?"
			+ "(?:\\s*(?:×|\\*|x)\\s*10\\^\\{?(?<sci>[-+]?\\d+)\\}?|\\^\\{?(?<pow>[-+]?\\d+)\\}?)?"
			+ "(?:\\s*/\\s*(?<den>\\d+(?:\\.\\d+)?)(?![\\d/]))?" + "(?<percent>\\s*%)?");

	private NumberReading() {
	}

	/** Every number in the text, in order. */
	static List<ReadNumber> readAll(String text) {
		String prepared = prepare(AnswerText.fold(text));
		List<ReadNumber> numbers = new ArrayList<>();
		Matcher matcher = NUMBER.matcher(prepared);
		while (matcher.find()) {
			toNumber(matcher).ifPresent(numbers::add);
		}
		return numbers;
	}

	/** The last number: a model's final answer usually ends with it. */
	static Optional<ReadNumber> last(String text) {
		List<ReadNumber> numbers = readAll(text);
		return numbers.isEmpty() ? Optional.empty() : Optional.of(numbers.get(numbers.size() - 1));
	}

	/**
	 * The number, when the text holds exactly one: the form an expected value must have.
	 */
	static Optional<ReadNumber> readSingle(String text) {
		List<ReadNumber> numbers = readAll(text);
		return (numbers.size() == 1) ? Optional.of(numbers.get(0)) : Optional.empty();
	}

	/**
	 * A stable text for a value, to compare answers between samples: 10 significant
	 * digits so that {@code 0.75} and {@code 3/4} (and float noise) agree.
	 */
	static String canonical(double value) {
		if (value == 0) {
			return "0";
		}
		BigDecimal rounded = new BigDecimal(value).round(new MathContext(10)).stripTrailingZeros();
		double magnitude = Math.abs(value);
		return (magnitude >= 1e-6 && magnitude < 1e15) ? rounded.toPlainString() : rounded.toString();
	}

	/** Rewrites LaTeX number notation into the plain forms the pattern reads. */
	private static String prepare(String text) {
		String plain = FRAC.matcher(text).replaceAll("$1/$2");
		plain = LATEX_NOISE.matcher(plain).replaceAll("");
		return plain.replace("{,}", ",")
			.replace("\\%", "%")
			.replace("\\$", "$")
			.replace("\\times", "×")
			.replace("\\cdot", "×")
			.replace("·", "×");
	}

	private static Optional<ReadNumber> toNumber(Matcher matcher) {
		try {
			String mantissa = matcher.group("mantissa").replace(",", "").replace(" ", "");
			String exp = matcher.group("exp");
			double value = new BigDecimal((exp != null) ? mantissa + "E" + exp : mantissa).doubleValue();
			if (matcher.group("sci") != null) {
				value *= Math.pow(10, Integer.parseInt(matcher.group("sci")));
			}
			if (matcher.group("pow") != null) {
				value = Math.pow(value, Integer.parseInt(matcher.group("pow")));
			}
			if (matcher.group("den") != null) {
				value /= new BigDecimal(matcher.group("den")).doubleValue();
			}
			if ("-".equals(matcher.group("sign"))) {
				value = -value;
			}
			if (!Double.isFinite(value)) {
				return Optional.empty();
			}
			return Optional.of(new ReadNumber(matcher.group().strip(), value, matcher.group("percent") != null));
		}
		catch (NumberFormatException | ArithmeticException ex) {
			// An exponent beyond int range: not a number anyone means.
			return Optional.empty();
		}
	}

}
