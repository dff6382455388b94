package org.tokenyield.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the JSON object an answer gives: the first object inside a code fence
 * ({@code ```json ... ```} or a plain fence), else the first balanced {@code {...}} in
 * the text that parses. Strict JSON: single quotes, comments or trailing commas make it
 * invalid, because a consumer of the answer would reject them too.
 */
final class JsonAnswers {

	private static final Pattern FENCE = Pattern.compile("```[A-Za-z0-9_-]*[^\\S\\n]*\\n(.*?)```", Pattern.DOTALL);

	/** Bounds the work on text full of braces that never parse. */
	private static final int MAX_ATTEMPTS = 200;

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private JsonAnswers() {
	}

	/** The first JSON object in the text. */
	static Optional<JsonNode> firstObject(String text) {
		List<String> places = new ArrayList<>();
		Matcher fences = FENCE.matcher(text);
		while (fences.find()) {
			places.add(fences.group(1));
		}
		places.add(text);
		int attempts = 0;
		for (String place : places) {
			for (int open = place.indexOf('{'); open >= 0
					&& attempts < MAX_ATTEMPTS; open = place.indexOf('{', open + 1)) {
				attempts++;
				int close = closingBrace(place, open);
				if (close < 0) {
					continue;
				}
				Optional<JsonNode> object = parseObject(place.substring(open, close + 1));
				if (object.isPresent()) {
					return object;
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * Compact JSON with keys sorted at every level, so equal objects compare equal as
	 * text.
	 */
	static String canonical(JsonNode object) {
		return MAPPER.writeValueAsString(MAPPER.treeToValue(object, Object.class));
	}

	/**
	 * An object with every field set to null: the smallest answer a json rule accepts.
	 */
	static String objectWithFields(List<String> fields) {
		var object = MAPPER.createObjectNode();
		fields.forEach(object::putNull);
		return MAPPER.writeValueAsString(object);
	}

	private static Optional<JsonNode> parseObject(String candidate) {
		try {
			JsonNode node = MAPPER.readTree(candidate);
			return (node != null && node.isObject()) ? Optional.of(node) : Optional.empty();
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The brace closing the one at {@code open}, honouring JSON strings; -1 if
	 * unbalanced.
	 */
	private static int closingBrace(String text, int open) {
		int depth = 0;
		boolean inString = false;
		for (int i = open; i < text.length(); i++) {
			char c = text.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (c == '"') {
				inString = true;
			}
			else if (c == '{') {
				depth++;
			}
			else if (c == '}' && --depth == 0) {
				return i;
			}
		}
		return -1;
	}

}
