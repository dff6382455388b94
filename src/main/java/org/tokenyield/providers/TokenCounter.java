package org.tokenyield.providers;

/**
 * Counts the tokens of a text with one of the offline encodings (docs/tokenizers.md):
 * OpenAI's that ship inside jtokkit and the open vocabularies of other families. Figures
 * use it to count a visible answer again as its family's tokenizer would.
 */
public interface TokenCounter {

	/**
	 * The tokens of {@code text} as ordinary text under {@code encoding} (one of the
	 * tokenizer provider's encodings, e.g. {@code o200k_base}, {@code claude2}).
	 */
	int count(String encoding, String text);

}
