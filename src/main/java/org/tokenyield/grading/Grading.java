package org.tokenyield.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * Grades a run's final text under a rule. Pure and deterministic, so that changing a rule
 * can regrade stored answers without re-running anything. The answer extraction
 * conventions are those of {@link AnswerExtraction} and docs/grading.md. Never throws on
 * odd text: an answer that cannot be read scores 0.
 */
public final class Grading {

	private Grading() {
	}

	/**
	 * Grades the final answer text of a run under a non-judge rule.
	 * @throws IllegalArgumentException for a {@link JudgeRule}, which needs a
	 * {@link JudgeGrader} and its model call
	 */
	public static Grade grade(GradingRule rule, String finalText) {
		Reading reading = read(rule, finalText);
		return Grade.of(reading.correct(), reading.extracted());
	}

	/**
	 * A text that this rule grades as fully correct, when one can be derived; empty for
	 * regex (a pattern has no canonical match) and judge rules. The simulator plays a
	 * model with it.
	 */
	public static Optional<String> canonicalAnswer(GradingRule rule) {
		Objects.requireNonNull(rule, "rule");
		if (rule instanceof ExactRule exact) {
			return Optional.of(exact.expected());
		}
		if (rule instanceof NumericRule numeric) {
			return Optional.of(numeric.expected());
		}
		if (rule instanceof ChoiceRule choice) {
			return Optional.of(choice.expected());
		}
		if (rule instanceof ContainsRule contains) {
			List<String> terms = new ArrayList<>(contains.all());
			if (!contains.any().isEmpty()) {
				terms.add(contains.any().get(0));
			}
			return Optional.of(String.join(", ", terms));
		}
		if (rule instanceof JsonRule json) {
			return Optional.of(JsonAnswers.objectWithFields(json.required()));
		}
		return Optional.empty();
	}

	/**
	 * The normalized extracted answer, to compare answers between samples (majority
	 * voting): two answers that this rule reads the same way give the same text. Empty
	 * when no answer could be read. Judge rules are compared by their exact-normalized
	 * extracted answer.
	 */
	public static String normalizedAnswer(GradingRule rule, String finalText) {
		Objects.requireNonNull(rule, "rule");
		if (rule instanceof JudgeRule) {
			return AnswerText.comparable(AnswerExtraction.answerOrWholeText(AnswerText.fold(finalText)));
		}
		return read(rule, finalText).normalized();
	}

	/**
	 * The majority@k voting key of a graded run, computed when the run is graded and
	 * stored with it, so that no figure applies a rule: the extracted answer normalized
	 * by the rule ({@link #normalizedAnswer}), or, when the rule cannot read it,
	 * lower-cased with white space collapsed. Empty (never null) when the answer
	 * abstains.
	 */
	public static String votingKey(GradingRule rule, String extractedAnswer) {
		if (extractedAnswer == null || extractedAnswer.isBlank()) {
			return "";
		}
		String key = null;
		if (rule != null) {
			try {
				key = normalizedAnswer(rule, extractedAnswer);
			}
			catch (RuntimeException ex) {
				key = null;
			}
		}
		if (key == null) {
			key = plainVotingKey(extractedAnswer);
		}
		return key.length() > 2000 ? key.substring(0, 2000) : key;
	}

	/** The voting key without a rule: for answers graded before keys were stored. */
	public static String plainVotingKey(String extractedAnswer) {
		return extractedAnswer == null ? ""
				: extractedAnswer.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * How one rule read one answer: the verdict, what it looked at, and the voting key.
	 */
	private record Reading(boolean correct, String extracted, String normalized) {

		static Reading none() {
			return new Reading(false, "", "");
		}

	}

	private static Reading read(GradingRule rule, String finalText) {
		Objects.requireNonNull(rule, "rule");
		String text = AnswerText.fold(finalText);
		if (rule instanceof ExactRule exact) {
			return readExact(exact, text);
		}
		if (rule instanceof NumericRule numeric) {
			return readNumeric(numeric, text);
		}
		if (rule instanceof ChoiceRule choice) {
			return ChoiceAnswers.letter(text, choice.options())
				.map(letter -> new Reading(letter.equals(choice.expected()), letter, letter))
				.orElseGet(Reading::none);
		}
		if (rule instanceof RegexRule regex) {
			String answer = AnswerExtraction.answerOrWholeText(text);
			return RegexAnswers.find(regex, answer)
				.map(match -> new Reading(true, match, AnswerText.comparable(match)))
				.orElseGet(() -> new Reading(false, "", AnswerText.comparable(answer)));
		}
		if (rule instanceof ContainsRule contains) {
			return readContains(contains, text);
		}
		if (rule instanceof JsonRule json) {
			// The raw text: folding would change the values inside the object.
			return readJson(json, (finalText != null) ? finalText : "");
		}
		throw new IllegalArgumentException("a " + rule.type() + " rule is graded by the JudgeGrader");
	}

	private static Reading readExact(ExactRule rule, String text) {
		String answer = AnswerText.stripDecoration(AnswerExtraction.answerOrLastLine(text));
		String normalized = AnswerText.comparable(answer);
		return new Reading(!normalized.isEmpty() && normalized.equals(AnswerText.comparable(rule.expected())), answer,
				normalized);
	}

	/**
	 * A percent sign in the answer divides by 100 only when the expected value has none:
	 * with {@code expected "0.5"}, {@code 50%} is right; with {@code expected "50%"}
	 * numbers are compared as written, so {@code 50} and {@code 50%} are both right.
	 */
	private static Reading readNumeric(NumericRule rule, String text) {
		NumberReading.ReadNumber expected = NumberReading.readSingle(rule.expected()).orElseThrow();
		Optional<NumberReading.ReadNumber> found = NumberReading.last(AnswerExtraction.answerOrWholeText(text));
		if (found.isEmpty()) {
			return Reading.none();
		}
		NumberReading.ReadNumber answer = found.get();
		double value = (answer.percent() && !expected.percent()) ? answer.value() / 100 : answer.value();
		// Slack for floating-point rounding only; the rule's tolerance is absolute.
		double slack = 1e-12 * Math.max(1, Math.abs(expected.value()));
		boolean correct = Math.abs(value - expected.value()) <= rule.tolerance() + slack;
		return new Reading(correct, answer.text(), NumberReading.canonical(value));
	}

	private static Reading readContains(ContainsRule rule, String text) {
		String answer = AnswerExtraction.answerOrWholeText(text);
		String haystack = AnswerText.searchable(answer);
		boolean all = rule.all().stream().allMatch(term -> haystack.contains(AnswerText.searchable(term)));
		boolean any = rule.any().isEmpty()
				|| rule.any().stream().anyMatch(term -> haystack.contains(AnswerText.searchable(term)));
		return new Reading(all && any, answer, AnswerText.comparable(answer));
	}

	private static Reading readJson(JsonRule rule, String text) {
		Optional<JsonNode> object = JsonAnswers.firstObject(text);
		if (object.isEmpty()) {
			return Reading.none();
		}
		String canonical = JsonAnswers.canonical(object.get());
		boolean complete = rule.required().stream().allMatch(object.get()::has);
		return new Reading(complete, canonical, canonical);
	}

}
