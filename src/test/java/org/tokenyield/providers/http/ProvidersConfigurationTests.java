package org.tokenyield.providers.http;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.tokenyield.providers.ModelProvider;
import org.tokenyield.providers.anthropic.AnthropicProvider;
import org.tokenyield.providers.gemini.GeminiProvider;
import org.tokenyield.providers.openai.OpenAiProvider;

import static org.assertj.core.api.Assertions.assertThat;

class ProvidersConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(ProvidersConfiguration.class);

	@Test
	void withoutKeysEveryProviderIsRegisteredButNotConfigured() {
		this.runner.run(context -> {
			assertThat(context).hasNotFailed();
			List<ModelProvider> providers = context.getBeanProvider(ModelProvider.class).orderedStream().toList();
			assertThat(providers).extracting(ModelProvider::name)
				.containsExactlyInAnyOrder("anthropic", "openai", "gemini");
			assertThat(providers).noneMatch(ModelProvider::configured);
			ProviderProperties properties = context.getBean(ProviderProperties.class);
			assertThat(properties.anthropic().baseUrl()).isEqualTo("https://api.anthropic.com");
			assertThat(properties.openai().baseUrl()).isEqualTo("https://api.openai.com/v1");
			assertThat(properties.gemini().baseUrl()).isEqualTo("https://generativelanguage.googleapis.com");
			assertThat(properties.gemini().readTimeout()).isEqualTo(Duration.ofMinutes(10));
		});
	}

	@Test
	void bindsKeysLimitsAndCompatEndpoints() {
		this.runner.withPropertyValues("app.providers.anthropic.api-key=sk-ant-secret",
				"app.providers.anthropic.max-concurrency=4", "app.providers.anthropic.requests-per-minute=50",
				"app.providers.anthropic.tokens-per-minute=40000", "app.providers.anthropic.daily-spend-cap-usd=12.50",
				"app.providers.anthropic.read-timeout=5m", "app.providers.anthropic.connect-timeout=3s",
				"app.providers.openai.chat-completions-models=gpt-4o,o3-mini*",
				"app.providers.compat.ollama.base-url=http://localhost:11434/v1",
				"app.providers.compat.openrouter.base-url=https://openrouter.ai/api/v1",
				"app.providers.compat.openrouter.api-key=sk-or-secret",
				"app.providers.compat.openrouter.requests-per-minute=20")
			.run(context -> {
				assertThat(context).hasNotFailed();
				List<ModelProvider> providers = context.getBeanProvider(ModelProvider.class).orderedStream().toList();
				assertThat(providers).extracting(ModelProvider::name)
					.containsExactlyInAnyOrder("anthropic", "openai", "gemini", "ollama", "openrouter");
				assertThat(context.getBean(AnthropicProvider.class).configured()).isTrue();
				assertThat(providers).filteredOn(p -> p.name().equals("ollama")).allMatch(ModelProvider::configured);
				ProviderProperties properties = context.getBean(ProviderProperties.class);
				ProviderProperties.Endpoint anthropic = properties.anthropic();
				assertThat(anthropic.maxConcurrency()).isEqualTo(4);
				assertThat(anthropic.requestsPerMinute()).isEqualTo(50);
				assertThat(anthropic.tokensPerMinute()).isEqualTo(40000L);
				assertThat(anthropic.dailySpendCapUsd()).isEqualByComparingTo(new BigDecimal("12.50"));
				assertThat(anthropic.readTimeout()).isEqualTo(Duration.ofMinutes(5));
				assertThat(anthropic.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.endpoint("openrouter").requestsPerMinute()).isEqualTo(20);
				assertThat(context.getBean(OpenAiProvider.class).usesChatCompletions("o3-mini-2025-01-31")).isTrue();
				assertThat(context.getBean(OpenAiProvider.class).usesChatCompletions("gpt-4o-mini")).isFalse();
				assertThat(properties.toString()).doesNotContain("sk-ant-secret")
					.doesNotContain("sk-or-secret")
					.contains("apiKey=****");
			});
	}

	@Test
	void keysFallBackToTheirConventionalEnvironmentNames() {
		this.runner.withPropertyValues("ANTHROPIC_API_KEY=a", "OPENAI_API_KEY=o", "GEMINI_API_KEY=g").run(context -> {
			assertThat(context.getBean(AnthropicProvider.class).configured()).isTrue();
			assertThat(context.getBean(OpenAiProvider.class).configured()).isTrue();
			assertThat(context.getBean(GeminiProvider.class).configured()).isTrue();
			assertThat(context.getBeansOfType(InputTokenCounter.class)).hasSize(2);
		});
	}

	@Test
	void negativeLimitsAndNonPositiveTimeoutsStopTheStartNamingTheProperty() {
		Map<String, String> fieldOfBadValue = Map.of("app.providers.anthropic.requests-per-minute=-1",
				"anthropic.requestsPerMinute", "app.providers.openai.max-concurrency=-2", "openai.maxConcurrency",
				"app.providers.gemini.daily-spend-cap-usd=-0.01", "gemini.dailySpendCapUsd",
				"app.providers.compat.local.tokens-per-minute=-5", "compat[local].tokensPerMinute",
				"app.providers.anthropic.connect-timeout=0s", "anthropic.connectTimeout",
				"app.providers.gemini.read-timeout=-1s", "gemini.readTimeout");
		fieldOfBadValue.forEach((bad, field) -> this.runner.withPropertyValues(bad)
			.run(context -> assertThat(context).as(bad)
				.hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("app.providers")
				.hasMessageContaining(field)));
		// zero is a limit (a paused provider, a cap of nothing), not an error
		this.runner
			.withPropertyValues("app.providers.anthropic.max-concurrency=0",
					"app.providers.anthropic.daily-spend-cap-usd=0")
			.run(context -> assertThat(context).hasNotFailed());
	}

	@Test
	void compatEndpointCannotTakeABuiltInName() {
		this.runner.withPropertyValues("app.providers.compat.openai.base-url=http://localhost:8000/v1")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("belongs to a built-in provider"));
	}

}
