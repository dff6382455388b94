package org.tokenyield.prompts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Duplicate detection: two prompts are the same when their normalized texts are equal.
 */
final class PromptText {

	private PromptText() {
	}

	/**
	 * NFKC (full-width and compatibility forms folded), case folded, white space
	 * collapsed.
	 */
	static String normalize(String text) {
		String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		return folded.strip().replaceAll("\\s+", " ");
	}

	static String hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(normalize(text).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
