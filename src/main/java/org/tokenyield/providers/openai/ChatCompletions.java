package org.tokenyield.providers.openai;

import org.tokenyield.providers.FinishReason;
import org.tokenyield.providers.ProviderException;
import org.tokenyield.providers.Usage;
import org.tokenyield.providers.http.Json;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Chat Completions wire format ({@code POST .../chat/completions}), shared by
 * OpenAI's older models and every OpenAI-compatible server. Every {@code *_details}
 * object is optional; reasoning text under {@code reasoning} or {@code reasoning_content}
 * is never the answer; {@code completion_tokens} includes thinking.
 */
public final class ChatCompletions {

	private ChatCompletions() {
	}

	/** What a reply says, normalized. */
	public record Parsed(String text, Usage usage, String finishReason) {
	}

	/**
	 * @param maxTokensField {@code max_completion_tokens} (OpenAI) or {@code max_tokens}
	 * (compat servers, which do not all know the newer name)
	 * @param effort {@code reasoning_effort}, or null to send none
	 */
	public static ObjectNode requestBody(String apiModel, String prompt, String maxTokensField, int maxTokens,
			String effort) {
		ObjectNode req = Json.object();
		req.put("model", apiModel);
		req.putArray("messages").addObject().put("role", "user").put("content", prompt);
		req.put(maxTokensField, maxTokens);
		if (effort != null) {
			req.put("reasoning_effort", effort);
		}
		return req;
	}

	public static Parsed parse(String provider, int status, JsonNode root) throws ProviderException {
		JsonNode u = root.get("usage");
		if (u == null || !u.isObject()) {
			throw Json.malformed(provider, status, "missing usage");
		}
		long prompt = Json.requiredCount(provider, status, u, "prompt_tokens", "usage.prompt_tokens");
		long completion = Json.requiredCount(provider, status, u, "completion_tokens", "usage.completion_tokens");
		Long cached = Json.optionalCount(provider, status, u.get("prompt_tokens_details"), "cached_tokens",
				"usage.prompt_tokens_details.cached_tokens");
		Long reasoning = Json.optionalCount(provider, status, u.get("completion_tokens_details"), "reasoning_tokens",
				"usage.completion_tokens_details.reasoning_tokens");
		Usage usage = Json.usage(provider, status, prompt, cached, null, completion, reasoning);
		try {
			return parseAnswer(provider, status, root, usage);
		}
		catch (ProviderException ex) {
			throw ex.billed(usage); // the reply reported its usage: the call was billed
		}
	}

	private static Parsed parseAnswer(String provider, int status, JsonNode root, Usage usage)
			throws ProviderException {
		JsonNode choices = root.get("choices");
		if (choices == null || !choices.isArray() || choices.isEmpty()) {
			throw Json.malformed(provider, status, "missing choices");
		}
		JsonNode choice = choices.get(0);
		JsonNode message = choice.get("message");
		if (message == null || !message.isObject()) {
			throw Json.malformed(provider, status, "missing choices[0].message");
		}
		String text = content(message.get("content"));
		String refusal = Json.text(message, "refusal");
		String finish = finishReason(Json.text(choice, "finish_reason"));
		if (refusal != null && !refusal.isEmpty()) {
			finish = "refusal";
		}
		return new Parsed(text, usage, finish);
	}

	/**
	 * The answer: a string, or the text parts of an array some servers send; never
	 * reasoning text.
	 */
	private static String content(JsonNode content) {
		if (content == null || content.isNull()) {
			return "";
		}
		if (content.isString()) {
			return content.stringValue();
		}
		StringBuilder text = new StringBuilder();
		if (content.isArray()) {
			for (JsonNode part : content) {
				if ("text".equals(Json.text(part, "type")) && Json.text(part, "text") != null) {
					text.append(Json.text(part, "text"));
				}
			}
		}
		return text.toString();
	}

	/**
	 * {@link FinishReason}'s table ({@code stop}, and {@code eos}, {@code end_turn} from
	 * some servers → stop; {@code length} → length; {@code content_filter} → refusal);
	 * none at all → stop; anything else → error.
	 */
	static String finishReason(String finishReason) {
		if (finishReason == null) {
			return FinishReason.STOP;
		}
		return FinishReason.of(finishReason).orElse(FinishReason.ERROR);
	}

}
