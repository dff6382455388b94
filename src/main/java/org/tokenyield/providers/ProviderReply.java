package org.tokenyield.providers;

import java.util.Map;

/**
 * The reply of one call.
 *
 * @param text the final answer text (thinking excluded); null for the tokenizer provider
 * @param finishReason normalized ({@link FinishReason}): {@code stop}, {@code length},
 * {@code refusal}, {@code error}
 * @param requestBody what was sent, kept for the reproduction bundle
 * @param rawBody the response body as received
 * @param headers rate-limit and request-id headers as received (never the key)
 */
public record ProviderReply(String text, Usage usage, String finishReason, long latencyMs, String requestBody,
		String rawBody, Map<String, String> headers) {

	public ProviderReply {
		if (usage == null) {
			throw new IllegalArgumentException("usage is required");
		}
		headers = headers == null ? Map.of() : Map.copyOf(headers);
	}

}
