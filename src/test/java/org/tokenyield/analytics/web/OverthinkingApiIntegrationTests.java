package org.tokenyield.analytics.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code overthinking_tax} and {@code difficulty_tracking} of {@code GET /api/v1/scaling}
 * and the model page, hand-computed (docs/methodology-notes.md).
 */
@IntegrationTest
class OverthinkingApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	SummaryVersionStamper stamper;

	/**
	 * Version M, four prompts, two samples per setting. At effort:low every run generates
	 * 100 tokens; t0 and t1 are right on both samples (solved), t2 on one, t3 on none. At
	 * effort:high t0..t3 generate 300, 200, 500, 400. <pre>
	 * d_p = 200, 100, 400, 300: extra tokens 1000 / 4 = 250, tax = (200 + 100) / 1000 = 0.3
	 * </pre> Version O answers each prompt three times: t0 right 3/3, t1 2/3, t2 1/3, t3
	 * 0/3, so as seen from M the difficulties are 0, 1/3, 2/3, 1 (ranks 1, 2, 3, 4). At
	 * effort:high the tokens rank 2, 1, 4, 3: Σ d² = 4, ρ = 1 − 6 · 4 / (4 · 15) = 0.6.
	 * At effort:low every prompt generates 100: the ranks do not vary, ρ is undefined
	 * (null).
	 */
	@Test
	void theOverthinkingTaxAndDifficultyTracking() {
		ImportedWorld w = new ImportedWorld(this.port);
		String m = w.model("think", null, 1, 1, "effort:low", "effort:high");
		String o = w.model("other", null, 1, 1, "default");
		long[] high = { 300, 200, 500, 400 };
		int[] rightAtLow = { 2, 2, 1, 0 };
		int[] rightForOther = { 3, 2, 1, 0 };
		for (int p = 0; p < 4; p++) {
			for (int s = 0; s < 2; s++) {
				w.run(m, "effort:low", "o" + p, s, 10, 100, null, s < rightAtLow[p] ? 1.0 : 0.0, 0.001);
				w.run(m, "effort:high", "o" + p, s, 10, high[p], null, 1.0, 0.002);
			}
			for (int s = 0; s < 3; s++) {
				w.run(o, "default", "o" + p, s, 10, 100, null, s < rightForOther[p] ? 1.0 : 0.0, 0.001);
			}
		}
		w.importRuns();
		this.stamper.refreshNow(true);

		JsonNode s = w.get("/api/v1/scaling?model=" + enc(m) + "&dataset=" + w.dataset).json();
		JsonNode tax = s.get("overthinking_tax");
		assertThat(tax.get("baseline").asString()).isEqualTo("effort:low");
		assertThat(tax.get("prompts").asInt()).isEqualTo(4);
		assertThat(tax.get("solved_prompts").asInt()).isEqualTo(2);
		assertThat(tax.get("settings")).hasSize(1);
		JsonNode atHigh = tax.get("settings").get(0);
		assertThat(atHigh.get("setting").asString()).isEqualTo("effort:high");
		assertThat(atHigh.get("extra_tokens").asDouble()).isCloseTo(250, within(1e-9));
		assertThat(atHigh.get("tax").get("value").asDouble()).isCloseTo(0.3, within(1e-12));
		// every d_p > 0: each resample's share is in [0, 1]
		assertThat(atHigh.get("tax").get("ci_low").asDouble()).isBetween(0.0, 0.3);
		assertThat(atHigh.get("tax").get("ci_high").asDouble()).isBetween(0.3, 1.0);

		JsonNode tracking = s.get("difficulty_tracking");
		assertThat(tracking).hasSize(2);
		assertThat(tracking.get(0).get("setting").asString()).isEqualTo("effort:low");
		assertThat(tracking.get(0).get("prompts").asInt()).isEqualTo(4);
		assertThat(tracking.get(0).get("rho").get("value").isNull()).isTrue();
		assertThat(tracking.get(1).get("setting").asString()).isEqualTo("effort:high");
		assertThat(tracking.get(1).get("rho").get("value").asDouble()).isCloseTo(0.6, within(1e-12));
		assertThat(tracking.get(1).get("rho").get("ci_low").asDouble()).isLessThanOrEqualTo(0.6);
		assertThat(tracking.get(1).get("rho").get("ci_high").asDouble()).isGreaterThanOrEqualTo(0.6);

		String page = w.get("/models/" + m + "?dataset=" + w.dataset).body();
		assertThat(page).contains("Overthinking tax and difficulty tracking", "30.0%", "0.60");

		// one setting: no higher setting to tax (null), tracking still per setting
		JsonNode single = w.get("/api/v1/scaling?model=" + enc(o) + "&dataset=" + w.dataset).json();
		assertThat(single.get("overthinking_tax").isNull()).isTrue();
		assertThat(single.get("difficulty_tracking")).hasSize(1);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

}
