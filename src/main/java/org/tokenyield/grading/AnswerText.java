package org.tokenyield.grading;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text clean-up shared by the graders: Unicode compatibility folding, markdown and quote
 * stripping, and the comparison form of an answer. Every method accepts null and odd
 * text.
 */
final class AnswerText {

	private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻";

	private static final String SUPERSCRIPT_PLAIN = "0123456789+-";

	private static final Pattern SUPERSCRIPT_RUN = Pattern.compile("[" + SUPERSCRIPTS + "]+");

	private static final Pattern INVISIBLE = Pattern.compile("[\\u200B\\u200C\\u200D\\u2060\\uFEFF]");

	private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

	private static final Pattern LATEX_TEXT = Pattern
		.compile("^\\\\(?:text|textbf|textit|mathrm|mathbf|mbox)\\{(.*)\\}$", Pattern.DOTALL);

	/**
	 * Pairs that may wrap a whole answer: markdown emphasis and code, math delimiters,
	 * quotes.
	 */
	private static final List<String[]> WRAPPERS = List.of(new String[] { "```", "```" }, new String[] { "**", "**" },
			new String[] { "__", "__" }, new String[] { "~~", "~~" }, new String[] { "*", "*" },
			new String[] { "_", "_" }, new String[] { "`", "`" }, new String[] { "$$", "$$" },
			new String[] { "$", "$" }, new String[] { "\\(", "\\)" }, new String[] { "\\[", "\\]" },
			new String[] { "\"", "\"" }, new String[] { "'", "'" }, new String[] { "“", "”" },
			new String[] { "‘", "’" }, new String[] { "«", "»" }, new String[] { "「", "」" }, new String[] { "『", "』" });

	private static final List<String> EMPHASIS = List.of("**", "__", "*", "_", "`");

	private AnswerText() {
	}

	/**
	 * NFKC (full-width digits and letters, ligatures, compatibility spaces become plain),
	 * line ends unified, the Unicode minus read as a hyphen. Superscripts are written out
	 * as {@code ^n} first, because NFKC would otherwise turn {@code 25 m²} into
	 * {@code 25 m2} and make 2 the last number.
	 */
	static String fold(String text) {
		if (text == null) {
			return "";
		}
		Matcher superscripts = SUPERSCRIPT_RUN.matcher(text);
		StringBuilder written = new StringBuilder();
		while (superscripts.find()) {
			StringBuilder plain = new StringBuilder("^");
			for (char c : superscripts.group().toCharArray()) {
				plain.append(SUPERSCRIPT_PLAIN.charAt(SUPERSCRIPTS.indexOf(c)));
			}
			superscripts.appendReplacement(written, Matcher.quoteReplacement(plain.toString()));
		}
		superscripts.appendTail(written);
		String folded = Normalizer.normalize(written, Normalizer.Form.NFKC);
		folded = INVISIBLE.matcher(folded).replaceAll("");
		return folded.replace("\r\n", "\n").replace('\r', '\n').replace('\u2212', '-');
	}

	/**
	 * Removes what wraps an answer without being part of it: surrounding emphasis, code
	 * marks, math delimiters, quotes, {@code \text{...}}, unbalanced emphasis left over
	 * from a bold label, and a trailing period (ASCII or ideographic). Repeats until
	 * nothing changes, so {@code **"Paris"**.} becomes {@code Paris}.
	 */
	static String stripDecoration(String text) {
		String current = (text != null) ? text.strip() : "";
		String previous;
		do {
			previous = current;
			current = stripUnbalancedEmphasis(current);
			for (String[] pair : WRAPPERS) {
				if (current.length() > pair[0].length() + pair[1].length() && current.startsWith(pair[0])
						&& current.endsWith(pair[1])) {
					current = current.substring(pair[0].length(), current.length() - pair[1].length()).strip();
					break;
				}
			}
			Matcher latexText = LATEX_TEXT.matcher(current);
			if (latexText.matches()) {
				current = latexText.group(1).strip();
			}
			while (current.endsWith(".") || current.endsWith("。")) {
				current = current.substring(0, current.length() - 1).strip();
			}
		}
		while (!current.equals(previous));
		return current;
	}

	/**
	 * The comparison form for exact answers: decoration stripped, case folded (upper then
	 * lower, so that "ß" and "SS" agree), whitespace collapsed to single spaces.
	 */
	static String comparable(String text) {
		String stripped = stripDecoration(fold(text));
		String folded = stripped.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
		return SPACES.matcher(folded).replaceAll(" ").strip();
	}

	/** Case-folded, whitespace-collapsed text for substring search (contains rules). */
	static String searchable(String text) {
		String folded = fold(text).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
		return SPACES.matcher(folded).replaceAll(" ").strip();
	}

	/**
	 * A bold label such as {@code **Answer:** 42} leaves {@code ** 42} behind: an
	 * emphasis mark that occurs an odd number of times at the start or end closes or
	 * opens nothing in the answer itself.
	 */
	private static String stripUnbalancedEmphasis(String text) {
		String current = text;
		for (String mark : EMPHASIS) {
			if (occurrences(current, mark) % 2 == 1) {
				if (current.startsWith(mark)) {
					current = current.substring(mark.length()).strip();
				}
				else if (current.endsWith(mark)) {
					current = current.substring(0, current.length() - mark.length()).strip();
				}
			}
		}
		return current;
	}

	private static int occurrences(String text, String mark) {
		int count = 0;
		for (int at = text.indexOf(mark); at >= 0; at = text.indexOf(mark, at + mark.length())) {
			count++;
		}
		return count;
	}

}
