package org.tokenyield.prompts;

import java.util.Map;

/**
 * One entry of {@code starter/prompts.json}: prompts written for this project, loaded on
 * first start.
 */
record StarterPrompt(String key, String title, String text, String category, String difficulty,
		Map<String, Object> grader) {
}
