package org.tokenyield.grading;

/**
 * The judge model's reply and what it cost, kept so that judge tokens are recorded apart
 * from the graded model's.
 */
public record JudgeReply(String text, long inputTokens, long outputTokens) {

	public JudgeReply {
		if (inputTokens < 0 || outputTokens < 0) {
			throw new IllegalArgumentException("token counts must be >= 0");
		}
	}

}
