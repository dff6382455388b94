package org.tokenyield.providers.offline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import com.knuddels.jtokkit.api.GptBytePairEncodingParams;

/**
 * A published byte-pair vocabulary of another model family, shipped as a resource and
 * counted through jtokkit's custom encodings (docs/tokenizers.md: where each file comes
 * from, its licence, and how it was converted). Each is counted exactly as the family's
 * own tokenizer counts ordinary text: the family's Unicode normalisation first (none, NFC
 * or NFKC), then its pre-tokenizing pattern, then byte-pair merges by rank.
 *
 * @param name the {@code api_model} of the catalog row ({@code tokenizer/<name>})
 * @param resource the gzipped rank file on the classpath, one {@code base64-token rank} a
 * line
 * @param pattern the family's pre-tokenizing regular expression
 * @param normalization the normalisation the family applies before splitting, or empty
 */
record OpenVocabulary(String name, String resource, String pattern, Optional<Normalizer.Form> normalization) {

	/** Llama 3 and 3.x: the tiktoken-style split with digits in groups of up to three. */
	static final OpenVocabulary LLAMA3 = new OpenVocabulary("llama3", "tokenizers/llama3.tiktoken.gz",
			"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
					+ "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
			Optional.empty());

	/**
	 * Qwen2, 2.5 and 3 share this vocabulary: every digit is its own piece; NFC first.
	 */
	static final OpenVocabulary QWEN3 = new OpenVocabulary("qwen3", "tokenizers/qwen3.tiktoken.gz",
			"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
					+ "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
			Optional.of(Normalizer.Form.NFC));

	/**
	 * The tokenizer Anthropic published for its pre-Claude-3 models: GPT-2's split and
	 * NFKC first. Anthropic says it is only an approximation for Claude 3 and later.
	 */
	static final OpenVocabulary CLAUDE2 = new OpenVocabulary("claude2", "tokenizers/claude2.tiktoken.gz",
			"'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
			Optional.of(Normalizer.Form.NFKC));

	static final List<OpenVocabulary> ALL = List.of(LLAMA3, QWEN3, CLAUDE2);

	static Optional<OpenVocabulary> named(String name) {
		return ALL.stream().filter(v -> v.name.equals(name)).findFirst();
	}

	/** The text as the family's tokenizer sees it. */
	String normalize(String text) {
		return this.normalization.map(form -> Normalizer.normalize(text, form)).orElse(text);
	}

	/**
	 * The jtokkit parameters: ranks read from the resource, and the pattern compiled with
	 * Unicode classes so that {@code \s} means what it means in the families' own (Rust
	 * and Python) regular expressions. No special tokens: prompt text is counted as
	 * ordinary text.
	 */
	GptBytePairEncodingParams params() {
		return new GptBytePairEncodingParams(this.name, Pattern.compile(this.pattern, Pattern.UNICODE_CHARACTER_CLASS),
				ranks(), Map.of());
	}

	private Map<byte[], Integer> ranks() {
		InputStream raw = OpenVocabulary.class.getClassLoader().getResourceAsStream(this.resource);
		if (raw == null) {
			throw new IllegalStateException("Missing tokenizer resource " + this.resource);
		}
		Map<byte[], Integer> ranks = new HashMap<>(200_000);
		Base64.Decoder base64 = Base64.getDecoder();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII))) {
			String line;
			while ((line = lines.readLine()) != null) {
				int space = line.indexOf(' ');
				if (space > 0) {
					ranks.put(base64.decode(line.substring(0, space)), Integer.parseInt(line.substring(space + 1)));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Unreadable tokenizer resource " + this.resource, ex);
		}
		return ranks;
	}

}
