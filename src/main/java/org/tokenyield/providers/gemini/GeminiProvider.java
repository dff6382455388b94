package org.tokenyield.providers.gemini;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.tokenyield.system.Setting;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Google Gemini API: {@code POST /v1beta/models/{model}:generateContent} and {@code :countTokens}.
 *
 * <p>Settings: {@code thinking:N} → {@code generationConfig.thinkingConfig.thinkingBudget} (2.5
 * models), {@code effort:L} → {@code thinkingLevel} (3.x models), never both; {@code off} →
 * {@code thinkingBudget: 0} where the model allows it; {@code default} → no thinking config.
 *
 * <p>Usage follows the proto3 JSON mapping, which omits zero counts: an absent
 * {@code thoughtsTokenCount}, {@code candidatesTokenCount} or {@code cachedContentTokenCount}
 * is 0, so reasoning is always reported (0 when the model did not think).
 */
public class GeminiProvider implements ModelProvider, InputTokenCounter {

	public static final String NAME = "gemini";

	static final Set<String> LEVELS = Set.of("minimal", "low", "medium", "high");

	private static final Pattern VERSION = Pattern.compile("^gemini-(\\d+)(?:\\.(\\d+))?");

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

	/** What a model name tells about its thinking controls. */
	enum Family {

		/** 2.5 Pro: budget 128..32768, cannot turn thinking off. */
		BUDGET_PRO(128, 32_768, false),
		/** 2.5 Flash: budget 1..24576, 0 turns it off. */
		BUDGET_FLASH(1, 24_576, true),
		/** 2.5 Flash-Lite: budget 512..24576, 0 turns it off (it does not think by default). */
		BUDGET_FLASH_LITE(512, 24_576, true),
		/** 3.x and later: thinkingLevel, cannot turn thinking off. */
		LEVEL(0, 0, false),
		/** 2.0, 1.5, Gemma: no thinking at all. */
		NONE(0, 0, true),
		/** Not recognised: let the API decide. */
		UNKNOWN(1, Integer.MAX_VALUE, true);

		final int minBudget;

		final int maxBudget;

		final boolean canTurnOff;

		Family(int minBudget, int maxBudget, boolean canTurnOff) {
			this.minBudget = minBudget;
			this.maxBudget = maxBudget;
			this.canTurnOff = canTurnOff;
		}

	}

	static String modelId(String apiModel) {
		return apiModel.startsWith("models/") ? apiModel.substring("models/".length()) : apiModel;
	}

	static Family family(String apiModel) {
		String m = modelId(apiModel).toLowerCase(Locale.ROOT);
		Matcher v = VERSION.matcher(m);
		if (!v.find()) {
			return m.startsWith("gemma") ? Family.NONE : Family.UNKNOWN;
		}
		int major = Integer.parseInt(v.group(1));
		int minor = v.group(2) == null ? 0 : Integer.parseInt(v.group(2));
		if (major >= 3) {
			return Family.LEVEL;
		}
		if (major == 2 && minor == 5) {
			if (m.contains("flash-lite")) {
				return Family.BUDGET_FLASH_LITE;
			}
			return m.contains("pro") ? Family.BUDGET_PRO : Family.BUDGET_FLASH;
		}
		return Family.NONE;
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
		Family family = family(apiModel);
		return switch (s.kind()) {
			case DEFAULT -> SettingCheck.ok();
			case OFF -> family.canTurnOff ? SettingCheck.ok()
					: SettingCheck.refused(apiModel + " cannot turn thinking off; use "
							+ (family == Family.LEVEL ? "effort:low (or minimal where offered)" : "a small thinking:N"));
			case THINKING -> {
				if (family == Family.LEVEL) {
					yield SettingCheck.refused(apiModel
							+ " takes thinkingLevel (effort:LEVEL); thinkingBudget is for Gemini 2.5 models");
				}
				if (family == Family.NONE) {
					yield SettingCheck.refused(apiModel + " has no thinking");
				}
				if (s.budget() < family.minBudget || s.budget() > family.maxBudget) {
					yield SettingCheck.refused(apiModel + " takes a thinking budget from " + family.minBudget + " to "
							+ family.maxBudget + " tokens, got " + s.budget());
				}
				yield SettingCheck.ok();
			}
			case EFFORT -> {
				if (family != Family.LEVEL && family != Family.UNKNOWN) {
					yield SettingCheck.refused(apiModel + (family == Family.NONE ? " has no thinking"
							: " takes a thinking budget (thinking:N); thinkingLevel is for Gemini 3 models"));
				}
				if (!LEVELS.contains(s.effort())) {
					yield SettingCheck.refused(
							"Gemini thinking level must be one of minimal, low, medium, high; got " + s.effort());
				}
				if (s.effort().equals("minimal") && modelId(apiModel).contains("-pro")) {
					yield SettingCheck.refused(apiModel + " has no minimal thinking level; use effort:low");
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
		ProviderHttp.Response response = ProviderHttp.postJson(this.client, NAME,
				"/v1beta/models/{model}:generateContent", body, this::headers, modelId(request.apiModel()));
		if (!response.ok()) {
			throw failure(response);
		}
		JsonNode root = Json.parseReply(NAME, response.status(), response.body());
		int status = response.status();
		Usage usage = usage(root, status);
		JsonNode candidates = root.get("candidates");
		if (candidates == null || !candidates.isArray() || candidates.isEmpty()) {
			JsonNode feedback = root.get("promptFeedback");
			String blocked = Json.text(feedback, "blockReason");
			return new ProviderReply("", usage, blocked != null ? "refusal" : "error", response.latencyMs(), body,
					response.body(), response.headers());
		}
		JsonNode candidate = candidates.get(0);
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
		return new ProviderReply(text.toString(), usage, finishReason(Json.text(candidate, "finishReason")),
				response.latencyMs(), body, response.body(), response.headers());
	}

	/** {@code :countTokens} → {@code totalTokens}, without inference. */
	@Override
	public long countInputTokens(String apiModel, String text) throws ProviderException {
		requireKey();
		ObjectNode req = Json.object();
		req.putArray("contents").addObject().put("role", "user").putArray("parts").addObject().put("text", text);
		ProviderHttp.Response response = ProviderHttp.postJson(this.client, NAME,
				"/v1beta/models/{model}:countTokens", Json.write(req), this::headers, modelId(apiModel));
		if (!response.ok()) {
			throw failure(response);
		}
		JsonNode root = Json.parseReply(NAME, response.status(), response.body());
		return Json.requiredCount(NAME, response.status(), root, "totalTokens", "totalTokens");
	}

	ObjectNode requestBody(ProviderRequest request) {
		Setting s = Setting.parse(request.setting());
		ObjectNode req = Json.object();
		req.putArray("contents")
			.addObject()
			.put("role", "user")
			.putArray("parts")
			.addObject()
			.put("text", request.promptText());
		ObjectNode config = req.putObject("generationConfig");
		config.put("maxOutputTokens", request.maxOutputTokens());
		Family family = family(request.apiModel());
		switch (s.kind()) {
			case THINKING -> config.putObject("thinkingConfig").put("thinkingBudget", s.budget());
			case EFFORT -> config.putObject("thinkingConfig").put("thinkingLevel", s.effort());
			case OFF -> {
				if (family != Family.NONE) {
					config.putObject("thinkingConfig").put("thinkingBudget", 0);
				}
			}
			default -> {
			}
		}
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

	static Usage usage(JsonNode root, int status) throws ProviderException {
		JsonNode u = root.get("usageMetadata");
		if (u == null || !u.isObject()) {
			throw Json.malformed(NAME, status, "missing usageMetadata");
		}
		long prompt = orZero(Json.optionalCount(NAME, status, u, "promptTokenCount", "usageMetadata.promptTokenCount"));
		long cached = orZero(Json.optionalCount(NAME, status, u, "cachedContentTokenCount",
				"usageMetadata.cachedContentTokenCount"));
		long candidates = orZero(Json.optionalCount(NAME, status, u, "candidatesTokenCount",
				"usageMetadata.candidatesTokenCount"));
		long thoughts = orZero(Json.optionalCount(NAME, status, u, "thoughtsTokenCount",
				"usageMetadata.thoughtsTokenCount"));
		return Json.usage(NAME, status, prompt, cached, null, candidates + thoughts, thoughts);
	}

	private static long orZero(Long value) {
		return value == null ? 0 : value;
	}

	/** STOP → stop; MAX_TOKENS → length; SAFETY, RECITATION, PROHIBITED_CONTENT and other blocks → refusal. */
	static String finishReason(String reason) {
		if (reason == null) {
			return "error";
		}
		return switch (reason) {
			case "STOP" -> "stop";
			case "MAX_TOKENS" -> "length";
			case "SAFETY", "RECITATION", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "IMAGE_SAFETY" -> "refusal";
			default -> "error";
		};
	}

	/** {@code {"error": {"code", "message", "status", "details"}}}; a RetryInfo delay stands in for retry-after. */
	static ProviderException failure(ProviderHttp.Response response) {
		JsonNode root = Json.tryParse(response.body());
		JsonNode error = root == null ? null : root.get("error");
		String message;
		Duration retryAfter = response.retryAfter();
		if (error != null && error.isObject()) {
			String status = Json.text(error, "status");
			String msg = Json.text(error, "message");
			message = (status == null ? "" : status + ": ") + (msg == null ? ProviderHttp.snippet(response.body()) : msg);
			if (retryAfter == null && error.path("details").isArray()) {
				for (JsonNode detail : error.get("details")) {
					String type = Json.text(detail, "@type");
					if (type != null && type.endsWith("google.rpc.RetryInfo")) {
						retryAfter = ProviderHttp.parseGoDuration(Json.text(detail, "retryDelay"));
					}
				}
			}
		}
		else {
			message = ProviderHttp.snippet(response.body());
		}
		return ProviderHttp.failure(NAME, response.status(), message, retryAfter, false);
	}

}
