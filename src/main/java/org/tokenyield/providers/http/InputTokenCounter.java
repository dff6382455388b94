package org.tokenyield.providers.http;

import org.tokenyield.providers.ProviderException;

/**
 * Counts the input tokens of a prompt with the provider's own tokenizer, without
 * inference (Anthropic {@code count_tokens}, Gemini {@code countTokens}): the input drift
 * of a new model version measured for free.
 */
public interface InputTokenCounter {

	/** The provider's name, as {@link org.tokenyield.providers.ModelProvider#name()}. */
	String name();

	long countInputTokens(String apiModel, String text) throws ProviderException;

}
