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
 * {@code cost_change} of {@code GET /api/v1/drift} and the compare page's waterfall,
 * hand-computed (docs/methodology-notes.md "Why did my bill change").
 */
@IntegrationTest
class CostChangeApiIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	SummaryVersionStamper stamper;

	/**
	 * X lists $1 / $10 per MTok (input / output), Y $2 / $20. Two prompts, two samples on
	 * each side, each run charged at its version's list price. X: input 100, output 300
	 * of which 200 reasoning, a run costs 100 · 1e-6 + 300 · 1e-5 = 0.0031; right on both
	 * samples of q1, on neither of q2. Y: input 120, output 500 of which 400 reasoning, a
	 * run costs 120 · 2e-6 + 500 · 2e-5 = 0.01024; right on both of q1, one of q2. <pre>
	 * A_X = 2/4 = 0.5,  C_X = 0.0031,  cost per correct 0.0124 / 2 = 0.0062
	 * A_Y = 3/4,        C_Y = 0.01024, cost per correct 0.04096 / 3 = 0.0136533…
	 * input     = (120 − 100) · 1e-6 / 0.5                  = 0.00004
	 * reasoning = (400 − 200) · 1e-5 / 0.5                  = 0.004
	 * answer    = (100 − 100) · 1e-5 / 0.5                  = 0
	 * price     = (0.01024 − (120e-6 + 500e-5)) / 0.5      = 0.01024
	 * accuracy  = 0.01024 · (1 / 0.75 − 1 / 0.5)            = −0.0068266…
	 * total     = 0.0136533… − 0.0062                      = 0.0074533…
	 * </pre>
	 */
	@Test
	void theChangeInCostPerCorrectIsSplitIntoItsParts() {
		ImportedWorld w = new ImportedWorld(this.port);
		String x = w.model("bill-x", null, 1, 10, "default");
		String y = w.model("bill-y", x, 2, 20, "default");
		for (int s = 0; s < 2; s++) {
			w.run(x, "default", "q1", s, 100, 300, 200L, 1.0, 0.0031);
			w.run(x, "default", "q2", s, 100, 300, 200L, 0.0, 0.0031);
			w.run(y, "default", "q1", s, 120, 500, 400L, 1.0, 0.01024);
			w.run(y, "default", "q2", s, 120, 500, 400L, s == 0 ? 1.0 : 0.0, 0.01024);
		}
		w.importRuns();
		this.stamper.refreshNow(true);

		JsonNode c = w.get("/api/v1/drift?from=" + enc(x) + "&to=" + enc(y) + "&dataset=" + w.dataset)
			.json()
			.get("cost_change");
		assertThat(c.get("prompts").asInt()).isEqualTo(2);
		assertThat(c.get("from_cost_per_correct").asDouble()).isCloseTo(0.0062, within(1e-12));
		assertThat(c.get("to_cost_per_correct").asDouble()).isCloseTo(0.04096 / 3, within(1e-12));
		assertThat(c.get("input").get("value").asDouble()).isCloseTo(0.00004, within(1e-12));
		assertThat(c.get("reasoning").get("value").asDouble()).isCloseTo(0.004, within(1e-12));
		assertThat(c.get("answer").get("value").asDouble()).isCloseTo(0, within(1e-12));
		assertThat(c.get("price").get("value").asDouble()).isCloseTo(0.01024, within(1e-12));
		assertThat(c.get("accuracy").get("value").asDouble()).isCloseTo(0.01024 * (1 / 0.75 - 2), within(1e-12));
		assertThat(c.get("total").get("value").asDouble()).isCloseTo(0.04096 / 3 - 0.0062, within(1e-12));
		// resamples {q1, q1} (A_X = 1: reasoning 0.002) and {q1, q2} (0.004); {q2, q2}
		// has no correct run of X and is dropped
		assertThat(c.get("reasoning").get("ci_low").asDouble()).isCloseTo(0.002, within(1e-12));
		assertThat(c.get("reasoning").get("ci_high").asDouble()).isCloseTo(0.004, within(1e-12));

		String page = w.get("/compare?from=" + enc(x) + "&to=" + enc(y) + "&dataset=" + w.dataset).body();
		assertThat(page).contains("Why the cost per correct answer changed", "id=\"cost-change-chart\"", "$0.00620",
				"$0.01365", "+$0.00745", "−$0.00683");

		// a filter that leaves no paired prompt: not available, null (never 0)
		JsonNode none = w
			.get("/api/v1/drift?from=" + enc(x) + "&to=" + enc(y) + "&dataset=" + w.dataset + "&category=code")
			.json();
		assertThat(none.has("cost_change")).isTrue();
		assertThat(none.get("cost_change").isNull()).isTrue();
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

}
