package org.tokenyield.grading;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the final answer in a model's final text, which may hold reasoning before it. The
 * conventions, in order: the last balanced {@code \boxed{...}} (or {@code \fbox{...}});
 * the last answer line ({@code Answer:}, {@code Final answer:}, {@code **Answer:**}, also
 * {@code 答案:} and {@code 答え:}; a label alone on its line takes the next non-empty line);
 * otherwise the whole text or, for one-line answers, the last non-empty line. Expects
 * text already passed through {@link AnswerText#fold}.
 */
final class AnswerExtraction {

	private static final Pattern BOXED = Pattern.compile("\\\\(?:boxed|fbox)\\s*\\{");

	/**
	 * An answer label at the start of a line, after optional markdown (quote, heading,
	 * list, emphasis). The colon is required unless the label stands alone, so that
	 * "Answers vary" is not a label. No word boundaries: they misbehave next to CJK text.
	 */
	private static final Pattern ANSWER_LINE = Pattern.compile(
			"^[\\s>#*_`\\-]*(?:the\\s+)?(?:final\\s+answer|answer|最终答案|最終答案|答案|答え|正解)[\\s*_`]*(?::(.*)|$)",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	private AnswerExtraction() {
	}

	/** The content of the last balanced {@code \boxed{...}}, trimmed. */
	static Optional<String> lastBoxed(String text) {
		Matcher boxed = BOXED.matcher(text);
		int[] openings = boxed.results().mapToInt(match -> match.end() - 1).toArray();
		for (int i = openings.length - 1; i >= 0; i--) {
			int close = closingBrace(text, openings[i]);
			if (close > 0) {
				return Optional.of(text.substring(openings[i] + 1, close).strip());
			}
		}
		return Optional.empty();
	}

	/**
	 * The content of the last answer line, decoration stripped; empty if there is none.
	 */
	static Optional<String> lastAnswerLine(String text) {
		String[] lines = text.split("\n", -1);
		for (int i = lines.length - 1; i >= 0; i--) {
			Matcher label = ANSWER_LINE.matcher(lines[i]);
			if (!label.find()) {
				continue;
			}
			String content = (label.group(1) != null) ? AnswerText.stripDecoration(label.group(1)) : "";
			if (content.isEmpty()) {
				content = nextNonEmptyLine(lines, i + 1);
			}
			if (!content.isEmpty()) {
				return Optional.of(content);
			}
		}
		return Optional.empty();
	}

	/** Boxed, else answer line, else the whole text: for rules that read free text. */
	static String answerOrWholeText(String text) {
		return lastBoxed(text).or(() -> lastAnswerLine(text)).orElse(text.strip());
	}

	/** Boxed, else answer line, else the last non-empty line: for one-line answers. */
	static String answerOrLastLine(String text) {
		return lastBoxed(text).or(() -> lastAnswerLine(text)).orElseGet(() -> lastNonEmptyLine(text));
	}

	static String lastNonEmptyLine(String text) {
		String[] lines = text.split("\n");
		for (int i = lines.length - 1; i >= 0; i--) {
			if (!lines[i].isBlank()) {
				return lines[i].strip();
			}
		}
		return "";
	}

	private static String nextNonEmptyLine(String[] lines, int from) {
		for (int i = from; i < lines.length; i++) {
			String content = AnswerText.stripDecoration(lines[i]);
			if (!content.isEmpty()) {
				return content;
			}
		}
		return "";
	}

	/**
	 * Index of the brace closing the one at {@code open}, skipping escaped braces; -1 if
	 * none.
	 */
	private static int closingBrace(String text, int open) {
		int depth = 0;
		for (int i = open; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '{') {
				depth++;
			}
			else if (c == '}' && --depth == 0) {
				return i;
			}
		}
		return -1;
	}

}
