package org.tokenyield.analytics.calc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FamilyTokenizerTests {

	@Test
	void eachFamilyCountsWithItsOwnVocabulary() {
		assertThat(FamilyTokenizer.encodingOf("openai", "gpt-5", "gpt-5")).isEqualTo("o200k_base");
		assertThat(FamilyTokenizer.encodingOf("anthropic", "claude-opus", "claude-opus-4-7")).isEqualTo("claude2");
		assertThat(FamilyTokenizer.encodingOf("together", "llama-3.3", "meta-llama/Llama-3.3-70B")).isEqualTo("llama3");
		assertThat(FamilyTokenizer.encodingOf("external", "qwen3", "qwen3-32b")).isEqualTo("qwen3");
		assertThat(FamilyTokenizer.encodingOf("external", "harness", "openai/o3")).isEqualTo("o200k_base");
		assertThat(FamilyTokenizer.encodingOf("external", "claude", "claude-sonnet")).isEqualTo("claude2");
	}

	@Test
	void aFamilyWithoutAShippedTokenizerHasNone() {
		assertThat(FamilyTokenizer.encodingOf("gemini", "gemini-2.5", "gemini-2.5-pro")).isNull();
		assertThat(FamilyTokenizer.encodingOf("simulator", "sim-alpha", "sim-alpha-1")).isNull();
		// "o3" only as a whole name part, not inside another word
		assertThat(FamilyTokenizer.encodingOf("external", "foo3", "proto3")).isNull();
	}

}
