package org.tokenyield.grading;

/**
 * The judge replied without a usable {@code SCORE:} line. The caller records the run as a
 * grading failure; the tokens the judge spent are kept here because they were paid for
 * anyway.
 */
public class UnreadableJudgeReplyException extends RuntimeException {

	private static final int QUOTED_REPLY = 200;

	private final String reply;

	private final long judgeInputTokens;

	private final long judgeOutputTokens;

	public UnreadableJudgeReplyException(String reason, String reply, long judgeInputTokens, long judgeOutputTokens) {
		super(reason + "; the judge replied: " + quote(reply));
		this.reply = reply;
		this.judgeInputTokens = judgeInputTokens;
		this.judgeOutputTokens = judgeOutputTokens;
	}

	public String reply() {
		return this.reply;
	}

	public long judgeInputTokens() {
		return this.judgeInputTokens;
	}

	public long judgeOutputTokens() {
		return this.judgeOutputTokens;
	}

	private static String quote(String reply) {
		if (reply == null) {
			return "(nothing)";
		}
		String oneLine = reply.strip().replaceAll("\\s+", " ");
		return "\"" + ((oneLine.length() > QUOTED_REPLY) ? "..." + oneLine.substring(oneLine.length() - QUOTED_REPLY)
				: oneLine) + "\"";
	}

}
