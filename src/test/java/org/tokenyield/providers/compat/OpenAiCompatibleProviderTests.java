package org.tokenyield.providers.compat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import org.tokenyield.providers.ProviderException;
import org.tokenyield.providers.ProviderReply;
import org.tokenyield.providers.ProviderRequest;
import org.tokenyield.providers.http.FakeProviderServer;
import org.tokenyield.providers.http.ProviderAdapterContractTests;
import org.tokenyield.providers.http.ProviderProperties;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiCompatibleProviderTests extends ProviderAdapterContractTests<OpenAiCompatibleProvider> {

	@Override
	protected OpenAiCompatibleProvider provider(Duration readTimeout) {
		return new OpenAiCompatibleProvider("ollama",
				ProviderProperties.Endpoint.of(this.server.baseUrl() + "/v1", null)
					.withTimeouts(Duration.ofSeconds(2), readTimeout),
				RestClient.builder());
	}

	@Override
	protected ProviderRequest anyRequest() {
		return request("qwen3:8b", "default", 100);
	}

	@Override
	protected Failure rateLimited() {
		return new Failure(429, Map.of("retry-after", "2"), "compat/vllm-rate-limit.json", "concurrency limit");
	}

	@Override
	protected Failure serverError() {
		return new Failure(500, Map.of(), "compat/vllm-server-error.json", "CUDA out of memory");
	}

	@Override
	protected Failure badRequest() {
		return new Failure(400, Map.of(), "compat/vllm-error.json", "maximum context length is 4096 tokens");
	}

	@Override
	protected String answerFixture() {
		return "compat/ollama-reasoning.json";
	}

	@Override
	protected String malformedAnswer() {
		return "{\"choices\":[{\"message\":{\"content\":\"391\"}";
	}

	@Override
	protected String malformedAnswerSays() {
		return "not JSON";
	}

	private static ProviderRequest request(String model, String setting, int max) {
		return new ProviderRequest(model, setting, "What is 17 * 23?", max, null);
	}

	@Test
	void withoutDetailsReasoningIsUnknownAndReasoningTextIsNotTheAnswer() throws Exception {
		this.server.replyFixture(200, Map.of(), "compat/ollama-reasoning.json");

		ProviderReply reply = this.provider.complete(request("qwen3:8b", "default", 2000));

		assertThat(this.provider.name()).isEqualTo("ollama");
		assertThat(reply.text()).isEqualTo("391");
		assertThat(reply.usage().inputTokens()).isEqualTo(18);
		assertThat(reply.usage().outputTokens()).as("completion_tokens includes thinking").isEqualTo(120);
		assertThat(reply.usage().reasoningTokens()).as("no details: not reported, never estimated").isNull();
		assertThat(reply.usage().cachedInputTokens()).isNull();
		assertThat(reply.finishReason()).isEqualTo("stop");
		assertThat(reply.rawBody()).contains("17*20 = 340");
	}

	@Test
	void sendsChatShapeWithoutAuthorizationWhenNoKey() throws Exception {
		this.server.replyFixture(200, Map.of(), "compat/ollama-reasoning.json");

		this.provider.complete(request("qwen3:8b", "effort:low", 2000));

		FakeProviderServer.Received received = this.server.lastRequest();
		assertThat(received.path()).isEqualTo("/v1/chat/completions");
		assertThat(received.header("authorization")).isNull();
		JsonNode json = received.json();
		assertThat(json.get("model").asString()).isEqualTo("qwen3:8b");
		assertThat(json.get("max_tokens").asInt()).isEqualTo(2000);
		assertThat(json.get("reasoning_effort").asString()).isEqualTo("low");
		assertThat(json.get("messages").get(0).get("role").asString()).isEqualTo("user");
	}

	@Test
	void sendsBearerWhenKeyIsSetAndKeepsItOutOfTheReply() throws Exception {
		OpenAiCompatibleProvider openrouter = new OpenAiCompatibleProvider("openrouter",
				ProviderProperties.Endpoint.of(this.server.baseUrl() + "/api/v1", "sk-or-secret"),
				RestClient.builder());
		this.server.replyFixture(200, Map.of("x-request-id", "gen-1"), "compat/openrouter-details.json");

		ProviderReply reply = openrouter.complete(request("qwen/qwen3-32b", "default", 64));

		FakeProviderServer.Received received = this.server.lastRequest();
		assertThat(received.path()).isEqualTo("/api/v1/chat/completions");
		assertThat(received.header("authorization")).isEqualTo("Bearer sk-or-secret");
		assertThat(received.json().has("reasoning_effort")).isFalse();
		assertThat(reply.requestBody()).doesNotContain("sk-or-secret");
		assertThat(reply.headers()).containsEntry("x-request-id", "gen-1");
		assertThat(reply.headers().values()).noneMatch(v -> v.contains("sk-or-secret"));
		assertThat(reply.usage().reasoningTokens()).isEqualTo(64);
		assertThat(reply.usage().cachedInputTokens()).isZero();
		assertThat(reply.finishReason()).isEqualTo("length");
		assertThat(reply.text()).isEmpty();
	}

	@Test
	void reasoningContentIsNotTheAnswerAndNullDetailsAreAbsent() throws Exception {
		this.server.replyFixture(200, Map.of(), "compat/vllm-reasoning-content.json");

		ProviderReply reply = this.provider.complete(request("deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", "off", 500));

		assertThat(reply.text()).isEqualTo("The answer is 391.");
		assertThat(reply.usage().inputTokens()).isEqualTo(14);
		assertThat(reply.usage().outputTokens()).isEqualTo(200);
		assertThat(reply.usage().reasoningTokens()).isNull();
		assertThat(reply.usage().cachedInputTokens()).isNull();
		assertThat(this.server.lastRequest().json().has("reasoning_effort")).isFalse();
	}

	@Test
	void leadingThinkBlockIsCutFromTheAnswer() throws Exception {
		this.server.replyFixture(200, Map.of(), "compat/llamacpp-think-tags.json");

		ProviderReply reply = this.provider.complete(request("Qwen3-4B", "default", 500));

		assertThat(reply.text()).isEqualTo("391");
		assertThat(reply.rawBody()).contains("<think>");
	}

	@Test
	void configuredWithBaseUrlAloneAndRefusesBudgets() {
		OpenAiCompatibleProvider noUrl = new OpenAiCompatibleProvider("lmstudio", ProviderProperties.Endpoint.empty(),
				RestClient.builder());

		assertThat(this.provider.configured()).isTrue();
		assertThat(noUrl.configured()).isFalse();
		assertThat(this.provider.check("qwen3:8b", "thinking:1024").accepted()).isFalse();
		assertThat(this.provider.check("qwen3:8b", "effort:high").accepted()).isTrue();
		assertThat(this.provider.check("qwen3:8b", "effort:ludicrous").accepted()).isFalse();
	}

	@Test
	void serverErrorShapesKeepTheirMessage() {
		this.server.replyFixture(404, Map.of(), "compat/ollama-error.json");
		this.server.reply(502, Map.of(), "Bad Gateway");

		ProviderException notFound = failure(request("qwen3:70b", "default", 100));
		ProviderException gateway = failure(request("qwen3:8b", "default", 100));

		assertThat(notFound.retryable()).isFalse();
		assertThat(notFound.getMessage()).startsWith("ollama HTTP 404").contains("not found, try pulling it first");
		assertThat(gateway.retryable()).isTrue();
		assertThat(gateway.getMessage()).contains("Bad Gateway");
		// no usage came back with an error status: nothing was billed
		assertThat(notFound.billedUsage()).isNull();
		assertThat(gateway.billedUsage()).isNull();
	}

	@Test
	void aReplyWithUsageButNoAnswerFailsBilled() {
		this.server.reply(200, "{\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":50,"
				+ "\"prompt_tokens_details\":{\"cached_tokens\":20}}}");

		ProviderException ex = failure(request("qwen3:8b", "default", 100));

		assertThat(ex.retryable()).isFalse();
		assertThat(ex.getMessage()).contains("missing choices");
		assertThat(ex.billedUsage()).isEqualTo(new org.tokenyield.providers.Usage(100, 20L, null, 50L, null));
	}

	@Test
	void brokenBodyAfter200IsFinal() {
		this.server.reply(200, "{\"choices\":[{\"message\":{\"content\":\"391\"},\"finish_reason\":\"stop\"}]}");

		ProviderException ex = failure(request("qwen3:8b", "default", 100));

		assertThat(ex.retryable()).isFalse();
		assertThat(ex.getMessage()).contains("missing usage");
		assertThat(ex.billedUsage()).as("no usage reported: not known to be billed").isNull();
	}

}
