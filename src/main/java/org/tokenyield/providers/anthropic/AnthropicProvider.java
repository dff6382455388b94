package org.tokenyield.providers.anthropic;

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
import org.tokenyield.providers.http.InputTokenCounter;
import org.tokenyield.providers.http.Json;
import org.tokenyield.providers.http.ProviderFailures;
import org.tokenyield.providers.http.ProviderHttp;
import org.tokenyield.providers.http.ProviderProperties;
import org.tokenyield.system.Setting;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic Messages API ({@code POST /v1/messages}) and its free {@code count_tokens}.
 *
 * <p>
 * Settings: {@code thinking:N} sends {@code thinking: {type: enabled, budget_tokens: N}}
 * (N at least 1024; {@code max_tokens} must exceed N, so when the request's cap does not
 * it is raised to N + cap); {@code effort:L} sends {@code thinking: {type: adaptive}}
 * with {@code output_config: {effort: L}}; {@code default} and {@code off} send no
 * thinking field.
 */
public class AnthropicProvider implements ModelProvider, InputTokenCounter {

	public static final String NAME = "anthropic";

	public static final String API_VERSION = "2023-06-01";

	static final int MIN_BUDGET = 1024;

	static final Set<String> EFFORT_LEVELS = Set.of("low", "medium", "high", "xhigh", "max");

	private static final Pattern VERSION = Pattern
		.compile("^claude-(?:(?:opus|sonnet|haiku)-)?(\\d+)(?:[-.](\\d{1,2}))?(?![0-9])");

	private final ProviderProperties.Endpoint endpoint;

	private final RestClient client;

	public AnthropicProvider(ProviderProperties.Endpoint endpoint, RestClient.Builder builder) {
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
		Setting s;
		try {
			s = Setting.parse(setting);
		}
		catch (IllegalArgumentException ex) {
			return SettingCheck.refused(ex.getMessage());
		}
		int[] version = version(apiModel);
		boolean adaptiveOnly = apiModel.contains("mythos") || (version != null && atLeast(version, 4, 7));
		return switch (s.kind()) {
			case DEFAULT, OFF -> SettingCheck.ok();
			case THINKING -> {
				if (s.budget() < MIN_BUDGET) {
					yield SettingCheck.refused(
							"Anthropic thinking budget must be at least " + MIN_BUDGET + " tokens, got " + s.budget());
				}
				if (adaptiveOnly) {
					yield SettingCheck.refused(
							apiModel + " accepts only adaptive thinking (use effort:LEVEL); budget_tokens is rejected");
				}
				if (version != null && !atLeast(version, 3, 7)) {
					yield SettingCheck.refused(apiModel + " has no extended thinking");
				}
				yield SettingCheck.ok();
			}
			case EFFORT -> {
				if (!EFFORT_LEVELS.contains(s.effort())) {
					yield SettingCheck
						.refused("Anthropic effort must be one of low, medium, high, xhigh, max; got " + s.effort());
				}
				if (version != null && !atLeast(version, 4, 6)) {
					yield SettingCheck
						.refused(apiModel + " has no adaptive thinking (Claude 4.6 and later); use thinking:N");
				}
				yield SettingCheck.ok();
			}
		};
	}

	@Override
	public ProviderReply complete(ProviderRequest request) throws ProviderException {
		SettingCheck check = check(request.apiModel(), request.setting());
		if (!check.accepted()) {
			throw ProviderException.fatal(NAME + ": setting refused: " + check.reason(), 0);
		}
		requireKey();
		String body = Json.write(requestBody(request));
		ProviderHttp.Response response = ProviderHttp.postJson(this.client, NAME, "/v1/messages", body, this::headers);
		if (!response.ok()) {
			throw failure(response);
		}
		JsonNode root = Json.parseReply(NAME, response.status(), response.body());
		Usage usage = usage(root, response.status());
		String text;
		try {
			text = text(root, response.status());
		}
		catch (ProviderException ex) {
			throw ex.billed(usage); // the reply reported its usage: the call was billed
		}
		String finish = finishReason(Json.text(root, "stop_reason"));
		return new ProviderReply(text, usage, finish, response.latencyMs(), body, response.body(), response.headers());
	}

	/**
	 * Free input-token count: {@code POST /v1/messages/count_tokens} →
	 * {@code input_tokens}.
	 */
	public long countTokens(String apiModel, String text) throws ProviderException {
		requireKey();
		ObjectNode req = Json.object();
		req.put("model", apiModel);
		req.putArray("messages").addObject().put("role", "user").put("content", text);
		ProviderHttp.Response response = ProviderHttp.postJson(this.client, NAME, "/v1/messages/count_tokens",
				Json.write(req), this::headers);
		if (!response.ok()) {
			throw failure(response);
		}
		JsonNode root = Json.parseReply(NAME, response.status(), response.body());
		return Json.requiredCount(NAME, response.status(), root, "input_tokens", "input_tokens");
	}

	@Override
	public long countInputTokens(String apiModel, String text) throws ProviderException {
		return countTokens(apiModel, text);
	}

	ObjectNode requestBody(ProviderRequest request) {
		Setting s = Setting.parse(request.setting());
		ObjectNode req = Json.object();
		req.put("model", request.apiModel());
		int maxTokens = request.maxOutputTokens();
		if (s.kind() == Setting.Kind.THINKING && maxTokens <= s.budget()) {
			maxTokens = s.budget() + request.maxOutputTokens();
		}
		req.put("max_tokens", maxTokens);
		req.putArray("messages").addObject().put("role", "user").put("content", request.promptText());
		if (s.kind() == Setting.Kind.THINKING) {
			req.putObject("thinking").put("type", "enabled").put("budget_tokens", s.budget());
		}
		else if (s.kind() == Setting.Kind.EFFORT) {
			req.putObject("thinking").put("type", "adaptive");
			req.putObject("output_config").put("effort", s.effort());
		}
		return req;
	}

	private void headers(org.springframework.http.HttpHeaders h) {
		h.set("x-api-key", this.endpoint.apiKey());
		h.set("anthropic-version", API_VERSION);
	}

	private void requireKey() throws ProviderException {
		if (!configured()) {
			throw ProviderException.fatal(NAME + ": not configured (set ANTHROPIC_API_KEY)", 0);
		}
	}

	static Usage usage(JsonNode root, int status) throws ProviderException {
		JsonNode u = root.get("usage");
		if (u == null || !u.isObject()) {
			throw Json.malformed(NAME, status, "missing usage");
		}
		long input = Json.requiredCount(NAME, status, u, "input_tokens", "usage.input_tokens");
		Long cacheWrite = Json.optionalCount(NAME, status, u, "cache_creation_input_tokens",
				"usage.cache_creation_input_tokens");
		Long cacheRead = Json.optionalCount(NAME, status, u, "cache_read_input_tokens",
				"usage.cache_read_input_tokens");
		long output = Json.requiredCount(NAME, status, u, "output_tokens", "usage.output_tokens");
		Long reasoning = Json.optionalCount(NAME, status, u.get("output_tokens_details"), "thinking_tokens",
				"usage.output_tokens_details.thinking_tokens");
		long write = cacheWrite == null ? 0 : cacheWrite;
		long read = cacheRead == null ? 0 : cacheRead;
		return Json.usage(NAME, status, input + write + read, read, write, output, reasoning);
	}

	static String text(JsonNode root, int status) throws ProviderException {
		JsonNode content = root.get("content");
		if (content == null || !content.isArray()) {
			throw Json.malformed(NAME, status, "missing content array");
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode block : content) {
			if ("text".equals(Json.text(block, "type"))) {
				String t = Json.text(block, "text");
				if (t != null) {
					text.append(t);
				}
			}
		}
		return text.toString();
	}

	/**
	 * {@link FinishReason}'s table ({@code end_turn}, {@code stop_sequence} → stop;
	 * {@code max_tokens}, {@code model_context_window_exceeded} → length;
	 * {@code refusal}); none or anything else ({@code tool_use}, {@code pause_turn}) →
	 * error.
	 */
	static String finishReason(String stopReason) {
		return FinishReason.of(stopReason).orElse(FinishReason.ERROR);
	}

	static ProviderException failure(ProviderHttp.Response response) {
		JsonNode root = Json.tryParse(response.body());
		JsonNode error = root == null ? null : root.get("error");
		String message;
		if (error != null && error.isObject()) {
			String type = Json.text(error, "type");
			String msg = Json.text(error, "message");
			message = (type == null ? "" : type + ": ")
					+ (msg == null ? ProviderFailures.snippet(response.body()) : msg);
		}
		else {
			message = ProviderFailures.snippet(response.body());
		}
		return ProviderFailures.failure(NAME, response.status(), message, response.retryAfter(), false);
	}

	/** {major, minor} of a Claude model name, or null when the name is not recognised. */
	static int[] version(String apiModel) {
		Matcher m = VERSION.matcher(apiModel);
		if (!m.find()) {
			return null;
		}
		int major = Integer.parseInt(m.group(1));
		int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
		return new int[] { major, minor };
	}

	private static boolean atLeast(int[] v, int major, int minor) {
		return v[0] > major || (v[0] == major && v[1] >= minor);
	}

}
