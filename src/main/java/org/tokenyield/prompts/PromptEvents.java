package org.tokenyield.prompts;

/** What moderation tells other features. */
public final class PromptEvents {

	private PromptEvents() {
	}

	/** A prompt entered the benchmark: run it on every active version. */
	public record PromptApproved(long promptId) {
	}

	/**
	 * A prompt's grading rule changed: regrade its stored answers without calling any
	 * model.
	 */
	public record GradingRuleChanged(long promptId) {
	}

}
