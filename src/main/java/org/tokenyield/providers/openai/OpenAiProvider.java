package org.tokenyield.providers.openai;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.client.RestClient;
import org.tokenyield.providers.FinishReason;
import org.tokenyield.providers.ModelProvider;
import org.tokenyield.providers.ProviderException;
import org.tokenyield.providers.ProviderReply;
import org.tokenyield.providers.ProviderRequest;
import org.tokenyield.providers.SettingCheck;
import org.tokenyield.providers.Usage;
import org.tokenyield.providers.http.Json;
import org.tokenyield.providers.http.ProviderHttp;
import org.tokenyield.providers.http.ProviderProperties;
import org.tokenyield.system.Setting;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI: the Responses API ({@code POST /responses}) by default, Chat Completions
 * ({@code POST /chat/completions}) for the models listed in
 * {@code app.providers.openai.chat-completions-models}. {@code effort:L} →
 * {@code reasoning.effort} / {@code reasoning_effort}; the cap is
 * {@code max_output_tokens} / {@code max_completion_tokens}; {@code thinking:N} is
 * refused (OpenAI takes no token budget). Responses are sent with {@code store: false}:
 * nothing is kept on OpenAI's side.
 */
public class OpenAiProvider implements ModelProvider {

	public static final String NAME = "openai";

	static final Set<String> EFFORT_LEVELS = Set.of("none", "minimal", "low", "medium", "high", "xhigh");

	private static final Pattern GPT5_MINOR = Pattern.compile("^gpt-5\\.(\\d+)");

	private final ProviderProperties.OpenAi properties;

	private final ProviderProperties.Endpoint endpoint;

	private final RestClient client;

	public OpenAiProvider(ProviderProperties.OpenAi properties, RestClient.Builder builder) {
		this.properties = properties;
		this.endpoint = properties.endpoint();
		this.client = ProviderHttp.restClient(builder, this.endpoint);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean configured() {
		return this.endpoint.hasKey() && this.endpoint.hasBaseUrl();
	}

	/** What a model name tells about its reasoning. */
	enum Reasoning {

		/** gpt-4o, gpt-4.1, gpt-3.5, *-chat: no reasoning, no effort. */
		NONE,
		/** o-series and gpt-5 (5.0): always reasons, cannot be turned off. */
		ALWAYS,
		/** gpt-5.1 and later: reasoning effort {@code none} turns it off. */
		SWITCHABLE,
		/** Not recognised: let the API decide. */
		UNKNOWN

	}

	static Reasoning reasoning(String apiModel) {
		String m = apiModel.toLowerCase(java.util.Locale.ROOT);
		if (m.startsWith("gpt-4") || m.startsWith("gpt-3.5") || m.startsWith("chatgpt-")
				|| (m.startsWith("gpt-5") && m.contains("-chat"))) {
			return Reasoning.NONE;
		}
		if (m.matches("^o\\d.*")) {
			return Reasoning.ALWAYS;
		}
		Matcher minor = GPT5_MINOR.matcher(m);
		if (minor.find()) {
			return Integer.parseInt(minor.group(1)) >= 1 ? Reasoning.SWITCHABLE : Reasoning.ALWAYS;
		}
		if (m.startsWith("gpt-5")) {
			return Reasoning.ALWAYS;
		}
		return Reasoning.UNKNOWN;
	}

	@Override
	public SettingCheck check(String apiModel, String setting) {
		Setting s;
		try {
			s = Setting.parse(setting);
		}
		catch (IllegalArgumentException ex) {
			return SettingCheck.refused(ex.getMessage());
		}
		Reasoning reasoning = reasoning(apiModel);
		return switch (s.kind()) {
			case DEFAULT -> SettingCheck.ok();
			case THINKING -> SettingCheck.refused(
					"OpenAI takes no thinking budget; use effort:LEVEL (cap total output with the max output tokens)");
			case OFF -> reasoning == Reasoning.ALWAYS
					? SettingCheck.refused(apiModel + " always reasons; use its lowest effort instead of off")
					: SettingCheck.ok();
			case EFFORT -> {
				if (!EFFORT_LEVELS.contains(s.effort())) {
					yield SettingCheck.refused(
							"OpenAI effort must be one of none, minimal, low, medium, high, xhigh; got " + s.effort());
				}
				if (reasoning == Reasoning.NONE) {
					yield SettingCheck.refused(apiModel + " is not a reasoning model; it takes no effort");
				}
				yield SettingCheck.ok();
			}
		};
	}

	/** The reasoning effort to send, or null for none. */
	static String effort(String apiModel, Setting s) {
		return switch (s.kind()) {
			case EFFORT -> s.effort();
			case OFF -> reasoning(apiModel) == Reasoning.SWITCHABLE ? "none" : null;
			default -> null;
		};
	}

	public boolean usesChatCompletions(String apiModel) {
		return this.properties.usesChatCompletions(apiModel);
	}

	@Override
	public ProviderReply complete(ProviderRequest request) throws ProviderException {
		SettingCheck check = check(request.apiModel(), request.setting());
		if (!check.accepted()) {
			throw ProviderException.fatal(NAME + ": setting refused: " + check.reason(), 0);
		}
		if (!configured()) {
			throw ProviderException.fatal(NAME + ": not configured (set OPENAI_API_KEY)", 0);
		}
		String effort = effort(request.apiModel(), Setting.parse(request.setting()));
		boolean chat = usesChatCompletions(request.apiModel());
		ObjectNode req = chat ? ChatCompletions.requestBody(request.apiModel(), request.promptText(),
				"max_completion_tokens", request.maxOutputTokens(), effort) : responsesBody(request, effort);
		String body = Json.write(req);
		ProviderHttp.Response response = ProviderHttp.postJson(this.client, NAME,
				chat ? "/chat/completions" : "/responses", body, h -> h.setBearerAuth(this.endpoint.apiKey()));
		if (!response.ok()) {
			throw OpenAiErrors.failure(NAME, response);
		}
		JsonNode root = Json.parseReply(NAME, response.status(), response.body());
		if (chat) {
			ChatCompletions.Parsed parsed = ChatCompletions.parse(NAME, response.status(), root);
			return new ProviderReply(parsed.text(), parsed.usage(), parsed.finishReason(), response.latencyMs(), body,
					response.body(), response.headers());
		}
		return responsesReply(root, response, body);
	}

	static ObjectNode responsesBody(ProviderRequest request, String effort) {
		ObjectNode req = Json.object();
		req.put("model", request.apiModel());
		req.put("input", request.promptText());
		req.put("max_output_tokens", request.maxOutputTokens());
		if (effort != null) {
			req.putObject("reasoning").put("effort", effort);
		}
		req.put("store", false);
		return req;
	}

	private static ProviderReply responsesReply(JsonNode root, ProviderHttp.Response response, String body)
			throws ProviderException {
		int status = response.status();
		JsonNode u = root.get("usage");
		if (u == null || !u.isObject()) {
			throw Json.malformed(NAME, status, "missing usage");
		}
		long input = Json.requiredCount(NAME, status, u, "input_tokens", "usage.input_tokens");
		long output = Json.requiredCount(NAME, status, u, "output_tokens", "usage.output_tokens");
		Long cached = Json.optionalCount(NAME, status, u.get("input_tokens_details"), "cached_tokens",
				"usage.input_tokens_details.cached_tokens");
		Long reasoning = Json.optionalCount(NAME, status, u.get("output_tokens_details"), "reasoning_tokens",
				"usage.output_tokens_details.reasoning_tokens");
		Usage usage = Json.usage(NAME, status, input, cached, null, output, reasoning);

		JsonNode output_ = root.get("output");
		if (output_ == null || !output_.isArray()) {
			// the reply reported its usage: the call was billed
			throw Json.malformed(NAME, status, "missing output array").billed(usage);
		}
		StringBuilder text = new StringBuilder();
		boolean refused = false;
		for (JsonNode item : output_) {
			if (!"message".equals(Json.text(item, "type"))) {
				continue; // reasoning items carry summaries, never the answer
			}
			JsonNode content = item.get("content");
			if (content == null || !content.isArray()) {
				continue;
			}
			for (JsonNode part : content) {
				String type = Json.text(part, "type");
				if ("output_text".equals(type) && Json.text(part, "text") != null) {
					text.append(Json.text(part, "text"));
				}
				else if ("refusal".equals(type)) {
					refused = true;
				}
			}
		}
		String finish = finishReason(Json.text(root, "status"), root.get("incomplete_details"));
		if (refused && !"length".equals(finish)) {
			finish = "refusal";
		}
		return new ProviderReply(text.toString(), usage, finish, response.latencyMs(), body, response.body(),
				response.headers());
	}

	/**
	 * completed → stop; incomplete by {@link FinishReason}'s table of its reason
	 * (max_output_tokens → length, content_filter → refusal); else error.
	 */
	static String finishReason(String status, JsonNode incompleteDetails) {
		if ("completed".equals(status)) {
			return FinishReason.STOP;
		}
		if ("incomplete".equals(status)) {
			return FinishReason.of(Json.text(incompleteDetails, "reason")).orElse(FinishReason.ERROR);
		}
		return FinishReason.ERROR;
	}

}
