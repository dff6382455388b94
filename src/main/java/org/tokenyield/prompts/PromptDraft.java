package org.tokenyield.prompts;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A submission ({@code POST /api/v1/prompts} and the submit form). The text limit is documented
 * in the README: 20,000 characters.
 */
public record PromptDraft(@NotBlank @Size(max = 200) String title,
		@NotBlank @Size(max = PromptText.MAX_LENGTH, message = "must be at most 20000 characters") String text,
		@NotBlank @Size(max = 32) String category, @NotNull(message = "is required") Map<String, Object> grader) {
}
