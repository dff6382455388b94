package org.tokenyield.grading;

import java.util.Optional;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * Applies a regex rule. The pattern is searched ({@code find()}) in the extracted answer,
 * which is the whole text when no boxed answer or answer line exists. Matching runs over
 * text that a model wrote against a pattern that a member wrote, so it uses RE2/J, whose
 * time grows linearly with pattern and text (no backtracking: no lookaround, no
 * backreferences, which {@link RuleConstraints#checkPattern} refuses at submission). The
 * text is clipped to {@link #MAX_TEXT} characters, so one match costs at most pattern ×
 * 200,000 steps.
 */
final class RegexAnswers {

	static final int MAX_TEXT = 200_000;

	private RegexAnswers() {
	}

	/**
	 * The compiled pattern; only for patterns that {@link RuleConstraints#checkPattern}
	 * accepted.
	 */
	static Pattern compile(String pattern) {
		return Pattern.compile(pattern);
	}

	/** The matched text, or empty when the pattern is not found. */
	static Optional<String> find(RegexRule rule, String answer) {
		String text = answer.length() > MAX_TEXT ? answer.substring(0, MAX_TEXT) : answer;
		Matcher matcher = compile(rule.pattern()).matcher(text);
		return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
	}

}
