package org.tokenyield.providers.openai;

import java.time.Duration;
import java.util.List;
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

class OpenAiProviderTests extends ProviderAdapterContractTests<OpenAiProvider> {

	private static final String KEY = "sk-proj-test-secret-key";

	@Override
	protected OpenAiProvider provider(Duration readTimeout) {
		ProviderProperties.OpenAi props = new ProviderProperties.OpenAi(this.server.baseUrl() + "/v1/", KEY, null, null,
				null, null, Duration.ofSeconds(2), readTimeout, List.of("gpt-4o", "o3-mini*"));
		return new OpenAiProvider(props, RestClient.builder());
	}

	@Override
	protected ProviderRequest anyRequest() {
		return request("o4-mini", "default", 100);
	}

	@Override
	protected Failure rateLimited() {
		return new Failure(429, Map.of("retry-after", "3"), "openai/error-rate-limit.json",
				"Please try again in 120ms");
	}

	@Override
	protected Failure serverError() {
		return new Failure(500, Map.of(), "openai/error-server.json", "The server had an error");
	}

	@Override
	protected Failure badRequest() {
		return new Failure(400, Map.of(), "openai/error-invalid-request.json",
				"Unsupported parameter: 'reasoning.effort'");
	}

	@Override
	protected String answerFixture() {
		return "openai/responses-reasoning.json";
	}

	@Override
	protected String malformedAnswer() {
		return "<html>gateway says hi</html>";
	}

	@Override
	protected String malformedAnswerSays() {
		return "not JSON";
	}

	private static ProviderRequest request(String model, String setting, int max) {
		return new ProviderRequest(model, setting, "What is 17 * 23?", max, null);
	}

	@Test
	void responsesKeepCachedAndReasoningInsideTotals() throws Exception {
		this.server.replyFixture(200, Map.of("x-request-id", "req_123", "x-ratelimit-remaining-requests", "499",
				"openai-organization", "org-dropped"), "openai/responses-reasoning.json");

		ProviderReply reply = this.provider.complete(request("o4-mini", "effort:high", 4000));

		assertThat(reply.usage().inputTokens()).isEqualTo(1200);
		assertThat(reply.usage().cachedInputTokens()).isEqualTo(1024);
		assertThat(reply.usage().cacheWriteTokens()).isNull();
		assertThat(reply.usage().outputTokens()).isEqualTo(600);
		assertThat(reply.usage().reasoningTokens()).isEqualTo(512);
		assertThat(reply.text()).isEqualTo("17 × 23 = 391").doesNotContain("Multiplying");
		assertThat(reply.finishReason()).isEqualTo("stop");
		assertThat(reply.rawBody()).isEqualTo(FakeProviderServer.fixture("openai/responses-reasoning.json"));
		assertThat(reply.headers()).containsEntry("x-request-id", "req_123")
			.containsEntry("x-ratelimit-remaining-requests", "499")
			.doesNotContainKey("openai-organization");
	}

	@Test
	void responsesRequestCarriesEffortCapAndBearer() throws Exception {
		this.server.replyFixture(200, Map.of(), "openai/responses-reasoning.json");

		ProviderReply reply = this.provider.complete(request("o4-mini", "effort:high", 4000));

		FakeProviderServer.Received received = this.server.lastRequest();
		assertThat(received.path()).isEqualTo("/v1/responses");
		assertThat(received.header("authorization")).isEqualTo("Bearer " + KEY);
		JsonNode json = received.json();
		assertThat(json.get("model").asString()).isEqualTo("o4-mini");
		assertThat(json.get("input").asString()).isEqualTo("What is 17 * 23?");
		assertThat(json.get("reasoning").get("effort").asString()).isEqualTo("high");
		assertThat(json.get("max_output_tokens").asInt()).isEqualTo(4000);
		assertThat(json.has("max_completion_tokens")).isFalse();
		assertThat(reply.requestBody()).isEqualTo(received.body()).doesNotContain(KEY);
		assertThat(reply.headers().values()).noneMatch(v -> v.contains(KEY));
	}

	@Test
	void defaultSendsNoReasoningAndOffTurnsSwitchableModelsOff() throws Exception {
		this.server.replyFixture(200, Map.of(), "openai/responses-reasoning.json");
		this.server.replyFixture(200, Map.of(), "openai/responses-reasoning.json");

		this.provider.complete(request("gpt-5.1", "default", 1000));
		JsonNode byDefault = this.server.lastRequest().json();
		this.provider.complete(request("gpt-5.1", "off", 1000));
		JsonNode off = this.server.lastRequest().json();

		assertThat(byDefault.has("reasoning")).isFalse();
		assertThat(off.get("reasoning").get("effort").asString()).isEqualTo("none");
	}

	@Test
	void incompleteAtTheCapIsLength() throws Exception {
		this.server.replyFixture(200, Map.of(), "openai/responses-incomplete.json");

		ProviderReply reply = this.provider.complete(request("gpt-5", "effort:medium", 300));

		assertThat(reply.finishReason()).isEqualTo("length");
		assertThat(reply.text()).isEmpty();
		assertThat(reply.usage().outputTokens()).isEqualTo(300);
		assertThat(reply.usage().reasoningTokens()).isEqualTo(300);
	}

	@Test
	void refusalContentIsRefusal() throws Exception {
		this.server.replyFixture(200, Map.of(), "openai/responses-refusal.json");

		ProviderReply reply = this.provider.complete(request("gpt-4.1", "default", 300));

		assertThat(reply.finishReason()).isEqualTo("refusal");
		assertThat(reply.text()).isEmpty();
	}

	@Test
	void configuredModelsUseChatCompletions() throws Exception {
		this.server.replyFixture(200, Map.of(), "openai/chat-completion.json");

		ProviderReply reply = this.provider.complete(request("o3-mini-2025-01-31", "effort:low", 2000));

		FakeProviderServer.Received received = this.server.lastRequest();
		assertThat(received.path()).isEqualTo("/v1/chat/completions");
		assertThat(received.header("authorization")).isEqualTo("Bearer " + KEY);
		JsonNode json = received.json();
		assertThat(json.get("reasoning_effort").asString()).isEqualTo("low");
		assertThat(json.get("max_completion_tokens").asInt()).isEqualTo(2000);
		assertThat(json.has("max_output_tokens")).isFalse();
		assertThat(json.get("messages").get(0).get("content").asString()).isEqualTo("What is 17 * 23?");
		assertThat(reply.usage().inputTokens()).isEqualTo(1117);
		assertThat(reply.usage().cachedInputTokens()).isEqualTo(1024);
		assertThat(reply.usage().outputTokens()).isEqualTo(46);
		assertThat(reply.usage().reasoningTokens()).isEqualTo(32);
		assertThat(reply.text()).isEqualTo("The answer is 391.");
		assertThat(reply.finishReason()).isEqualTo("stop");
	}

	@Test
	void chatLengthIsLength() throws Exception {
		this.server.replyFixture(200, Map.of(), "openai/chat-completion-length.json");

		ProviderReply reply = this.provider.complete(request("gpt-4o", "default", 8));

		assertThat(this.server.lastRequest().path()).isEqualTo("/v1/chat/completions");
		assertThat(this.server.lastRequest().json().has("reasoning_effort")).isFalse();
		assertThat(reply.finishReason()).isEqualTo("length");
		assertThat(reply.text()).isEqualTo("Step 1: write 17 as");
	}

	@Test
	void checkRefusesBudgetsAndEffortOnNonReasoningModels() {
		assertThat(this.provider.check("o3", "thinking:2048").accepted()).isFalse();
		assertThat(this.provider.check("o3", "thinking:2048").reason()).contains("effort");
		assertThat(this.provider.check("gpt-4o", "effort:high").accepted()).isFalse();
		assertThat(this.provider.check("o3", "off").accepted()).isFalse();
		assertThat(this.provider.check("gpt-5.2", "off").accepted()).isTrue();
		assertThat(this.provider.check("gpt-4.1", "off").accepted()).isTrue();
		assertThat(this.provider.check("gpt-5", "effort:minimal").accepted()).isTrue();
		assertThat(this.provider.check("gpt-5", "effort:turbo").accepted()).isFalse();
	}

	@Test
	void aRateLimitWithoutRetryAfterIsRetriedAfterItsResetHeaders() {
		this.server.replyFixture(429, Map.of("x-ratelimit-reset-requests", "6m0s", "x-ratelimit-reset-tokens", "1.5s"),
				"openai/error-rate-limit.json");
		this.server.replyFixture(429, Map.of("x-ratelimit-reset-tokens", "20ms"), "openai/error-rate-limit.json");

		ProviderException withResets = failure(request("o4-mini", "default", 100));
		ProviderException withMillis = failure(request("o4-mini", "default", 100));

		assertThat(withResets.retryable()).isTrue();
		assertThat(withResets.retryAfter()).isEqualTo(Duration.ofMinutes(6));
		assertThat(withMillis.retryAfter()).isEqualTo(Duration.ofMillis(20));
	}

	@Test
	void insufficientQuotaIsFinal() {
		this.server.replyFixture(429, Map.of(), "openai/error-insufficient-quota.json");

		ProviderException ex = failure(request("o4-mini", "default", 100));

		assertThat(ex.retryable()).isFalse();
		assertThat(ex.httpStatus()).isEqualTo(429);
		assertThat(ex.getMessage()).contains("You exceeded your current quota");
	}

	@Test
	void anHtmlGatewayErrorIsRetriedAndABadKeyIsFinal() {
		this.server.reply(503, Map.of(), "<html><body>503 Service Unavailable</body></html>");
		this.server.replyFixture(401, Map.of(), "openai/error-invalid-key.json");

		ProviderException unavailable = failure(request("o4-mini", "default", 100));
		ProviderException unauthorized = failure(request("o4-mini", "default", 100));

		assertThat(unavailable.retryable()).isTrue();
		assertThat(unavailable.getMessage()).contains("503 Service Unavailable");
		assertThat(unauthorized.retryable()).isFalse();
		assertThat(unauthorized.httpStatus()).isEqualTo(401);
		assertThat(unauthorized.getMessage()).contains("invalid_api_key").doesNotContain(KEY);
	}

	@Test
	void connectionRefusedIsRetryable() {
		String deadUrl = this.server.baseUrl();
		this.server.close();
		OpenAiProvider provider = new OpenAiProvider(new ProviderProperties.OpenAi(deadUrl, KEY, null, null, null, null,
				Duration.ofSeconds(1), Duration.ofSeconds(1), null), RestClient.builder());

		ProviderException ex = FakeProviderServer.failureOf(provider, request("o4-mini", "default", 100));

		assertThat(ex).isNotNull();
		assertThat(ex.retryable()).isTrue();
		assertThat(ex.httpStatus()).isZero();
		this.server = new FakeProviderServer();
	}

	@Test
	void aTokenCountThatIsNotANumberIsFinal() {
		this.server.reply(200,
				"{\"id\":\"resp_1\",\"status\":\"completed\",\"output\":[],\"usage\":{\"input_tokens\":\"many\"}}");

		ProviderException badUsage = failure(request("o4-mini", "default", 100));

		assertThat(badUsage.retryable()).isFalse();
		assertThat(badUsage.getMessage()).contains("usage.input_tokens");
	}

	@Test
	void notConfiguredWithoutKey() {
		OpenAiProvider keyless = new OpenAiProvider(
				new ProviderProperties.OpenAi(this.server.baseUrl(), null, null, null, null, null, null, null, null),
				RestClient.builder());

		assertThat(keyless.configured()).isFalse();
		assertThat(this.provider.configured()).isTrue();
	}

}
