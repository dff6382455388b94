package org.tokenyield.providers.compat;

import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.web.client.RestClient;
import org.tokenyield.providers.ModelProvider;
import org.tokenyield.providers.ProviderException;
import org.tokenyield.providers.ProviderReply;
import org.tokenyield.providers.ProviderRequest;
import org.tokenyield.providers.SettingCheck;
import org.tokenyield.providers.http.Json;
import org.tokenyield.providers.http.ProviderHttp;
import org.tokenyield.providers.http.ProviderProperties;
import org.tokenyield.system.Setting;
import org.tokenyield.providers.openai.ChatCompletions;
import org.tokenyield.providers.openai.OpenAiErrors;

import tools.jackson.databind.JsonNode;

/**
 * One OpenAI-compatible server (Ollama {@code /v1}, vLLM, llama.cpp, OpenRouter, LM
 * Studio), configured under {@code app.providers.compat.<name>}; its models use provider
 * {@code <name>}. Chat Completions shape ({@code POST <base-url>/chat/completions}); the
 * cap is sent as {@code max_tokens}, the name every such server knows. The key is
 * optional.
 *
 * <p>
 * Settings: {@code default} and {@code off} send nothing (there is no common switch to
 * turn thinking off); {@code effort:L} sends {@code reasoning_effort}; {@code thinking:N}
 * is refused. A leading {@code <think>...</think>} block in the content (servers without
 * a reasoning parser) is reasoning, not the answer, and is cut from the text; the raw
 * body keeps it.
 */
public class OpenAiCompatibleProvider implements ModelProvider {

	static final Set<String> EFFORT_LEVELS = Set.of("none", "minimal", "low", "medium", "high", "xhigh");

	private static final Pattern LEADING_THINK = Pattern.compile("^\\s*<think>.*?</think>\\s*", Pattern.DOTALL);

	private final String name;

	private final ProviderProperties.Endpoint endpoint;

	private final RestClient client;

	public OpenAiCompatibleProvider(String name, ProviderProperties.Endpoint endpoint, RestClient.Builder builder) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a compat endpoint needs a name");
		}
		this.name = name;
		this.endpoint = endpoint;
		this.client = ProviderHttp.restClient(builder, endpoint);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public boolean configured() {
		return this.endpoint.hasBaseUrl();
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
		return switch (s.kind()) {
			case DEFAULT, OFF -> SettingCheck.ok();
			case THINKING -> SettingCheck.refused("OpenAI-compatible endpoint " + this.name
					+ " takes no thinking budget in the Chat Completions shape; use effort:LEVEL");
			case EFFORT -> EFFORT_LEVELS.contains(s.effort()) ? SettingCheck.ok() : SettingCheck
				.refused("reasoning_effort must be one of none, minimal, low, medium, high, xhigh; got " + s.effort());
		};
	}

	@Override
	public ProviderReply complete(ProviderRequest request) throws ProviderException {
		SettingCheck check = check(request.apiModel(), request.setting());
		if (!check.accepted()) {
			throw ProviderException.fatal(this.name + ": setting refused: " + check.reason(), 0);
		}
		if (!configured()) {
			throw ProviderException
				.fatal(this.name + ": not configured (set app.providers.compat." + this.name + ".base-url)", 0);
		}
		Setting s = Setting.parse(request.setting());
		String effort = s.kind() == Setting.Kind.EFFORT ? s.effort() : null;
		String body = Json.write(ChatCompletions.requestBody(request.apiModel(), request.promptText(), "max_tokens",
				request.maxOutputTokens(), effort));
		ProviderHttp.Response response = ProviderHttp.postJson(this.client, this.name, "/chat/completions", body, h -> {
			if (this.endpoint.hasKey()) {
				h.setBearerAuth(this.endpoint.apiKey());
			}
		});
		if (!response.ok()) {
			throw OpenAiErrors.failure(this.name, response);
		}
		JsonNode root = Json.parseReply(this.name, response.status(), response.body());
		ChatCompletions.Parsed parsed = ChatCompletions.parse(this.name, response.status(), root);
		String text = LEADING_THINK.matcher(parsed.text()).replaceFirst("");
		return new ProviderReply(text, parsed.usage(), parsed.finishReason(), response.latencyMs(), body,
				response.body(), response.headers());
	}

}
