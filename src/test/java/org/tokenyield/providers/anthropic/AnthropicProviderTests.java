package org.tokenyield.providers.anthropic;

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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AnthropicProviderTests extends ProviderAdapterContractTests<AnthropicProvider> {

	private static final String KEY = "sk-ant-test-secret-key";

	@Override
	protected AnthropicProvider provider(Duration readTimeout) {
		ProviderProperties.Endpoint endpoint = ProviderProperties.Endpoint.of(this.server.baseUrl(), KEY)
			.withTimeouts(Duration.ofSeconds(2), readTimeout);
		return new AnthropicProvider(endpoint, RestClient.builder());
	}

	@Override
	protected ProviderRequest anyRequest() {
		return request("claude-sonnet-4-5", "default", 100);
	}

	@Override
	protected Failure rateLimited() {
		return new Failure(429, Map.of("retry-after", "17", "anthropic-ratelimit-requests-remaining", "0"),
				"anthropic/error-rate-limit.json", "50 requests per minute");
	}

	@Override
	protected Failure serverError() {
		return new Failure(500, Map.of(), "anthropic/error-api.json", "Internal server error");
	}

	@Override
	protected Failure badRequest() {
		return new Failure(400, Map.of(), "anthropic/error-invalid-request.json",
				"max_tokens: must be greater than thinking.budget_tokens");
	}

	@Override
	protected String answerFixture() {
		return "anthropic/message-max-tokens.json";
	}

	@Override
	protected String malformedAnswer() {
		return "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"4\"}]";
	}

	@Override
	protected String malformedAnswerSays() {
		return "not JSON";
	}

	private static ProviderRequest request(String model, String setting, int max) {
		return new ProviderRequest(model, setting, "What is 17 * 23?", max, null);
	}

	@Test
	void addsCacheFieldsToInputAndSkipsThinkingBlocks() throws Exception {
		this.server.replyFixture(200, Map.of("request-id", "req_abc", "anthropic-ratelimit-requests-remaining", "49",
				"x-unrelated", "dropped"), "anthropic/message-thinking.json");

		ProviderReply reply = this.provider.complete(request("claude-sonnet-4-5-20250929", "thinking:2048", 4096));

		assertThat(reply.usage().inputTokens()).isEqualTo(12 + 100 + 2048);
		assertThat(reply.usage().cachedInputTokens()).isEqualTo(2048);
		assertThat(reply.usage().cacheWriteTokens()).isEqualTo(100);
		assertThat(reply.usage().outputTokens()).isEqualTo(310);
		assertThat(reply.usage().reasoningTokens()).as("not reported, never estimated").isNull();
		assertThat(reply.text()).isEqualTo("17 × 23 = 391");
		assertThat(reply.finishReason()).isEqualTo("stop");
		assertThat(reply.rawBody()).isEqualTo(FakeProviderServer.fixture("anthropic/message-thinking.json"));
		assertThat(reply.headers()).containsEntry("request-id", "req_abc")
			.containsEntry("anthropic-ratelimit-requests-remaining", "49")
			.doesNotContainKey("x-unrelated");
	}

	@Test
	void sendsBudgetAndHeaders() throws Exception {
		this.server.replyFixture(200, Map.of(), "anthropic/message-thinking.json");

		ProviderReply reply = this.provider.complete(request("claude-sonnet-4-5-20250929", "thinking:2048", 4096));

		FakeProviderServer.Received received = this.server.lastRequest();
		assertThat(received.path()).isEqualTo("/v1/messages");
		assertThat(received.header("x-api-key")).isEqualTo(KEY);
		assertThat(received.header("anthropic-version")).isEqualTo("2023-06-01");
		assertThat(received.header("content-type")).startsWith("application/json");
		JsonNode json = received.json();
		assertThat(json.get("model").asString()).isEqualTo("claude-sonnet-4-5-20250929");
		assertThat(json.get("max_tokens").asInt()).isEqualTo(4096);
		assertThat(json.get("thinking").get("type").asString()).isEqualTo("enabled");
		assertThat(json.get("thinking").get("budget_tokens").asInt()).isEqualTo(2048);
		assertThat(json.has("output_config")).isFalse();
		assertThat(json.get("messages").get(0).get("content").asString()).isEqualTo("What is 17 * 23?");
		assertThat(reply.requestBody()).isEqualTo(received.body()).doesNotContain(KEY);
		assertThat(reply.headers().values()).noneMatch(v -> v.contains(KEY));
	}

	@Test
	void raisesMaxTokensAboveTheBudget() throws Exception {
		this.server.replyFixture(200, Map.of(), "anthropic/message-thinking.json");

		this.provider.complete(request("claude-sonnet-4-5", "thinking:8000", 1000));

		JsonNode json = this.server.lastRequest().json();
		assertThat(json.get("max_tokens").asInt()).isEqualTo(9000);
		assertThat(json.get("thinking").get("budget_tokens").asInt()).isEqualTo(8000);
	}

	@Test
	void sendsAdaptiveThinkingWithEffort() throws Exception {
		this.server.replyFixture(200, Map.of(), "anthropic/message-thinking-tokens.json");

		ProviderReply reply = this.provider.complete(request("claude-opus-4-7", "effort:medium", 2000));

		JsonNode json = this.server.lastRequest().json();
		assertThat(json.get("thinking").get("type").asString()).isEqualTo("adaptive");
		assertThat(json.get("thinking").has("budget_tokens")).isFalse();
		assertThat(json.get("output_config").get("effort").asString()).isEqualTo("medium");
		assertThat(json.get("max_tokens").asInt()).isEqualTo(2000);
		assertThat(reply.usage().reasoningTokens()).isEqualTo(132);
		assertThat(reply.usage().outputTokens()).isEqualTo(140);
		assertThat(reply.usage().inputTokens()).as("null cache fields count as none").isEqualTo(25);
		assertThat(reply.usage().cachedInputTokens()).isZero();
		assertThat(reply.text()).isEqualTo("Paris");
	}

	@Test
	void defaultAndOffSendNoThinking() throws Exception {
		this.server.replyFixture(200, Map.of(), "anthropic/message-max-tokens.json");
		this.server.replyFixture(200, Map.of(), "anthropic/message-max-tokens.json");

		this.provider.complete(request("claude-haiku-4-5", "default", 16));
		JsonNode first = this.server.lastRequest().json();
		this.provider.complete(request("claude-haiku-4-5", "off", 16));
		JsonNode second = this.server.lastRequest().json();

		assertThat(first.has("thinking")).isFalse();
		assertThat(first.has("output_config")).isFalse();
		assertThat(second.has("thinking")).isFalse();
	}

	@Test
	void truncatedAnswerAtTheLimitIsLength() throws Exception {
		this.server.replyFixture(200, Map.of(), "anthropic/message-max-tokens.json");

		ProviderReply reply = this.provider.complete(request("claude-haiku-4-5", "default", 16));

		assertThat(reply.finishReason()).isEqualTo("length");
		assertThat(reply.text()).isEqualTo("Let me work through this step by step. First, we");
		assertThat(reply.usage().outputTokens()).isEqualTo(16);
	}

	@Test
	void refusalIsRefusal() throws Exception {
		this.server.replyFixture(200, Map.of(), "anthropic/message-refusal.json");

		ProviderReply reply = this.provider.complete(request("claude-sonnet-4-5", "default", 100));

		assertThat(reply.finishReason()).isEqualTo("refusal");
		assertThat(reply.text()).isEmpty();
	}

	@Test
	void checkRefusesWhatModelsCannotTake() {
		assertThat(this.provider.check("claude-sonnet-4-5", "thinking:512").accepted()).isFalse();
		assertThat(this.provider.check("claude-sonnet-4-5", "thinking:512").reason()).contains("1024");
		assertThat(this.provider.check("claude-sonnet-4-5", "thinking:1024").accepted()).isTrue();
		assertThat(this.provider.check("claude-opus-4-7", "thinking:4096").accepted()).isFalse();
		assertThat(this.provider.check("claude-opus-4-7", "effort:high").accepted()).isTrue();
		assertThat(this.provider.check("claude-sonnet-4-6", "effort:low").accepted()).isTrue();
		assertThat(this.provider.check("claude-sonnet-4-5-20250929", "effort:low").accepted()).isFalse();
		assertThat(this.provider.check("claude-3-5-haiku-20241022", "thinking:2048").accepted()).isFalse();
		assertThat(this.provider.check("claude-3-7-sonnet-20250219", "thinking:2048").accepted()).isTrue();
		assertThat(this.provider.check("claude-opus-4-7", "effort:extreme").accepted()).isFalse();
		assertThat(this.provider.check("claude-opus-4-7", "sideways").accepted()).isFalse();
		assertThat(this.provider.check("claude-opus-4-20250514", "thinking:2048").accepted()).isTrue();
	}

	@Test
	void refusedSettingIsNeverSent() {
		assertThatExceptionOfType(ProviderException.class)
			.isThrownBy(() -> this.provider.complete(request("claude-sonnet-4-5", "thinking:100", 1000)))
			.satisfies(ex -> assertThat(ex.retryable()).isFalse());
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void countsTokensWithoutInference() throws Exception {
		this.server.replyFixture(200, Map.of(), "anthropic/count-tokens.json");

		long count = this.provider.countInputTokens("claude-opus-4-7", "Hello, Claude");

		assertThat(count).isEqualTo(2095);
		FakeProviderServer.Received received = this.server.lastRequest();
		assertThat(received.path()).isEqualTo("/v1/messages/count_tokens");
		assertThat(received.header("x-api-key")).isEqualTo(KEY);
		assertThat(received.json().get("messages").get(0).get("content").asString()).isEqualTo("Hello, Claude");
		assertThat(received.json().has("max_tokens")).isFalse();
	}

	@Test
	void overloadedIsRetryable() {
		this.server.replyFixture(529, Map.of(), "anthropic/error-overloaded.json");

		ProviderException ex = failure(request("claude-sonnet-4-5", "default", 100));

		assertThat(ex.retryable()).isTrue();
		assertThat(ex.httpStatus()).isEqualTo(529);
		assertThat(ex.getMessage()).contains("overloaded_error");
	}

	@Test
	void aBadKeyIsFinalAndNeverShown() {
		this.server.replyFixture(401, Map.of(), "anthropic/error-authentication.json");

		ProviderException unauthorized = failure(request("claude-sonnet-4-5", "default", 100));

		assertThat(unauthorized.retryable()).isFalse();
		assertThat(unauthorized.getMessage()).contains("invalid x-api-key").doesNotContain(KEY);
	}

	@Test
	void anAnswerWithoutUsageIsFinalAndNotBilled() {
		this.server.reply(200, "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[],\"stop_reason\":\"end_turn\"}");

		ProviderException noUsage = failure(request("claude-sonnet-4-5", "default", 100));

		assertThat(noUsage.retryable()).isFalse();
		assertThat(noUsage.getMessage()).contains("missing usage");
		assertThat(noUsage.billedUsage()).isNull();
	}

	@Test
	void aReplyWithUsageButNoContentFailsBilled() {
		// input = input_tokens + cache writes + cache reads = 10 + 5 + 85 = 100, of which
		// 85 read from cache
		this.server.reply(200, "{\"id\":\"msg_1\",\"type\":\"message\",\"stop_reason\":\"end_turn\",\"usage\":"
				+ "{\"input_tokens\":10,\"cache_creation_input_tokens\":5,\"cache_read_input_tokens\":85,\"output_tokens\":40}}");

		ProviderException ex = failure(request("claude-sonnet-4-5", "default", 100));

		assertThat(ex.retryable()).isFalse();
		assertThat(ex.getMessage()).contains("missing content array");
		assertThat(ex.billedUsage()).isEqualTo(new org.tokenyield.providers.Usage(100, 85L, 5L, 40L, null));
	}

	@Test
	void withoutKeyNotConfiguredAndNeverCalls() {
		AnthropicProvider keyless = new AnthropicProvider(ProviderProperties.Endpoint.of(this.server.baseUrl(), " "),
				RestClient.builder());

		assertThat(keyless.configured()).isFalse();
		assertThatExceptionOfType(ProviderException.class)
			.isThrownBy(() -> keyless.complete(request("claude-sonnet-4-5", "default", 100)));
		assertThat(this.server.received()).isEmpty();
	}

}
