package org.tokenyield.providers.openai;

import java.time.Duration;

import org.tokenyield.providers.ProviderException;
import org.tokenyield.providers.http.Json;
import org.tokenyield.providers.http.ProviderFailures;
import org.tokenyield.providers.http.ProviderHttp;
import org.tokenyield.providers.http.ReplyHeaders;

import tools.jackson.databind.JsonNode;

/**
 * OpenAI's error body {@code {"error": {"message", "type", "param", "code"}}}, also
 * spoken by most OpenAI-compatible servers. A 429 with {@code insufficient_quota} is
 * final (money, not time, fixes it). Without {@code retry-after}, the longer of
 * {@code x-ratelimit-reset-requests} and {@code x-ratelimit-reset-tokens} (durations like
 * {@code 6m0s}) is the wait.
 */
public final class OpenAiErrors {

	private OpenAiErrors() {
	}

	public static ProviderException failure(String provider, ProviderHttp.Response response) {
		JsonNode root = Json.tryParse(response.body());
		JsonNode error = root == null ? null : root.get("error");
		String message;
		boolean quotaExhausted = false;
		if (error != null && error.isObject()) {
			String code = Json.text(error, "code");
			String type = Json.text(error, "type");
			String msg = Json.text(error, "message");
			quotaExhausted = "insufficient_quota".equals(code) || "insufficient_quota".equals(type);
			String label = code != null ? code : type;
			message = (label == null ? "" : label + ": ")
					+ (msg == null ? ProviderFailures.snippet(response.body()) : msg);
		}
		else if (error != null && error.isString()) {
			message = error.stringValue(); // Ollama: {"error": "model 'x' not found"}
		}
		else if (root != null && Json.text(root, "message") != null) {
			message = Json.text(root, "message"); // vLLM: {"object": "error", "message":
													// ...}
		}
		else {
			message = ProviderFailures.snippet(response.body());
		}
		return ProviderFailures.failure(provider, response.status(), message, retryAfter(response), quotaExhausted);
	}

	static Duration retryAfter(ProviderHttp.Response response) {
		Duration retryAfter = response.retryAfter();
		if (retryAfter != null || response.status() != 429) {
			return retryAfter;
		}
		Duration requests = ReplyHeaders.parseGoDuration(response.headers().get("x-ratelimit-reset-requests"));
		Duration tokens = ReplyHeaders.parseGoDuration(response.headers().get("x-ratelimit-reset-tokens"));
		if (requests == null) {
			return tokens;
		}
		if (tokens == null) {
			return requests;
		}
		return requests.compareTo(tokens) >= 0 ? requests : tokens;
	}

}
