package org.tokenyield.grading;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads which option letter (A to J) an answer names. Recognised: {@code B}, {@code (B)},
 * {@code B)}, {@code [B]}, {@code **B**}, {@code B) Paris}, {@code Answer: B},
 * {@code The answer is B.}, {@code \boxed{B}}, or the text of exactly one option.
 */
final class ChoiceAnswers {

	/** The whole answer is a letter, possibly bracketed or followed by punctuation. */
	private static final Pattern LONE_LETTER = Pattern.compile("^[(\\[]?\\s*([A-Ja-j])\\s*[)\\].:]?$");

	/**
	 * A letter label followed by the option's text: {@code B) Paris}, {@code (B) Paris}.
	 */
	private static final Pattern LABELLED_OPTION = Pattern.compile("^[(\\[]?([A-J])[)\\].:]\\s+\\S.*$");

	/**
	 * A letter named in a phrase; the letter must be upper case and stand alone, so the
	 * article in "the answer is a cat" is not read as option A.
	 */
	private static final Pattern NAMED_IN_PHRASE = Pattern.compile("(?:(?i:answer|option|choice)|答案|选项|選項|正解|答え)"
			+ "(?:\\s*(?i:is|would\\s+be|should\\s+be|=)|\\s*:|\\s*是|\\s*は)?"
			+ "\\s*[*_`\\s]*[(\\[]?([A-J])(?![A-Za-z0-9'’])");

	private static final Pattern BRACKETED_LETTER = Pattern.compile("[(\\[]([A-J])[)\\]]");

	private ChoiceAnswers() {
	}

	/** The letter, upper case, or empty when the answer names none (or more than one). */
	static Optional<String> letter(String foldedText, List<String> options) {
		String answer = AnswerText.stripDecoration(AnswerExtraction.answerOrLastLine(foldedText));
		Matcher lone = LONE_LETTER.matcher(answer);
		if (lone.matches()) {
			return Optional.of(lone.group(1).toUpperCase(java.util.Locale.ROOT));
		}
		Matcher labelled = LABELLED_OPTION.matcher(answer);
		if (labelled.matches()) {
			return Optional.of(labelled.group(1));
		}
		Optional<String> byText = byOptionText(answer, options);
		if (byText.isPresent()) {
			return byText;
		}
		Optional<String> named = lastMatch(NAMED_IN_PHRASE, answer).or(() -> lastMatch(NAMED_IN_PHRASE, foldedText));
		if (named.isPresent()) {
			return named;
		}
		return soleBracketedLetter(answer);
	}

	private static Optional<String> byOptionText(String answer, List<String> options) {
		String wanted = AnswerText.comparable(answer);
		String match = null;
		for (int i = 0; i < options.size(); i++) {
			if (AnswerText.comparable(options.get(i)).equals(wanted)) {
				if (match != null) {
					return Optional.empty();
				}
				match = String.valueOf((char) ('A' + i));
			}
		}
		return Optional.ofNullable(match);
	}

	private static Optional<String> lastMatch(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		String letter = null;
		while (matcher.find()) {
			letter = matcher.group(1);
		}
		return Optional.ofNullable(letter);
	}

	/** "I would go with (C) here": one bracketed letter, and only one distinct. */
	private static Optional<String> soleBracketedLetter(String answer) {
		List<String> letters = BRACKETED_LETTER.matcher(answer)
			.results()
			.map(match -> match.group(1))
			.distinct()
			.toList();
		return (letters.size() == 1) ? Optional.of(letters.get(0)) : Optional.empty();
	}

}
