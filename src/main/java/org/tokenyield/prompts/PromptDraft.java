package org.tokenyield.prompts;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A submission ({@code POST /api/v1/prompts} and the submit form). The text limit is
 * documented in the README: 20,000 characters.
 */
public record PromptDraft(@NotBlank @Size(max = PromptDraft.MAX_TITLE, message = "{text.at-most}") String title,
		@NotBlank @Size(max = PromptDraft.MAX_TEXT, message = "{text.at-most}") String text,
		@NotBlank @Size(max = PromptDraft.MAX_CATEGORY, message = "{text.at-most}") String category,
		@NotNull(message = "is required") Map<String, Object> grader) {

	/**
	 * The limits of a title, a text and a category name (the submit form declares the
	 * same).
	 */
	public static final int MAX_TITLE = 200;

	public static final int MAX_TEXT = 20_000;

	public static final int MAX_CATEGORY = 32;

}
