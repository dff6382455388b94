package org.tokenyield.providers.offline;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The bodies a simulated run stores in its reproduction bundle, as a real provider's
 * request and reply would be: what was asked (model, setting, budget, sample, prompt,
 * cap) and what came back, labelled {@code "simulated": true} and with the latent draws
 * that decided it.
 */
final class SimulatedExchange {

	private SimulatedExchange() {
	}

	/** The request, as sent. */
	static String sent(SimulatedProfile profile, SimulatedSetting setting, int sample, long promptId, String text,
			int maxOutputTokens) {
		Map<String, Object> sent = new LinkedHashMap<>();
		sent.put("model", profile.apiModel());
		sent.put("setting", setting.label());
		sent.put("thinking_budget", setting.budget());
		sent.put("sample", sample);
		sent.put("prompt_id", promptId);
		sent.put("prompt_chars", text.codePointCount(0, text.length()));
		sent.put("max_output_tokens", maxOutputTokens);
		return JsonMapper.shared().writeValueAsString(sent);
	}

	/**
	 * The reply, as received.
	 * @param correct whether the answer line carries the right answer (false when it was
	 * cut off)
	 */
	static String received(SimulatedProfile profile, long input, long output, long reasoning, String finishReason,
			long latencyMs, double difficulty, double pCorrect, boolean correct) {
		Map<String, Object> usage = new LinkedHashMap<>();
		usage.put("input_tokens", input);
		usage.put("output_tokens", output);
		usage.put("reasoning_tokens", reasoning);
		Map<String, Object> latent = new LinkedHashMap<>();
		latent.put("difficulty", round3(difficulty));
		latent.put("p_correct", round3(pCorrect));
		latent.put("correct", correct);
		Map<String, Object> received = new LinkedHashMap<>();
		received.put("simulated", true);
		received.put("model", profile.apiModel());
		received.put("usage", usage);
		received.put("finish_reason", finishReason);
		received.put("latency_ms", latencyMs);
		received.put("latent", latent);
		return JsonMapper.shared().writeValueAsString(received);
	}

	private static double round3(double x) {
		return Math.round(x * 1000) / 1000.0;
	}

}
