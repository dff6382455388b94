package org.tokenyield.providers.http;

import org.tokenyield.providers.ProviderException;
import org.tokenyield.providers.Usage;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON helpers for request bodies and for reading replies strictly. */
public final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	public static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

	public static String write(JsonNode node) {
		return MAPPER.writeValueAsString(node);
	}

	/**
	 * Parses a body that should be JSON; null when it is not (error bodies may be HTML).
	 */
	public static JsonNode tryParse(String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			JsonNode node = MAPPER.readTree(body);
			return node != null && node.isObject() ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Parses the body of a 2xx reply; a broken one is a final failure saying what was
	 * wrong.
	 */
	public static JsonNode parseReply(String provider, int status, String body) throws ProviderException {
		if (body == null || body.isBlank()) {
			throw malformed(provider, status, "empty body");
		}
		try {
			JsonNode node = MAPPER.readTree(body);
			if (node == null || !node.isObject()) {
				throw malformed(provider, status, "expected a JSON object, got " + snippet(body));
			}
			return node;
		}
		catch (JacksonException ex) {
			throw malformed(provider, status, "not JSON (" + ex.getOriginalMessage() + "): " + snippet(body));
		}
	}

	public static ProviderException malformed(String provider, int status, String what) {
		return ProviderException.fatal(provider + ": malformed reply after HTTP " + status + ": " + what, status);
	}

	/** A required non-negative integer field. */
	public static long requiredCount(String provider, int status, JsonNode parent, String field, String path)
			throws ProviderException {
		JsonNode n = parent == null ? null : parent.get(field);
		if (n == null || n.isNull()) {
			throw malformed(provider, status, "missing " + path);
		}
		if (!n.isIntegralNumber() || n.asLong() < 0) {
			throw malformed(provider, status, path + " is not a non-negative integer: " + n);
		}
		return n.asLong();
	}

	/** An optional non-negative integer field: null when absent or null. */
	public static Long optionalCount(String provider, int status, JsonNode parent, String field, String path)
			throws ProviderException {
		JsonNode n = parent == null ? null : parent.get(field);
		if (n == null || n.isNull() || n.isMissingNode()) {
			return null;
		}
		if (!n.isIntegralNumber() || n.asLong() < 0) {
			throw malformed(provider, status, path + " is not a non-negative integer: " + n);
		}
		return n.asLong();
	}

	/**
	 * Builds the usage, turning an inconsistent one (reasoning above output...) into a
	 * final failure.
	 */
	public static Usage usage(String provider, int status, long input, Long cached, Long cacheWrite, Long output,
			Long reasoning) throws ProviderException {
		try {
			return new Usage(input, cached, cacheWrite, output, reasoning);
		}
		catch (IllegalArgumentException ex) {
			throw malformed(provider, status, "inconsistent usage: " + ex.getMessage());
		}
	}

	public static String snippet(String body) {
		return ProviderFailures.snippet(body);
	}

	/** A string field or null. */
	public static String text(JsonNode parent, String field) {
		JsonNode n = parent == null ? null : parent.get(field);
		return n != null && n.isString() ? n.stringValue() : null;
	}

}
