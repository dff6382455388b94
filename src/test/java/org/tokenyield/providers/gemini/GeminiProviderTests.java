package org.tokenyield.providers.gemini;

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

class GeminiProviderTests extends ProviderAdapterContractTests<GeminiProvider> {

	private static final String KEY = "AIza-test-secret-key";

	@Override
	protected GeminiProvider provider(Duration readTimeout) {
		return new GeminiProvider(ProviderProperties.Endpoint.of(this.server.baseUrl(), KEY)
			.withTimeouts(Duration.ofSeconds(2), readTimeout), RestClient.builder());
	}

	@Override
	protected ProviderRequest anyRequest() {
		return request("gemini-2.5-flash", "default", 100);
	}

	@Override
	protected Failure rateLimited() {
		return new Failure(429, Map.of("retry-after", "5"), "gemini/error-resource-exhausted.json",
				"You exceeded your current quota");
	}

	@Override
	protected Failure serverError() {
		return new Failure(500, Map.of(), "gemini/error-internal.json", "An internal error has occurred");
	}

	@Override
	protected Failure badRequest() {
		return new Failure(400, Map.of(), "gemini/error-invalid-argument.json", "not supported together");
	}

	@Override
	protected String answerFixture() {
		return "gemini/generate-thinking.json";
	}

	@Override
	protected String malformedAnswer() {
		return "";
	}

	@Override
	protected String malformedAnswerSays() {
		return "empty body";
	}

	private static ProviderRequest request(String model, String setting, int max) {
		return new ProviderRequest(model, setting, "What is 17 * 23?", max, null);
	}

	@Test
	void addsThoughtsToOutputAndSkipsThoughtParts() throws Exception {
		this.server.replyFixture(200, Map.of("x-request-id", "abc"), "gemini/generate-thinking.json");

		ProviderReply reply = this.provider.complete(request("gemini-2.5-flash", "thinking:1024", 4096));

		assertThat(reply.usage().inputTokens()).isEqualTo(1500);
		assertThat(reply.usage().cachedInputTokens()).isEqualTo(1024);
		assertThat(reply.usage().outputTokens()).isEqualTo(12 + 243);
		assertThat(reply.usage().reasoningTokens()).isEqualTo(243);
		assertThat(reply.text()).isEqualTo("17 × 23 = 391").doesNotContain("Computing");
		assertThat(reply.finishReason()).isEqualTo("stop");
		assertThat(reply.rawBody()).isEqualTo(FakeProviderServer.fixture("gemini/generate-thinking.json"));
		assertThat(reply.headers()).containsEntry("x-request-id", "abc");
	}

	@Test
	void sendsBudgetKeyHeaderAndCap() throws Exception {
		this.server.replyFixture(200, Map.of(), "gemini/generate-thinking.json");

		ProviderReply reply = this.provider.complete(request("models/gemini-2.5-flash", "thinking:1024", 4096));

		FakeProviderServer.Received received = this.server.lastRequest();
		assertThat(received.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
		assertThat(received.header("x-goog-api-key")).isEqualTo(KEY);
		assertThat(received.query()).isNull();
		JsonNode config = received.json().get("generationConfig");
		assertThat(config.get("maxOutputTokens").asInt()).isEqualTo(4096);
		assertThat(config.get("thinkingConfig").get("thinkingBudget").asInt()).isEqualTo(1024);
		assertThat(config.get("thinkingConfig").has("thinkingLevel")).isFalse();
		assertThat(received.json().get("contents").get(0).get("parts").get(0).get("text").asString())
			.isEqualTo("What is 17 * 23?");
		assertThat(reply.requestBody()).isEqualTo(received.body()).doesNotContain(KEY);
		assertThat(reply.headers().values()).noneMatch(v -> v.contains(KEY));
	}

	@Test
	void sendsLevelForGemini3AndNeverBoth() throws Exception {
		this.server.replyFixture(200, Map.of(), "gemini/generate-thinking.json");

		this.provider.complete(request("gemini-3-pro-preview", "effort:low", 4096));

		JsonNode thinking = this.server.lastRequest().json().get("generationConfig").get("thinkingConfig");
		assertThat(thinking.get("thinkingLevel").asString()).isEqualTo("low");
		assertThat(thinking.has("thinkingBudget")).isFalse();
	}

	@Test
	void offIsZeroBudgetAndDefaultSendsNoThinkingConfig() throws Exception {
		this.server.replyFixture(200, Map.of(), "gemini/generate-no-thoughts.json");
		this.server.replyFixture(200, Map.of(), "gemini/generate-no-thoughts.json");

		ProviderReply off = this.provider.complete(request("gemini-2.5-flash", "off", 100));
		JsonNode offJson = this.server.lastRequest().json();
		this.provider.complete(request("gemini-2.5-flash", "default", 100));
		JsonNode defaultJson = this.server.lastRequest().json();

		assertThat(offJson.get("generationConfig").get("thinkingConfig").get("thinkingBudget").asInt()).isZero();
		assertThat(defaultJson.get("generationConfig").has("thinkingConfig")).isFalse();
		assertThat(off.usage().reasoningTokens()).as("absent thoughtsTokenCount is zero (proto3 JSON)").isZero();
		assertThat(off.usage().outputTokens()).isEqualTo(1);
		assertThat(off.usage().cachedInputTokens()).isZero();
		assertThat(off.text()).isEqualTo("Paris");
	}

	@Test
	void truncatedByTheCapIsLengthWithThoughtsCounted() throws Exception {
		this.server.replyFixture(200, Map.of(), "gemini/generate-max-tokens.json");

		ProviderReply reply = this.provider.complete(request("gemini-3-pro-preview", "effort:high", 100));

		assertThat(reply.finishReason()).isEqualTo("length");
		assertThat(reply.text()).isEmpty();
		assertThat(reply.usage().outputTokens()).isEqualTo(100);
		assertThat(reply.usage().reasoningTokens()).isEqualTo(100);
	}

	@Test
	void safetyAndBlockedPromptsAreRefusals() throws Exception {
		this.server.replyFixture(200, Map.of(), "gemini/generate-safety.json");
		this.server.replyFixture(200, Map.of(), "gemini/generate-prompt-blocked.json");

		ProviderReply safety = this.provider.complete(request("gemini-2.5-flash", "default", 100));
		ProviderReply blocked = this.provider.complete(request("gemini-2.5-flash", "default", 100));

		assertThat(safety.finishReason()).isEqualTo("refusal");
		assertThat(safety.text()).isEmpty();
		assertThat(safety.usage().inputTokens()).isEqualTo(20);
		assertThat(blocked.finishReason()).isEqualTo("refusal");
		assertThat(blocked.usage().inputTokens()).isEqualTo(31);
		assertThat(blocked.usage().outputTokens()).isZero();
	}

	@Test
	void checkRefusesWhatModelsCannotTake() {
		assertThat(this.provider.check("gemini-2.5-flash", "effort:low").accepted()).isFalse();
		assertThat(this.provider.check("gemini-2.5-flash", "effort:low").reason()).contains("thinkingLevel");
		assertThat(this.provider.check("gemini-3-pro-preview", "thinking:2048").accepted()).isFalse();
		assertThat(this.provider.check("gemini-3-pro-preview", "off").accepted()).isFalse();
		assertThat(this.provider.check("gemini-3-pro-preview", "effort:minimal").accepted()).isFalse();
		assertThat(this.provider.check("gemini-3-flash-preview", "effort:minimal").accepted()).isTrue();
		assertThat(this.provider.check("gemini-2.5-pro", "off").accepted()).isFalse();
		assertThat(this.provider.check("gemini-2.5-pro", "thinking:64").accepted()).isFalse();
		assertThat(this.provider.check("gemini-2.5-pro", "thinking:128").accepted()).isTrue();
		assertThat(this.provider.check("gemini-2.5-flash", "thinking:30000").accepted()).isFalse();
		assertThat(this.provider.check("gemini-2.5-flash-lite", "thinking:256").accepted()).isFalse();
		assertThat(this.provider.check("gemini-2.5-flash-lite", "off").accepted()).isTrue();
		assertThat(this.provider.check("gemini-2.0-flash", "thinking:1024").accepted()).isFalse();
		assertThat(this.provider.check("gemini-2.0-flash", "default").accepted()).isTrue();
	}

	@Test
	void countsTokensWithoutInference() throws Exception {
		this.server.replyFixture(200, Map.of(), "gemini/count-tokens.json");

		long count = this.provider.countInputTokens("gemini-2.5-flash", "The quick brown fox");

		assertThat(count).isEqualTo(31);
		FakeProviderServer.Received received = this.server.lastRequest();
		assertThat(received.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:countTokens");
		assertThat(received.header("x-goog-api-key")).isEqualTo(KEY);
		assertThat(received.json().get("contents").get(0).get("parts").get(0).get("text").asString())
			.isEqualTo("The quick brown fox");
	}

	@Test
	void resourceExhaustedWithoutRetryAfterIsRetriedAfterItsRetryInfoDelay() {
		this.server.replyFixture(429, Map.of(), "gemini/error-resource-exhausted.json");

		ProviderException fromDetails = failure(request("gemini-2.5-flash", "default", 100));

		assertThat(fromDetails.retryable()).isTrue();
		assertThat(fromDetails.retryAfter()).isEqualTo(Duration.ofSeconds(37));
		assertThat(fromDetails.getMessage()).contains("RESOURCE_EXHAUSTED").contains("You exceeded your current quota");
	}

	@Test
	void unavailableIsRetried() {
		this.server.replyFixture(503, Map.of(), "gemini/error-unavailable.json");

		ProviderException unavailable = failure(request("gemini-2.5-flash", "default", 100));

		assertThat(unavailable.retryable()).isTrue();
		assertThat(unavailable.getMessage()).contains("The model is overloaded");
	}

	@Test
	void aBadKeyAndPermissionDeniedAreFinal() {
		this.server.replyFixture(400, Map.of(), "gemini/error-api-key-invalid.json");
		this.server.replyFixture(403, Map.of(), "gemini/error-permission-denied.json");

		ProviderException badKey = failure(request("gemini-2.5-flash", "default", 100));
		ProviderException denied = failure(request("gemini-2.5-flash", "default", 100));

		assertThat(badKey.retryable()).isFalse();
		assertThat(badKey.getMessage()).contains("API key not valid").doesNotContain(KEY);
		assertThat(denied.retryable()).isFalse();
		assertThat(denied.httpStatus()).isEqualTo(403);
	}

	@Test
	void anAnswerWithoutUsageIsFinal() {
		this.server.reply(200,
				"{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"391\"}]},\"finishReason\":\"STOP\"}]}");

		ProviderException noUsage = failure(request("gemini-2.5-flash", "default", 100));

		assertThat(noUsage.retryable()).isFalse();
		assertThat(noUsage.getMessage()).contains("missing usageMetadata");
	}

	@Test
	void notConfiguredWithoutKey() {
		GeminiProvider keyless = new GeminiProvider(ProviderProperties.Endpoint.of(this.server.baseUrl(), null),
				RestClient.builder());

		assertThat(keyless.configured()).isFalse();
		assertThat(this.provider.configured()).isTrue();
	}

}
