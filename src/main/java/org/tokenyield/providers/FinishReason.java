package org.tokenyield.providers;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Why a model stopped, in the four words a run stores ({@code stop}, {@code length},
 * {@code refusal}, {@code error}), read from the stop reasons providers report. One table
 * for every wire format and for imported runs, so a stop at the output cap counts as
 * truncated whichever harness reported it. Reasons are read in any case (Gemini reports
 * {@code MAX_TOKENS}, Anthropic {@code max_tokens}).
 */
public final class FinishReason {

	public static final String STOP = "stop";

	public static final String LENGTH = "length";

	public static final String REFUSAL = "refusal";

	public static final String ERROR = "error";

	private static final Map<String, String> REPORTED = reported();

	private FinishReason() {
	}

	private static Map<String, String> reported() {
		Map<String, String> map = new HashMap<>();
		// the model ended its answer
		for (String reason : List.of(STOP, "end_turn", "stop_sequence", "eos")) {
			map.put(reason, STOP);
		}
		// the output cap (or the context window) cut it
		for (String reason : List.of(LENGTH, "max_tokens", "max_output_tokens", "model_context_window_exceeded")) {
			map.put(reason, LENGTH);
		}
		// refused, filtered or blocked
		for (String reason : List.of(REFUSAL, "content_filter", "safety", "recitation", "prohibited_content",
				"blocklist", "spii", "image_safety")) {
			map.put(reason, REFUSAL);
		}
		map.put(ERROR, ERROR);
		return Map.copyOf(map);
	}

	/**
	 * The stored word for a reported stop reason; empty when the reason is not one of
	 * {@link #known()} (a provider's reply then counts it as an error).
	 */
	public static Optional<String> of(String reported) {
		return reported == null ? Optional.empty()
				: Optional.ofNullable(REPORTED.get(reported.toLowerCase(Locale.ROOT)));
	}

	/** The reported stop reasons this table reads, for messages. */
	public static String known() {
		return String.join(", ", REPORTED.keySet().stream().sorted().toList());
	}

}
