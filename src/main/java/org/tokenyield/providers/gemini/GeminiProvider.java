package org.tokenyield.providers.gemini;

import org.springframework.web.client.RestClient;
import org.tokenyield.providers.ModelProvider;
import org.tokenyield.providers.ProviderException;
import org.tokenyield.providers.ProviderReply;
import org.tokenyield.providers.ProviderRequest;
import org.tokenyield.providers.SettingCheck;
import org.tokenyield.providers.Usage;
import org.tokenyield.providers.http.InputTokenCounter;
import org.tokenyield.providers.http.Json;
import org.tokenyield.providers.http.ProviderHttp;
import org.tokenyield.providers.http.ProviderProperties;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Google Gemini API: {@code POST /v1beta/models/{model}:generateContent} and
 * {@code :countTokens}. Which settings a model takes and how they are sent:
 * {@link GeminiThinking}; how its answers and errors read: {@link GeminiReplies}.
 */
public class GeminiProvider implements ModelProvider, InputTokenCounter {

	public static final String NAME = "gemini";

	private final ProviderProperties.Endpoint endpoint;

	private final RestClient client;

	public GeminiProvider(ProviderProperties.Endpoint endpoint, RestClient.Builder builder) {
		this.endpoint = endpoint;
		this.client = ProviderHttp.restClient(builder, endpoint);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean configured() {
		return this.endpoint.hasKey() && this.endpoint.hasBaseUrl();
	}

	@Override
	public SettingCheck check(String apiModel, String setting) {
		return GeminiThinking.check(apiModel, setting);
	}

	@Override
	public ProviderReply complete(ProviderRequest request) throws ProviderException {
		SettingCheck check = check(request.apiModel(), request.setting());
		if (!check.accepted()) {
			throw ProviderException.fatal(NAME + ": setting refused: " + check.reason(), 0);
		}
		requireKey();
		String body = Json.write(requestBody(request));
		ProviderHttp.Response response = ProviderHttp.postJson(this.client, NAME,
				"/v1beta/models/{model}:generateContent", body, this::headers,
				GeminiThinking.modelId(request.apiModel()));
		if (!response.ok()) {
			throw GeminiReplies.failure(response);
		}
		JsonNode root = Json.parseReply(NAME, response.status(), response.body());
		int status = response.status();
		Usage usage = GeminiReplies.usage(root, status);
		JsonNode candidates = root.get("candidates");
		if (candidates == null || !candidates.isArray() || candidates.isEmpty()) {
			JsonNode feedback = root.get("promptFeedback");
			String blocked = Json.text(feedback, "blockReason");
			return new ProviderReply("", usage, blocked != null ? "refusal" : "error", response.latencyMs(), body,
					response.body(), response.headers());
		}
		JsonNode candidate = candidates.get(0);
		return new ProviderReply(GeminiReplies.text(candidate), usage,
				GeminiReplies.finishReason(Json.text(candidate, "finishReason")), response.latencyMs(), body,
				response.body(), response.headers());
	}

	/** {@code :countTokens} → {@code totalTokens}, without inference. */
	@Override
	public long countInputTokens(String apiModel, String text) throws ProviderException {
		requireKey();
		ObjectNode req = Json.object();
		req.putArray("contents").addObject().put("role", "user").putArray("parts").addObject().put("text", text);
		ProviderHttp.Response response = ProviderHttp.postJson(this.client, NAME, "/v1beta/models/{model}:countTokens",
				Json.write(req), this::headers, GeminiThinking.modelId(apiModel));
		if (!response.ok()) {
			throw GeminiReplies.failure(response);
		}
		JsonNode root = Json.parseReply(NAME, response.status(), response.body());
		return Json.requiredCount(NAME, response.status(), root, "totalTokens", "totalTokens");
	}

	ObjectNode requestBody(ProviderRequest request) {
		ObjectNode req = Json.object();
		req.putArray("contents")
			.addObject()
			.put("role", "user")
			.putArray("parts")
			.addObject()
			.put("text", request.promptText());
		ObjectNode config = req.putObject("generationConfig");
		config.put("maxOutputTokens", request.maxOutputTokens());
		GeminiThinking.configure(config, request.apiModel(), request.setting());
		return req;
	}

	private void headers(org.springframework.http.HttpHeaders h) {
		h.set("x-goog-api-key", this.endpoint.apiKey());
	}

	private void requireKey() throws ProviderException {
		if (!configured()) {
			throw ProviderException.fatal(NAME + ": not configured (set GEMINI_API_KEY)", 0);
		}
	}

}
