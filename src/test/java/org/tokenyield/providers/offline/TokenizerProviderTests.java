package org.tokenyield.providers.offline;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.tokenyield.providers.ProviderException;
import org.tokenyield.providers.ProviderReply;
import org.tokenyield.providers.ProviderRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TokenizerProviderTests {

	private static final String CJK = "東京は日本の首都です。京都は古い都で、多くの寺があります。"
			+ "我们今天去图书馆学习中文。서울은 한국의 수도입니다.";

	private final TokenizerProvider provider = new TokenizerProvider();

	@Test
	void describesItselfAsAnOfflineCounter() {
		assertThat(this.provider.name()).isEqualTo("tokenizer");
		assertThat(this.provider.configured()).isTrue();
		assertThat(this.provider.generates()).isFalse();
	}

	@Test
	void countsKnownTexts() throws ProviderException {
		assertThat(count("cl100k_base", "hello world")).isEqualTo(2);
		assertThat(count("o200k_base", "hello world")).isEqualTo(2);
		assertThat(count("r50k_base", "hello world")).isEqualTo(2);
		assertThat(count("cl100k_base", "")).isZero();
		// the classic tiktoken example
		assertThat(count("cl100k_base", "tiktoken is great!")).isEqualTo(6);
	}

	@Test
	void encodingsDisagreeOnCjkText() throws ProviderException {
		long r50k = count("r50k_base", CJK);
		long cl100k = count("cl100k_base", CJK);
		long o200k = count("o200k_base", CJK);
		assertThat(r50k).isNotEqualTo(cl100k);
		assertThat(cl100k).isNotEqualTo(o200k);
		assertThat(o200k).isLessThanOrEqualTo(cl100k);
		assertThat(cl100k).isLessThan(r50k);
	}

	@Test
	void countsSpecialTokenTextAsOrdinaryText() throws ProviderException {
		assertThat(count("cl100k_base", "before <|endoftext|> after")).isGreaterThan(3);
	}

	@Test
	void replyCarriesOnlyInputUsageAndSmallBodies() throws ProviderException {
		String text = "How many tokens is this sentence?";
		ProviderReply reply = this.provider.complete(new ProviderRequest("cl100k_base", "default", text, 0, null));
		assertThat(reply.text()).isNull();
		assertThat(reply.finishReason()).isEqualTo("stop");
		assertThat(reply.usage().outputTokens()).isNull();
		assertThat(reply.usage().reasoningTokens()).isNull();
		assertThat(reply.latencyMs()).isNotNegative();
		JsonNode sent = JsonMapper.shared().readTree(reply.requestBody());
		assertThat(sent.get("encoding").asString()).isEqualTo("cl100k_base");
		assertThat(sent.get("chars").asInt()).isEqualTo(text.length());
		JsonNode received = JsonMapper.shared().readTree(reply.rawBody());
		assertThat(received.get("input_tokens").asLong()).isEqualTo(reply.usage().inputTokens());
		assertThat(reply.usage().inputTokens()).isEqualTo(this.provider.count("cl100k_base", text));
	}

	@Test
	void refusesUnknownEncodingsAndSettings() {
		assertThat(this.provider.check("cl100k_base", "default").accepted()).isTrue();
		assertThat(this.provider.check("gpt2", "default").accepted()).isFalse();
		assertThat(this.provider.check("p50k_edit", "default").accepted()).isFalse();
		assertThat(this.provider.check("o200k_base", "thinking:1024").reason()).contains("default");
		assertThatExceptionOfType(ProviderException.class)
			.isThrownBy(() -> this.provider.complete(new ProviderRequest("llama3", "default", "x", 0, null)))
			.satisfies((ex) -> assertThat(ex.retryable()).isFalse())
			.withMessageContaining("llama3");
		assertThatExceptionOfType(ProviderException.class)
			.isThrownBy(() -> this.provider.complete(new ProviderRequest("cl100k_base", "effort:high", "x", 0, null)))
			.satisfies((ex) -> assertThat(ex.retryable()).isFalse());
	}

	private long count(String encoding, String text) throws ProviderException {
		return this.provider.complete(new ProviderRequest(encoding, "default", text, 0, null)).usage().inputTokens();
	}

}
