package org.tokenyield.analytics.calc;

import java.util.Locale;

/**
 * The offline tokenizer a model family counts text with (docs/methodology-notes.md
 * "Unseen tokens"), or null when none of the shipped vocabularies is the family's.
 * OpenAI's models use {@code o200k_base}; Anthropic's the published Claude vocabulary
 * ({@code claude2}, approximate for Claude 3 and later, docs/tokenizers.md); Llama 3 and
 * Qwen models their own open vocabularies. Gemini and other families have no shipped
 * tokenizer: their unseen tokens are not available.
 */
public final class FamilyTokenizer {

	private FamilyTokenizer() {
	}

	public static String encodingOf(String provider, String family, String apiModel) {
		if ("openai".equals(provider)) {
			return "o200k_base";
		}
		if ("anthropic".equals(provider)) {
			return "claude2";
		}
		// OpenAI-compatible endpoints and imports: by the names the version carries
		String names = ((family == null ? "" : family) + " " + (apiModel == null ? "" : apiModel))
			.toLowerCase(Locale.ROOT);
		if (names.contains("llama")) {
			return "llama3";
		}
		if (names.contains("qwen")) {
			return "qwen3";
		}
		if (names.contains("claude")) {
			return "claude2";
		}
		if (names.contains("gpt") || names.matches("(^|.*[\\s/])o[134](-.*|\\s.*|$)")) {
			return "o200k_base";
		}
		return null;
	}

}
