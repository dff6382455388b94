package org.tokenyield.imports.formats;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/** What the harness formats read alike: texts, counts, times, model names, prompts. */
final class LogFields {

	private static final Pattern MODEL = Pattern.compile("[a-z0-9][a-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.:-]*");

	private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9-]{0,31}");

	private LogFields() {
	}

	/** The text at {@code field}, null when absent or not a string. */
	static String text(JsonNode node, String field) {
		JsonNode v = node == null ? null : node.get(field);
		return v != null && v.isString() ? v.asString() : null;
	}

	/**
	 * A count at {@code field}: null when absent; a number that is not one is an error.
	 */
	static Long count(JsonNode node, String field, String name) throws SampleError {
		JsonNode v = node == null ? null : node.get(field);
		if (v == null || v.isNull() || v.isMissingNode()) {
			return null;
		}
		if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
			throw new SampleError(name + ": must be a whole number >= 0");
		}
		return v.asLong();
	}

	static Long plus(Long a, Long b) {
		return a == null ? b : b == null ? a : Long.valueOf(a + b);
	}

	/** Seconds as a harness reports them, in whole milliseconds; null when absent. */
	static Long millis(JsonNode seconds) {
		if (seconds == null || !seconds.isNumber() || seconds.asDouble() < 0) {
			return null;
		}
		return Math.round(seconds.asDouble() * 1000);
	}

	/**
	 * An instant as harnesses write them: ISO-8601 with an offset, or Python's
	 * {@code str(datetime)} ("2024-03-01 12:00:00.123456+00:00", UTC when it has no
	 * offset); null when there is none or it cannot be read.
	 */
	static Instant instant(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String iso = text.strip().replace(' ', 'T');
		try {
			return OffsetDateTime.parse(iso).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException again) {
				return null;
			}
		}
	}

	/**
	 * A harness's model name as a catalog key, {@code provider/model}: the provider in
	 * lower case; separators after the first ({@code openrouter/meta-llama/llama-3},
	 * promptfoo's {@code openai:chat:gpt-4o}) become one model name. Null when the name
	 * cannot be one.
	 */
	static String modelKey(String provider, String model) {
		if (provider == null || model == null || provider.isBlank() || model.isBlank()) {
			return null;
		}
		String key = provider.strip().toLowerCase(Locale.ROOT) + "/" + model.strip().replace('/', ':');
		return MODEL.matcher(key).matches() && key.length() <= 160 ? key : null;
	}

	/** Inspect's and OpenAI Evals' {@code provider/model} names. */
	static String modelKey(String slashed) {
		if (slashed == null) {
			return null;
		}
		int slash = slashed.indexOf('/');
		return slash < 0 ? null : modelKey(slashed.substring(0, slash), slashed.substring(slash + 1));
	}

	/** A task's name as a category slug, or {@code imported} when it cannot be one. */
	static String category(String name) {
		if (name == null) {
			return "imported";
		}
		String slug = name.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
		return CATEGORY.matcher(slug).matches() ? slug : "imported";
	}

	/**
	 * A prompt's text from a harness's input: the text itself, or the texts of a list of
	 * chat messages (each message's content, or the text parts of it), one paragraph
	 * each. Null when there is no text.
	 */
	static String promptText(JsonNode input) {
		if (input == null || input.isNull()) {
			return null;
		}
		if (input.isString()) {
			return input.asString().isBlank() ? null : input.asString();
		}
		if (!input.isArray()) {
			return null;
		}
		List<String> parts = new ArrayList<>();
		for (JsonNode message : input) {
			JsonNode content = message.isString() ? message : message.get("content");
			if (content == null) {
				continue;
			}
			if (content.isString()) {
				parts.add(content.asString());
			}
			else if (content.isArray()) {
				for (JsonNode part : content) {
					if (part.isString()) {
						parts.add(part.asString());
					}
					else if (text(part, "text") != null) {
						parts.add(text(part, "text"));
					}
				}
			}
		}
		String text = String.join("\n\n", parts);
		return text.isBlank() ? null : text;
	}

	/**
	 * A prompt key made from the prompt's text: the same text is the same prompt in every
	 * file, and a prompt this instance already has is found by its text.
	 */
	static String promptKey(String text) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return "text:" + HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Effort or thinking budget from a generation config; {@code default} without. */
	static String setting(JsonNode config) {
		if (config == null || !config.isObject()) {
			return "default";
		}
		JsonNode tokens = config.get("reasoning_tokens");
		if (tokens != null && tokens.isIntegralNumber()) {
			return "thinking:" + tokens.asLong();
		}
		String effort = text(config, "reasoning_effort");
		if (effort != null) {
			return "effort:" + effort.toLowerCase(Locale.ROOT);
		}
		return "default";
	}

}
