package org.tokenyield.providers.gemini;

import java.time.Duration;

import org.tokenyield.providers.FinishReason;
import org.tokenyield.providers.ProviderException;
import org.tokenyield.providers.Usage;
import org.tokenyield.providers.http.Json;
import org.tokenyield.providers.http.ProviderFailures;
import org.tokenyield.providers.http.ProviderHttp;
import org.tokenyield.providers.http.ReplyHeaders;

import tools.jackson.databind.JsonNode;

/**
 * Reading what the Gemini API answers: usage, finish reason and error bodies.
 *
 * <p>
 * Usage follows the proto3 JSON mapping, which omits zero counts: an absent
 * {@code thoughtsTokenCount}, {@code candidatesTokenCount} or
 * {@code cachedContentTokenCount} is 0, so reasoning is always reported (0 when the model
 * did not think).
 */
final class GeminiReplies {

	private static final String NAME = GeminiProvider.NAME;

	private GeminiReplies() {
	}

	static Usage usage(JsonNode root, int status) throws ProviderException {
		JsonNode u = root.get("usageMetadata");
		if (u == null || !u.isObject()) {
			throw Json.malformed(NAME, status, "missing usageMetadata");
		}
		long prompt = orZero(Json.optionalCount(NAME, status, u, "promptTokenCount", "usageMetadata.promptTokenCount"));
		long cached = orZero(Json.optionalCount(NAME, status, u, "cachedContentTokenCount",
				"usageMetadata.cachedContentTokenCount"));
		long candidates = orZero(
				Json.optionalCount(NAME, status, u, "candidatesTokenCount", "usageMetadata.candidatesTokenCount"));
		long thoughts = orZero(
				Json.optionalCount(NAME, status, u, "thoughtsTokenCount", "usageMetadata.thoughtsTokenCount"));
		return Json.usage(NAME, status, prompt, cached, null, candidates + thoughts, thoughts);
	}

	private static long orZero(Long value) {
		return value == null ? 0 : value;
	}

	/** The answer text of a candidate: its parts, thought parts left out. */
	static String text(JsonNode candidate) {
		StringBuilder text = new StringBuilder();
		JsonNode parts = candidate.path("content").path("parts");
		if (parts.isArray()) {
			for (JsonNode part : parts) {
				boolean thought = part.path("thought").asBoolean(false);
				String t = Json.text(part, "text");
				if (!thought && t != null) {
					text.append(t);
				}
			}
		}
		return text.toString();
	}

	/**
	 * {@link FinishReason}'s table: STOP → stop; MAX_TOKENS → length; SAFETY, RECITATION,
	 * PROHIBITED_CONTENT and other blocks → refusal; none or anything else → error.
	 */
	static String finishReason(String reason) {
		return FinishReason.of(reason).orElse(FinishReason.ERROR);
	}

	/**
	 * {@code {"error": {"code", "message", "status", "details"}}}; a RetryInfo delay
	 * stands in for retry-after.
	 */
	static ProviderException failure(ProviderHttp.Response response) {
		JsonNode root = Json.tryParse(response.body());
		JsonNode error = root == null ? null : root.get("error");
		String message;
		Duration retryAfter = response.retryAfter();
		if (error != null && error.isObject()) {
			String status = Json.text(error, "status");
			String msg = Json.text(error, "message");
			message = (status == null ? "" : status + ": ")
					+ (msg == null ? ProviderFailures.snippet(response.body()) : msg);
			if (retryAfter == null && error.path("details").isArray()) {
				for (JsonNode detail : error.get("details")) {
					String type = Json.text(detail, "@type");
					if (type != null && type.endsWith("google.rpc.RetryInfo")) {
						retryAfter = ReplyHeaders.parseGoDuration(Json.text(detail, "retryDelay"));
					}
				}
			}
		}
		else {
			message = ProviderFailures.snippet(response.body());
		}
		return ProviderFailures.failure(NAME, response.status(), message, retryAfter, false);
	}

}
