package org.tokenyield.providers.offline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import org.tokenyield.providers.ProviderReply;
import org.tokenyield.providers.ProviderRequest;
import org.tokenyield.providers.ProviderRequest.SimulationHint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reproducible from a seed, on any machine and across refactorings: a grid of simulated
 * calls (every profile, setting kind, answer shape, sample, with and without an output
 * cap or a hint) hashes to the digest recorded when the simulator's replies were last
 * meant to change.
 */
class SimulatorReproducibilityTests {

	static final String RECORDED = "15a1199c04f54a3a8f1477b335f9a3ab24ceafcbb60e4b1d8728e3b4a77a2bd3";

	@Test
	void repliesAreByteForByteTheRecordedOnes() throws Exception {
		SimulatorProvider provider = new SimulatorProvider();
		MessageDigest sha = MessageDigest.getInstance("SHA-256");
		List<String> answers = List.of("42", "1,250", "-3.75", "3/4", "B", "yes", "Paris", "東京");
		List<String> settings = List.of("default", "off", "thinking:1024", "thinking:8192", "effort:low",
				"effort:high");
		List<String> labels = List.of("easy", "medium", "hard", "Hard ", "");
		for (String model : provider.models()) {
			for (String setting : settings) {
				for (int prompt = 0; prompt < answers.size(); prompt++) {
					for (int sample = 0; sample < 2; sample++) {
						for (int cap : new int[] { 0, 4096, 120 }) {
							String text = "Question " + prompt + " 数学 " + "word ".repeat(prompt * 5) + "\nAnswer: ?";
							// the last prompt has no hint, as a preview
							SimulationHint hint = (prompt == 7) ? null : new SimulationHint(1000 + prompt,
									answers.get(prompt), labels.get(prompt % 5), sample);
							ProviderReply r = provider.complete(new ProviderRequest(model, setting, text, cap, hint));
							String line = String.join("|", r.text(), r.usage().toString(), r.finishReason(),
									Long.toString(r.latencyMs()), r.requestBody(), r.rawBody(),
									new TreeMap<>(r.headers()).toString());
							sha.update(line.getBytes(StandardCharsets.UTF_8));
							sha.update((byte) '\n');
						}
					}
				}
			}
		}
		assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(RECORDED);
	}

}
