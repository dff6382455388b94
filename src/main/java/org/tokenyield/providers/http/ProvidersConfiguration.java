package org.tokenyield.providers.http;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;
import org.tokenyield.providers.anthropic.AnthropicProvider;
import org.tokenyield.providers.gemini.GeminiProvider;
import org.tokenyield.providers.openai.OpenAiProvider;

/**
 * Registers one {@link org.tokenyield.providers.ModelProvider} bean per wire format, plus
 * one per {@code app.providers.compat.<name>} endpoint, so the app collects them all as
 * {@code List<ModelProvider>}. Providers without a key are registered but not configured.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProviderProperties.class)
@Import(CompatProvidersRegistrar.class)
public class ProvidersConfiguration {

	@Bean
	AnthropicProvider anthropicProvider(ProviderProperties properties, Environment environment,
			ObjectProvider<RestClient.Builder> builder) {
		return new AnthropicProvider(withEnvironmentKey(properties.anthropic(), environment, "ANTHROPIC_API_KEY"),
				builder.getIfAvailable(RestClient::builder));
	}

	@Bean
	OpenAiProvider openAiProvider(ProviderProperties properties, Environment environment,
			ObjectProvider<RestClient.Builder> builder) {
		ProviderProperties.OpenAi openai = properties.openai();
		if (openai.apiKey() == null || openai.apiKey().isBlank()) {
			String key = environment.getProperty("OPENAI_API_KEY");
			openai = new ProviderProperties.OpenAi(openai.baseUrl(), key, openai.maxConcurrency(),
					openai.requestsPerMinute(), openai.tokensPerMinute(), openai.dailySpendCapUsd(),
					openai.connectTimeout(), openai.readTimeout(), openai.chatCompletionsModels());
		}
		return new OpenAiProvider(openai, builder.getIfAvailable(RestClient::builder));
	}

	@Bean
	GeminiProvider geminiProvider(ProviderProperties properties, Environment environment,
			ObjectProvider<RestClient.Builder> builder) {
		return new GeminiProvider(withEnvironmentKey(properties.gemini(), environment, "GEMINI_API_KEY"),
				builder.getIfAvailable(RestClient::builder));
	}

	/**
	 * The key by its conventional environment name when
	 * {@code app.providers.<name>.api-key} is not set, so {@code ANTHROPIC_API_KEY} works
	 * even without the property line.
	 */
	static ProviderProperties.Endpoint withEnvironmentKey(ProviderProperties.Endpoint endpoint, Environment environment,
			String variable) {
		return endpoint.hasKey() ? endpoint : endpoint.withApiKey(environment.getProperty(variable));
	}

}
