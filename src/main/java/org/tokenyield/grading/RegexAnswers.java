package org.tokenyield.grading;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a regex rule. The pattern is searched ({@code find()}) in the extracted answer, which
 * is the whole text when no boxed answer or answer line exists. Matching runs over text that a
 * model wrote against a pattern that a member wrote, so it is bounded: a pattern that
 * backtracks catastrophically scores 0 instead of stalling the grading worker.
 */
final class RegexAnswers {

	/** Character reads allowed per match: far above any sane pattern on a long answer. */
	static final long MAX_STEPS = 20_000_000L;

	private RegexAnswers() {
	}

	/** The matched text, or empty when the pattern is not found (or gives up). */
	static Optional<String> find(RegexRule rule, String answer) {
		Matcher matcher = Pattern.compile(rule.pattern()).matcher(new BoundedText(answer, MAX_STEPS));
		try {
			return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
		}
		catch (TooManyStepsException ex) {
			return Optional.empty();
		}
	}

	private static final class TooManyStepsException extends RuntimeException {

		TooManyStepsException() {
			super("regular expression took too many steps", null, false, false);
		}

	}

	/** Counts reads so that a runaway match stops; the regex engine has no timeout of its own. */
	private static final class BoundedText implements CharSequence {

		private final String text;

		private final long[] steps;

		private final long maxSteps;

		BoundedText(String text, long maxSteps) {
			this(text, new long[1], maxSteps);
		}

		private BoundedText(String text, long[] steps, long maxSteps) {
			this.text = text;
			this.steps = steps;
			this.maxSteps = maxSteps;
		}

		@Override
		public char charAt(int index) {
			if (++this.steps[0] > this.maxSteps) {
				throw new TooManyStepsException();
			}
			return this.text.charAt(index);
		}

		@Override
		public int length() {
			return this.text.length();
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			return new BoundedText(this.text.substring(start, end), this.steps, this.maxSteps);
		}

		@Override
		public String toString() {
			return this.text;
		}

	}

}
