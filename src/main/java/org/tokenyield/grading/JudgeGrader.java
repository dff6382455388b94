package org.tokenyield.grading;

import java.util.Objects;

/**
 * Grades an answer with an LLM judge and a rubric. The judge's tokens come back beside
 * the grade, never mixed into the model's. A blank answer scores 0 without asking the
 * judge: there is nothing to judge and no reason to pay for it.
 */
public final class JudgeGrader {

	private final JudgeClient client;

	public JudgeGrader(JudgeClient client) {
		this.client = Objects.requireNonNull(client, "client");
	}

	/**
	 * @throws UnreadableJudgeReplyException when the reply carries no score in range; the
	 * caller records a grading failure (with the judge's tokens) rather than a score
	 */
	public JudgedGrade grade(JudgeRule rule, String promptText, String finalText) {
		Objects.requireNonNull(rule, "rule");
		String answer = AnswerExtraction.answerOrWholeText(AnswerText.fold(finalText));
		if (finalText == null || finalText.isBlank()) {
			return new JudgedGrade(new Grade(0, ""), 0, 0);
		}
		JudgeReply reply = this.client.ask(JudgePrompt.build(rule.rubric(), promptText, finalText));
		if (reply == null) {
			throw new UnreadableJudgeReplyException("the judge gave no reply", null, 0, 0);
		}
		double score = JudgeScore.read(reply.text())
			.orElseThrow(() -> new UnreadableJudgeReplyException(
					"the judge's reply has no final line 'SCORE: N' with N from 0 to 10", reply.text(),
					reply.inputTokens(), reply.outputTokens()));
		return new JudgedGrade(new Grade(score, answer), reply.inputTokens(), reply.outputTokens());
	}

}
