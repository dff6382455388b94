package org.tokenyield.providers;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.tokenyield.providers.http.FakeProviderServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The providers module with system, configured from properties as in production, its
 * Anthropic adapter pointed at a local HTTP server that answers like the provider (never
 * the internet): the beans the run queue gets as {@code List<ModelProvider>} send the
 * configured key and report the exact usage of the reply, and a refusal comes back as a
 * {@link ProviderException} the queue can act on.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
// the readiness group names the run worker, which belongs to a module not started here
@TestPropertySource(properties = "management.endpoint.health.validate-group-membership=false")
class ProvidersModuleTests {

	private static final String KEY = "sk-ant-module-test-key";

	private static final FakeProviderServer anthropic = new FakeProviderServer();

	@DynamicPropertySource
	static void anthropicAtTheLocalServer(DynamicPropertyRegistry registry) {
		registry.add("app.providers.anthropic.base-url", anthropic::baseUrl);
		registry.add("app.providers.anthropic.api-key", () -> KEY);
	}

	@AfterAll
	static void stopServer() {
		anthropic.close();
	}

	@Autowired
	List<ModelProvider> providers;

	private ModelProvider provider(String name) {
		return this.providers.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
	}

	@Test
	void theConfiguredAdapterCallsTheProviderAndReportsItsUsage() throws Exception {
		assertThat(this.providers).extracting(ModelProvider::name)
			.contains("anthropic", "openai", "gemini", "simulator", "tokenizer");
		ModelProvider claude = provider("anthropic");
		assertThat(claude.configured()).isTrue();
		anthropic.replyFixture(200, Map.of("request-id", "req_module"), "anthropic/message-thinking.json");

		ProviderReply reply = claude.complete(
				new ProviderRequest("claude-sonnet-4-5-20250929", "thinking:2048", "What is 17 * 23?", 4096, null));

		FakeProviderServer.Received sent = anthropic.lastRequest();
		assertThat(sent.path()).isEqualTo("/v1/messages");
		assertThat(sent.header("x-api-key")).isEqualTo(KEY);
		assertThat(sent.json().get("model").asString()).isEqualTo("claude-sonnet-4-5-20250929");
		assertThat(sent.json().get("thinking").get("budget_tokens").asInt()).isEqualTo(2048);
		assertThat(reply.text()).isEqualTo("17 × 23 = 391");
		// cache reads and writes are input: 12 + 100 + 2048
		assertThat(reply.usage().inputTokens()).isEqualTo(2160);
		assertThat(reply.usage().cachedInputTokens()).isEqualTo(2048);
		assertThat(reply.usage().outputTokens()).isEqualTo(310);
		assertThat(reply.finishReason()).isEqualTo("stop");
		assertThat(reply.headers()).containsEntry("request-id", "req_module");
		assertThat(reply.requestBody()).doesNotContain(KEY);
	}

	@Test
	void aRateLimitIsARetryableFailureWithTheProvidersWait() {
		anthropic.replyFixture(429, Map.of("retry-after", "17"), "anthropic/error-rate-limit.json");

		ProviderException failure = FakeProviderServer.failureOf(provider("anthropic"),
				new ProviderRequest("claude-sonnet-4-5-20250929", "default", "Hello", 64, null));

		assertThat(failure.retryable()).isTrue();
		assertThat(failure.httpStatus()).isEqualTo(429);
		assertThat(failure.retryAfter()).hasSeconds(17);
		assertThat(failure.billedUsage()).as("a refused call is not billed").isNull();
	}

}
