package org.tokenyield.providers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one table of stop reasons, read by every provider's reply and by imports: each wire
 * format's words, in any case; an unknown word is not guessed.
 */
class FinishReasonTests {

	@Test
	void eachWireFormatsWordsAreRead() {
		for (String stop : new String[] { "stop", "end_turn", "stop_sequence", "eos", "STOP" }) {
			assertThat(FinishReason.of(stop)).as(stop).contains(FinishReason.STOP);
		}
		for (String cap : new String[] { "length", "max_tokens", "MAX_TOKENS", "max_output_tokens",
				"model_context_window_exceeded" }) {
			assertThat(FinishReason.of(cap)).as(cap).contains(FinishReason.LENGTH);
		}
		for (String refused : new String[] { "refusal", "content_filter", "SAFETY", "RECITATION" }) {
			assertThat(FinishReason.of(refused)).as(refused).contains(FinishReason.REFUSAL);
		}
		assertThat(FinishReason.of("error")).contains(FinishReason.ERROR);
	}

	@Test
	void anUnknownReasonIsNotGuessed() {
		assertThat(FinishReason.of(null)).isEmpty();
		assertThat(FinishReason.of("lenght")).isEmpty();
		assertThat(FinishReason.of("tool_use")).isEmpty();
		assertThat(FinishReason.known()).contains("max_tokens", "length", "end_turn").doesNotContain("tool_use");
	}

}
