package org.tokenyield.prompts;

import java.time.Instant;
import java.util.Map;

/** A prompt as pages, the API and other features see it. */
public record PromptView(long id, String key, String title, String text, String category, String difficulty,
		Map<String, Object> grader, PromptStatus status, String rejectReason, Long authorId, String author,
		String source, Long mergedInto, Instant createdAt, Instant approvedAt) {
}
