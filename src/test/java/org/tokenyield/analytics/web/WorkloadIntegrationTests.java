package org.tokenyield.analytics.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Your workload (docs/methodology-notes.md "Your workload") over HTTP: one version priced
 * (USD per MTok) input 2, cached input (cache read) 0.50, output 10, its runs imported.
 * With cache hit 0.5 an input token costs (0.5 · 2 + 0.5 · 0.5) / 1e6 = 1.25 µ$, a
 * generated one 10 µ$: <pre>
 * prompt  category  input  output  score  one prompt
 * m1      math      1000   100     1      1250 + 1000  = 2250 µ$
 * m2      math      2000   300     0      2500 + 3000  = 5500 µ$
 * c1      code       400   1000    1      500 + 10000  = 10500 µ$
 * </pre> Mix math 0.25, code 0.75, 1000 prompts a month: accuracy 0.25 · 0.5 + 0.75 · 1 =
 * 0.875, cost per prompt 0.25 · 3875 + 0.75 · 10500 = 8843.75 µ$, $8.84375 a month.
 * Intervals (math resamples two of its two prompts, code has one): accuracy [0.75, 1],
 * monthly cost [1000 · (0.25 · 2250 + 7875), 1000 · (0.25 · 5500 + 7875)] µ$ = [$8.4375,
 * $9.25].
 */
@IntegrationTest
class WorkloadIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	SummaryVersionStamper stamper;

	String tag;

	String dataset;

	String model;

	@BeforeEach
	void setUp() {
		this.tag = UUID.randomUUID().toString().substring(0, 8);
		this.dataset = "workload-" + this.tag;
		this.model = "external/workload-" + this.tag;
		Http.Response added = Accounts.admin(new Http(this.port))
			.post("/api/v1/models",
					Http.toJson(Map.of("key", this.model, "family", "workload-test", "provider", "external", "settings",
							List.of("default"), "prices",
							Map.of("input_per_mtok", 2, "cached_input_per_mtok", 0.5, "output_per_mtok", 10))));
		assertThat(added.status()).as(added.toString()).isEqualTo(201);
		List<String> lines = new ArrayList<>();
		lines.add(line("m1", "math", 1000, 100, 1.0));
		lines.add(line("m2", "math", 2000, 300, 0.0));
		lines.add(line("c1", "code", 400, 1000, 1.0));
		Http maintainer = Accounts.maintainer(new Http(this.port), Accounts.uniqueName("workload"));
		Http.Response imported = maintainer.post("/api/v1/imports?dataset=" + this.dataset, "application/x-ndjson",
				String.join("\n", lines));
		assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
		assertThat(imported.json().get("rejected_count").asInt()).as(imported.body()).isZero();
		this.stamper.refreshNow(true);
	}

	@Test
	void theProjectionOfAMixOfCategories() {
		String query = "mix=" + enc("math:0.25,code:0.75") + "&prompts_per_month=1000&cache_hit=0.5&dataset="
				+ this.dataset;
		JsonNode report = get("/api/v1/projection?" + query).json();
		assertThat(report.get("prompts_per_month").asLong()).isEqualTo(1000);
		assertThat(report.get("mix").get("code").asDouble()).isEqualTo(0.75);
		JsonNode config = configOf(report);
		assertThat(config.get("setting").asString()).isEqualTo("default");
		assertThat(config.get("expected_accuracy").get("value").asDouble()).isCloseTo(0.875, within(1e-12));
		assertThat(config.get("expected_accuracy").get("ci_low").asDouble()).isCloseTo(0.75, within(1e-12));
		assertThat(config.get("expected_accuracy").get("ci_high").asDouble()).isCloseTo(1.0, within(1e-12));
		assertThat(config.get("cost_per_prompt_usd").get("value").asDouble()).isCloseTo(8843.75e-6, within(1e-12));
		assertThat(config.get("monthly_cost_usd").get("value").asDouble()).isCloseTo(8.84375, within(1e-9));
		assertThat(config.get("monthly_cost_usd").get("ci_low").asDouble()).isCloseTo(8.4375, within(1e-9));
		assertThat(config.get("monthly_cost_usd").get("ci_high").asDouble()).isCloseTo(9.25, within(1e-9));
		assertThat(config.get("prompts").get("math").asInt()).isEqualTo(2);
		assertThat(config.get("missing_categories")).isEmpty();

		// a category the version has no results in: not available (null), never 0
		JsonNode missing = configOf(get("/api/v1/projection?mix=" + enc("math:0.5,poetry:0.5")
				+ "&prompts_per_month=1000&dataset=" + this.dataset)
			.json());
		assertThat(missing.get("expected_accuracy").get("value").isNull()).isTrue();
		assertThat(missing.get("monthly_cost_usd").get("value").isNull()).isTrue();
		assertThat(missing.get("missing_categories").get(0).asString()).isEqualTo("poetry");

		// CSV, and the page: its address is the link to share
		assertThat(get("/api/v1/projection?format=csv&" + query).body()).contains("monthly_cost_usd.value", this.model);
		String page = get("/workload?" + query).body();
		String row = page.substring(page.indexOf("data-model=\"" + this.model + "\""));
		row = row.substring(0, row.indexOf("</tr>"));
		assertThat(row).contains("87.5%", "[75.0, 100.0]", "$8.84", "[$8.44, $9.25]", "math 2", "code 1");
	}

	@Test
	void badParametersAreProblemsNamingTheirField() {
		Http.Response noMix = get("/api/v1/projection?prompts_per_month=10");
		assertThat(noMix.status()).isEqualTo(400);
		assertThat(noMix.contentType()).startsWith("application/problem+json");
		assertThat(noMix.body()).contains("\"mix\"", "is required");
		Http.Response sum = get("/api/v1/projection?mix=" + enc("math:0.5,code:0.4") + "&prompts_per_month=10");
		assertThat(sum.status()).isEqualTo(400);
		assertThat(sum.body()).contains("add up to 1");
		Http.Response volume = get("/api/v1/projection?mix=math:1&prompts_per_month=lots");
		assertThat(volume.status()).isEqualTo(400);
		assertThat(volume.body()).contains("\"prompts_per_month\"");
		Http.Response hit = get("/api/v1/projection?mix=math:1&prompts_per_month=10&cache_hit=2");
		assertThat(hit.status()).isEqualTo(400);
		assertThat(hit.body()).contains("\"cache_hit\"");
		// the page shows the message beside the field
		String page = get("/workload?mix=math:2&prompts_per_month=10").body();
		assertThat(page).contains("form-errors", "Mix the weight of &#39;math&#39; must be above 0 and at most 1");
	}

	private JsonNode configOf(JsonNode report) {
		for (JsonNode c : report.get("configs")) {
			if (c.get("model").asString().equals(this.model)) {
				return c;
			}
		}
		throw new AssertionError("no projection of " + this.model + " in " + report);
	}

	private String line(String prompt, String category, int input, int output, double score) {
		return """
				{"prompt_key":"%s-%s","prompt_text":"Workload question %s %s","category":"%s","model":"%s",\
				"input_tokens":%d,"output_tokens":%d,"score":%s}""".formatted(prompt, this.tag, prompt, this.tag,
				category, this.model, input, output, score);
	}

	private Http.Response get(String path) {
		return new Http(this.port).get(path);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

}
