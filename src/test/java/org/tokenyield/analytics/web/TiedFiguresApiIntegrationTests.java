package org.tokenyield.analytics.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Ties shown as ties: {@code cheapest_tied_setting} of {@code GET /api/v1/scaling} and
 * the leaderboard's rank tiers, hand-computed (docs/methodology-notes.md).
 */
@IntegrationTest
class TiedFiguresApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	SummaryVersionStamper stamper;

	/**
	 * Four prompts, one run each per setting. <pre>
	 * setting        scores           A     output  cost/run  gap to effort:high
	 * effort:low     0.7 each         0.7   50      0.0005    −0.1 each: [−0.1, −0.1], not tied
	 * effort:medium  0.79 each        0.79  100     0.001     −0.01 each: [−0.01, −0.01], within ε = 0.02
	 * effort:high    0.8 each         0.8   400     0.004     the sweet spot (fewer tokens than thinking)
	 * thinking:8192  1, 0.6, 1, 0.6   0.8   500     0.003     ±0.2: the interval includes 0
	 * </pre> Cheapest tied: effort:medium, 4 correct runs for 4 · 0.001 (0.001 per
	 * correct answer), saving 1000 · (0.004 − 0.001) = 3 USD per 1,000 prompts.
	 */
	@Test
	void theCheapestTiedSettingAndWhatItSaves() {
		ImportedWorld w = new ImportedWorld(this.port);
		String m = w.model("tied", null, 1, 1, "effort:low", "effort:medium", "effort:high", "thinking:8192");
		double[] alt = { 1, 0.6, 1, 0.6 };
		for (int p = 0; p < 4; p++) {
			w.run(m, "effort:low", "t" + p, 0, 10, 50, null, 0.7, 0.0005);
			w.run(m, "effort:medium", "t" + p, 0, 10, 100, null, 0.79, 0.001);
			w.run(m, "effort:high", "t" + p, 0, 10, 400, null, 0.8, 0.004);
			w.run(m, "thinking:8192", "t" + p, 0, 10, 500, null, alt[p], 0.003);
		}
		w.importRuns();
		this.stamper.refreshNow(true);

		JsonNode s = w.get("/api/v1/scaling?model=" + enc(m) + "&dataset=" + w.dataset).json();
		assertThat(s.get("sweet_spot").asString()).isEqualTo("effort:high");
		JsonNode t = s.get("cheapest_tied_setting");
		assertThat(t.get("setting").asString()).isEqualTo("effort:medium");
		assertThat(t.get("accuracy_gap").get("value").asDouble()).isCloseTo(-0.01, within(1e-12));
		assertThat(t.get("accuracy_gap").get("ci_low").asDouble()).isCloseTo(-0.01, within(1e-12));
		assertThat(t.get("accuracy_gap").get("ci_high").asDouble()).isCloseTo(-0.01, within(1e-12));
		assertThat(t.get("cost_per_correct").asDouble()).isCloseTo(0.001, within(1e-12));
		assertThat(t.get("savings_per_1000").asDouble()).isCloseTo(3.0, within(1e-9));

		String page = w.get("/models/" + m + "?dataset=" + w.dataset).body();
		assertThat(page).contains("Cheapest tied setting: <strong>effort:medium</strong>", "$3.00000");

		// one setting: nothing to choose between, null (never a 0 saving)
		String single = w.model("single", null, 1, 1, "default");
		w.run(single, "default", "t0", 0, 10, 50, null, 1.0, 0.001).importRuns();
		this.stamper.refreshNow(true);
		JsonNode none = w.get("/api/v1/scaling?model=" + enc(single) + "&dataset=" + w.dataset).json();
		assertThat(none.has("cheapest_tied_setting")).isTrue();
		assertThat(none.get("cheapest_tied_setting").isNull()).isTrue();
	}

	/**
	 * Three versions at their default, four prompts, one run each: A scores 1, 1, 1, 1; C
	 * 1, 1, 1, 0; B 0.5 each. <pre>
	 * B − A: −0.5 on every prompt, interval [−0.5, −0.5]: A is better than B
	 * C − A: 0, 0, 0, −1: a resample without prompt 4 (chance (3/4)^4 ≈ 0.32) gives 0, so
	 *        the interval reaches 0: tied
	 * C − B: +0.5, +0.5, +0.5, −0.5: drawing prompt 4 three times or more (chance ≈ 0.05)
	 *        gives −0.25 or less: the interval includes 0, tied
	 * </pre> Ranks: A = 1 (nobody better), C = 1 (nobody clearly better), B = 1 + 1 (A).
	 */
	@Test
	void theRankIsATierSharedByRowsNoIntervalSeparates() {
		ImportedWorld w = new ImportedWorld(this.port);
		String a = w.model("rank-a", null, 1, 1, "default");
		String b = w.model("rank-b", null, 1, 1, "default");
		String c = w.model("rank-c", null, 1, 1, "default");
		for (int p = 0; p < 4; p++) {
			w.run(a, "default", "r" + p, 0, 10, 100, null, 1.0, 0.001);
			w.run(b, "default", "r" + p, 0, 10, 100, null, 0.5, 0.001);
			w.run(c, "default", "r" + p, 0, 10, 100, null, p == 3 ? 0.0 : 1.0, 0.001);
		}
		w.importRuns();
		this.stamper.refreshNow(true);

		JsonNode rows = w.get("/api/v1/leaderboard?dataset=" + w.dataset).json().get("rows");
		assertThat(rows).hasSize(3);
		assertThat(rows.get(0).get("model").asString()).isEqualTo(a);
		assertThat(rows.get(0).get("rank").asInt()).isEqualTo(1);
		assertThat(rows.get(1).get("model").asString()).isEqualTo(c);
		assertThat(rows.get(1).get("rank").asInt()).isEqualTo(1);
		assertThat(rows.get(2).get("model").asString()).isEqualTo(b);
		assertThat(rows.get(2).get("rank").asInt()).isEqualTo(2);

		String page = w.get("/?dataset=" + w.dataset).body();
		assertThat(rankCell(page, a)).isEqualTo("1");
		assertThat(rankCell(page, c)).isEqualTo("1");
		assertThat(rankCell(page, b)).isEqualTo("2");
	}

	/** The # cell of a model's row on the leaderboard page. */
	private static String rankCell(String page, String model) {
		Matcher m = Pattern
			.compile("data-model=\"" + Pattern.quote(model) + "\"[^>]*>\\s*<td data-label=\"#\"[^>]*>([^<]*)</td>")
			.matcher(page);
		assertThat(m.find()).as(model).isTrue();
		return m.group(1);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

}
