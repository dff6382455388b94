package org.tokenyield.providers.http;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.providers.*}: where each provider lives, its key and its limits
 * (PROVIDERS.md, "Configuration"). Keys come from the environment only and never appear
 * in {@link #toString()}. The defaults (base URLs, timeouts) live in the compact
 * constructors rather than in {@code @DefaultValue}, because the adapters and the compat
 * registrar also build endpoints in code. Limits cannot be negative and timeouts must be
 * positive: a bad value stops the start with its property name instead of failing every
 * call.
 */
@ConfigurationProperties("app.providers")
@Validated
public record ProviderProperties(@Valid Endpoint anthropic, @Valid OpenAi openai, @Valid Endpoint gemini,
		Map<String, @Valid Endpoint> compat) {

	public static final String ANTHROPIC_BASE_URL = "https://api.anthropic.com";

	public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";

	public static final String GEMINI_BASE_URL = "https://generativelanguage.googleapis.com";

	/** Names a compat endpoint may not take: they belong to the built-in adapters. */
	public static final Set<String> RESERVED_NAMES = Set.of("anthropic", "openai", "gemini", "simulator", "tokenizer");

	public ProviderProperties {
		anthropic = (anthropic == null ? Endpoint.empty() : anthropic).withDefaultBaseUrl(ANTHROPIC_BASE_URL);
		openai = (openai == null ? OpenAi.empty() : openai).withDefaultBaseUrl(OPENAI_BASE_URL);
		gemini = (gemini == null ? Endpoint.empty() : gemini).withDefaultBaseUrl(GEMINI_BASE_URL);
		compat = compat == null ? Map.of() : Map.copyOf(compat);
	}

	/** The endpoint behind a provider name (built-in or compat), or null when unknown. */
	public Endpoint endpoint(String providerName) {
		return switch (providerName) {
			case "anthropic" -> this.anthropic;
			case "openai" -> this.openai.endpoint();
			case "gemini" -> this.gemini;
			default -> this.compat.get(providerName);
		};
	}

	/**
	 * One provider endpoint.
	 *
	 * @param baseUrl where the API lives (gateways, proxies and local servers welcome)
	 * @param apiKey from the environment; blank means not configured (compat: optional)
	 * @param maxConcurrency calls in flight at once; null for the run queue's default
	 * @param requestsPerMinute null for no limit
	 * @param tokensPerMinute null for no limit
	 * @param dailySpendCapUsd null for no cap
	 * @param connectTimeout default 10s
	 * @param readTimeout default 10m: reasoning calls can take minutes
	 */
	public record Endpoint(String baseUrl, String apiKey, @PositiveOrZero Integer maxConcurrency,
			@PositiveOrZero Integer requestsPerMinute, @PositiveOrZero Long tokensPerMinute,
			@PositiveOrZero BigDecimal dailySpendCapUsd, @DurationMin(nanos = 1) Duration connectTimeout,
			@DurationMin(nanos = 1) Duration readTimeout) {

		public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

		public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(10);

		public Endpoint {
			baseUrl = stripTrailingSlash(baseUrl);
			apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
			connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
			readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
		}

		public static Endpoint empty() {
			return new Endpoint(null, null, null, null, null, null, null, null);
		}

		public static Endpoint of(String baseUrl, String apiKey) {
			return new Endpoint(baseUrl, apiKey, null, null, null, null, null, null);
		}

		public boolean hasKey() {
			return this.apiKey != null;
		}

		public boolean hasBaseUrl() {
			return this.baseUrl != null;
		}

		public Endpoint withDefaultBaseUrl(String defaultBaseUrl) {
			return hasBaseUrl() ? this : withBaseUrl(defaultBaseUrl);
		}

		public Endpoint withBaseUrl(String url) {
			return new Endpoint(url, this.apiKey, this.maxConcurrency, this.requestsPerMinute, this.tokensPerMinute,
					this.dailySpendCapUsd, this.connectTimeout, this.readTimeout);
		}

		public Endpoint withApiKey(String key) {
			return new Endpoint(this.baseUrl, key, this.maxConcurrency, this.requestsPerMinute, this.tokensPerMinute,
					this.dailySpendCapUsd, this.connectTimeout, this.readTimeout);
		}

		public Endpoint withTimeouts(Duration connect, Duration read) {
			return new Endpoint(this.baseUrl, this.apiKey, this.maxConcurrency, this.requestsPerMinute,
					this.tokensPerMinute, this.dailySpendCapUsd, connect, read);
		}

		@Override
		public String toString() {
			return "Endpoint[baseUrl=" + this.baseUrl + ", apiKey=" + mask(this.apiKey) + ", maxConcurrency="
					+ this.maxConcurrency + ", requestsPerMinute=" + this.requestsPerMinute + ", tokensPerMinute="
					+ this.tokensPerMinute + ", dailySpendCapUsd=" + this.dailySpendCapUsd + ", connectTimeout="
					+ this.connectTimeout + ", readTimeout=" + this.readTimeout + "]";
		}

	}

	/**
	 * OpenAI: an {@link Endpoint} plus the models that must be called through Chat
	 * Completions rather than the Responses API.
	 *
	 * @param chatCompletionsModels api model names sent to {@code /chat/completions}; an
	 * entry ending in {@code *} matches by prefix
	 */
	public record OpenAi(String baseUrl, String apiKey, @PositiveOrZero Integer maxConcurrency,
			@PositiveOrZero Integer requestsPerMinute, @PositiveOrZero Long tokensPerMinute,
			@PositiveOrZero BigDecimal dailySpendCapUsd, @DurationMin(nanos = 1) Duration connectTimeout,
			@DurationMin(nanos = 1) Duration readTimeout, List<String> chatCompletionsModels) {

		public OpenAi {
			chatCompletionsModels = chatCompletionsModels == null ? List.of() : List.copyOf(chatCompletionsModels);
		}

		static OpenAi empty() {
			return new OpenAi(null, null, null, null, null, null, null, null, null);
		}

		OpenAi withDefaultBaseUrl(String defaultBaseUrl) {
			if (this.baseUrl != null && !this.baseUrl.isBlank()) {
				return this;
			}
			return new OpenAi(defaultBaseUrl, this.apiKey, this.maxConcurrency, this.requestsPerMinute,
					this.tokensPerMinute, this.dailySpendCapUsd, this.connectTimeout, this.readTimeout,
					this.chatCompletionsModels);
		}

		public Endpoint endpoint() {
			return new Endpoint(this.baseUrl, this.apiKey, this.maxConcurrency, this.requestsPerMinute,
					this.tokensPerMinute, this.dailySpendCapUsd, this.connectTimeout, this.readTimeout);
		}

		/** Whether {@code apiModel} is listed in {@code chat-completions-models}. */
		public boolean usesChatCompletions(String apiModel) {
			for (String entry : this.chatCompletionsModels) {
				String e = entry.strip();
				if (e.endsWith("*") ? apiModel.startsWith(e.substring(0, e.length() - 1)) : apiModel.equals(e)) {
					return true;
				}
			}
			return false;
		}

		@Override
		public String toString() {
			return "OpenAi[" + endpoint() + ", chatCompletionsModels=" + this.chatCompletionsModels + "]";
		}

	}

	static String mask(String key) {
		return key == null || key.isBlank() ? "(none)" : "****";
	}

	private static String stripTrailingSlash(String url) {
		if (url == null || url.isBlank()) {
			return null;
		}
		String u = url.strip();
		while (u.endsWith("/")) {
			u = u.substring(0, u.length() - 1);
		}
		return u;
	}

}
