package org.tokenyield.analytics.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.FigureFixture;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.analytics.calc.PromptMeans;
import org.tokenyield.analytics.calc.ScalingCalculator;
import org.tokenyield.analytics.calc.ScalingFit;
import org.tokenyield.analytics.calc.Seeds;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The figure endpoints against hand-computed numbers on a small known world (see
 * {@link FigureFixture}).
 */
@IntegrationTest
class FigureApiIntegrationTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SummaryVersionStamper stamper;

	@Autowired
	JsonMapper json;

	FigureFixture w;

	@BeforeEach
	void world() {
		this.w = new FigureFixture().create(this.jdbc);
		this.stamper.refreshNow(true);
	}

	@Test
	void scalingIsHandComputedAndMatchesTheCalculator() {
		JsonNode s = getJson("/api/v1/scaling?model=" + enc(this.w.a));
		assertThat(s.get("prompts").asInt()).isEqualTo(12);
		assertThat(s.get("points").get(0).get("setting").asString()).isEqualTo("default");
		assertThat(s.get("points").get(0).get("tokens").asDouble()).isCloseTo(110, within(1e-9));
		assertThat(s.get("points").get(0).get("accuracy").asDouble()).isCloseTo(0.5, within(1e-9));
		assertThat(s.get("points").get(1).get("tokens").asDouble()).isCloseTo(220, within(1e-9));
		assertThat(s.get("points").get(1).get("accuracy").asDouble()).isCloseTo(0.75, within(1e-9));
		// α = ln(0.75 / 0.5) / ln(220 / 110); β = 0.25 points per doubling
		assertThat(s.get("alpha").get("value").asDouble()).isCloseTo(Math.log(1.5) / Math.log(2), within(1e-9));
		assertThat(s.get("beta").get("value").asDouble()).isCloseTo(0.25, within(1e-9));
		assertThat(s.get("sweet_spot").asString()).isEqualTo("thinking:1024");
		assertThat(s.get("efficient_setting").asString()).isEqualTo("thinking:1024");
		assertThat(s.get("peaked").asBoolean()).isFalse();

		// the interval and regime are the calculator's on the same per-prompt means and
		// seed
		Map<String, List<PromptMeans>> sweep = new LinkedHashMap<>();
		sweep.put("default", means(110, 6));
		sweep.put("thinking:1024", means(220, 9));
		ScalingFit fit = new ScalingCalculator().fit(sweep, Seeds.seedOf("scaling", this.w.a, "|||"));
		// (to the last bits of the means read back from the summary)
		assertThat(s.get("alpha").get("ci_low").asDouble()).isCloseTo(fit.alpha().ciLow(), within(1e-12));
		assertThat(s.get("alpha").get("ci_high").asDouble()).isCloseTo(fit.alpha().ciHigh(), within(1e-12));
		assertThat(s.get("regime").asString()).isEqualTo(fit.regime().name());
		// per category: math is right everywhere (α = 0), code goes from 0 to 3/6 (α
		// undefined)
		assertThat(s.get("by_category").get("math").get("alpha").get("value").asDouble()).isCloseTo(0, within(1e-12));
		assertThat(s.get("by_category").get("code").get("alpha").get("value").isNull()).isTrue();
		assertThat(s.get("by_band").get("easy").get("prompts").asInt()).isEqualTo(4);
		assertThat(s.get("by_band").get("hard").get("prompts").asInt()).isEqualTo(8);

		// the leaderboard row shows the same slope and the median CV from the summary
		JsonNode row = row(getJson("/api/v1/leaderboard"), this.w.a);
		assertThat(row.get("slope").get("alpha")).isEqualTo(s.get("alpha"));
		assertThat(row.get("slope").get("regime").asString()).isEqualTo(fit.regime().name());
		assertThat(row.get("cv_median").asDouble()).isCloseTo(10.0 / 110, within(1e-9));
		assertThat(row(getJson("/api/v1/leaderboard"), this.w.b).get("slope").isNull()).isTrue();
	}

	@Test
	void leaderboardIsRankedAndCarriesTheFrontierTheServerComputed() {
		JsonNode board = getJson("/api/v1/leaderboard?setting=all&dataset=figtest");
		List<double[]> plotted = new java.util.ArrayList<>(); // {generated, accuracy} of
																// the chart's points
		Double previousAccuracy = Double.MAX_VALUE;
		Double previousTokens = 0.0;
		for (JsonNode r : board.get("rows")) {
			// METRICS.md section 9: accuracy descending, then fewer generated tokens
			double accuracy = r.get("accuracy").get("value").asDouble();
			double generated = r.get("tokens").get("generated").asDouble();
			assertThat(accuracy).isLessThanOrEqualTo(previousAccuracy);
			if (accuracy == previousAccuracy) {
				assertThat(generated).isGreaterThanOrEqualTo(previousTokens);
			}
			previousAccuracy = accuracy;
			previousTokens = generated;
			plotted.add(new double[] { generated, accuracy });
		}
		// A at thinking:1024 (220 tokens, 0.75), A at default (110, 0.5), B (100, 4/12):
		// none beats another
		JsonNode frontier = board.get("frontier");
		assertThat(frontier).extracting(f -> f.get("model").asString() + "@" + f.get("setting").asString())
			.contains(this.w.b + "@default", this.w.a + "@default", this.w.a + "@thinking:1024");
		double previous = 0;
		for (JsonNode f : frontier) {
			double tokens = f.get("generated").asDouble();
			double accuracy = f.get("accuracy").asDouble();
			assertThat(tokens).isGreaterThanOrEqualTo(previous);
			previous = tokens;
			assertThat(plotted)
				.noneMatch(p -> p[0] <= tokens && p[1] >= accuracy && (p[0] < tokens || p[1] > accuracy));
		}
		// every plotted point off the frontier is beaten by a point on it
		for (double[] p : plotted) {
			boolean on = false;
			boolean beaten = false;
			for (JsonNode f : frontier) {
				double tokens = f.get("generated").asDouble();
				double accuracy = f.get("accuracy").asDouble();
				on |= tokens == p[0] && accuracy == p[1];
				beaten |= tokens <= p[0] && accuracy >= p[1] && (tokens < p[0] || accuracy > p[1]);
			}
			assertThat(on || beaten).as("point %s", java.util.Arrays.toString(p)).isTrue();
		}
	}

	@Test
	void perConfigFiguresAreHandComputed() {
		JsonNode v = getJson("/api/v1/variance?model=" + enc(this.w.a));
		assertThat(v.get("setting").asString()).isEqualTo("default");
		assertThat(v.get("prompts").asInt()).isEqualTo(12);
		assertThat(v.get("median_cv").asDouble()).isCloseTo(10.0 / 110, within(1e-12)); // sd
																						// 10
																						// over
																						// mean
																						// 110
		assertThat(v.get("share_ratio_above_two").asDouble()).isZero();
		JsonNode v2 = getJson("/api/v1/variance?model=" + enc(this.w.a) + "&setting=thinking:1024");
		assertThat(v2.get("median_cv").asDouble()).isCloseTo(20.0 / 220, within(1e-12));

		JsonNode l = getJson("/api/v1/length?model=" + enc(this.w.a));
		assertThat(l.get("runs").asInt()).isEqualTo(36);
		assertThat(l.get("short_correct_rate").asDouble()).isEqualTo(0.5);
		assertThat(l.get("long_correct_rate").asDouble()).isEqualTo(0.5);
		assertThat(l.get("long_minus_short").get("value").asDouble()).isZero();

		JsonNode p = getJson("/api/v1/parallel?model=" + enc(this.w.a) + "&setting=thinking:1024");
		assertThat(p.get("points")).hasSize(3);
		for (JsonNode point : p.get("points")) {
			int k = point.get("k").asInt();
			assertThat(point.get("pass_at_k").asDouble()).isCloseTo(0.75, within(1e-12));
			assertThat(point.get("majority_at_k").asDouble()).isCloseTo(0.75, within(1e-12));
			assertThat(point.get("tokens").asDouble()).isCloseTo(220.0 * k, within(1e-9));
		}

		JsonNode t = getJson("/api/v1/timeline?model=" + enc(this.w.a));
		assertThat(t.get("weeks")).hasSize(2);
		assertThat(t.get("weeks").get(0).get("week").asString()).isEqualTo("2026-W02");
		assertThat(t.get("weeks").get(0).get("tokens").asDouble()).isCloseTo(105, within(1e-9));
		assertThat(t.get("weeks").get(1).get("tokens").asDouble()).isCloseTo(120, within(1e-9));
		assertThat(t.get("tokens_change").get("value").asDouble()).isCloseTo(15, within(1e-9));
		assertThat(t.get("tokens_changed").asBoolean()).isTrue();
		assertThat(t.get("accuracy_changed").asBoolean()).isFalse();
	}

	@Test
	void adaptiveAllocationUsesTheOtherVersionsBands() {
		JsonNode a = getJson("/api/v1/adaptive?model=" + enc(this.w.a));
		assertThat(a.get("band_sizes").get("easy").asInt()).isEqualTo(4);
		assertThat(a.get("band_sizes").get("hard").asInt()).isEqualTo(8);
		JsonNode think = a.get("rows").get(1);
		assertThat(think.get("uniform_setting").asString()).isEqualTo("thinking:1024");
		assertThat(think.get("accuracy_at_same_spend").asDouble()).isCloseTo(0.75, within(1e-12));
		assertThat(think.get("assignment_at_same_spend").get("easy").asString()).isEqualTo("default");
		assertThat(think.get("assignment_at_same_spend").get("hard").asString()).isEqualTo("thinking:1024");
		// (4·110 + 8·220) / 12
		assertThat(think.get("tokens_to_match").asDouble()).isCloseTo(2200.0 / 12, within(1e-9));
	}

	@Test
	void filtersApply() {
		JsonNode math = getJson("/api/v1/scaling?model=" + enc(this.w.a) + "&category=math");
		assertThat(math.get("prompts").asInt()).isEqualTo(6);
		assertThat(math.get("points").get(0).get("accuracy").asDouble()).isEqualTo(1.0);
		JsonNode hard = getJson("/api/v1/variance?model=" + enc(this.w.a) + "&difficulty=hard");
		assertThat(hard.get("prompts").asInt()).isEqualTo(8);
		JsonNode none = getJson("/api/v1/scaling?model=" + enc(this.w.a) + "&dataset=nothing-here");
		assertThat(none.get("prompts").asInt()).isZero();
		JsonNode pairs = getJson("/api/v1/drift/prompts?from=" + enc(this.w.b) + "&to=" + enc(this.w.a));
		assertThat(pairs.get("pairs")).hasSize(12);
		assertThat(pairs.get("pairs").get(0).get("from_generated").asDouble()).isEqualTo(100.0);
		assertThat(pairs.get("pairs").get(0).get("to_generated").asDouble()).isEqualTo(110.0);
	}

	@Test
	void everyFigureAlsoServesCsv() {
		for (String path : List.of("scaling", "variance", "length", "parallel", "adaptive", "timeline")) {
			HttpResponse<String> r = get("/api/v1/" + path + "?format=csv&model=" + enc(this.w.a));
			assertThat(r.statusCode()).as(path).isEqualTo(200);
			assertThat(r.headers().firstValue("content-type").orElse("")).as(path).startsWith("text/csv");
			assertThat(r.body().lines().count()).as(path).isGreaterThan(1);
		}
		String scaling = get("/api/v1/scaling?format=csv&model=" + enc(this.w.a)).body();
		assertThat(scaling.lines().findFirst().orElse("")).startsWith("group,setting,tokens,accuracy");
		assertThat(scaling).contains("(all),default,110.0,0.5");
		HttpResponse<String> pairs = get("/api/v1/drift/prompts?from=" + enc(this.w.b) + "&to=" + enc(this.w.a),
				"text/csv");
		assertThat(pairs.body().lines()).hasSize(13);
	}

	@Test
	void badParametersAreProblems() {
		for (String query : List.of("/api/v1/scaling?model=" + enc(this.w.a) + "&difficulty=extreme",
				"/api/v1/variance?model=" + enc(this.w.a) + "&setting=turbo", "/api/v1/timeline",
				"/api/v1/length?model=" + enc(this.w.a) + "&category=" + "x".repeat(40))) {
			HttpResponse<String> r = get(query);
			assertThat(r.statusCode()).as(query).isEqualTo(400);
			assertThat(r.headers().firstValue("content-type").orElse("")).as(query)
				.startsWith("application/problem+json");
		}
		HttpResponse<String> missing = get("/api/v1/parallel?model=external/no-such-" + this.w.tag);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
	}

	@Test
	void pagesRender() {
		HttpResponse<String> model = get("/models/" + this.w.a);
		assertThat(model.statusCode()).isEqualTo(200);
		assertThat(model.body()).contains("sweep-chart", "thinking:1024", "adaptive-table");
		assertThat(get("/models/external/no-such-" + this.w.tag).statusCode()).isEqualTo(404);
		HttpResponse<String> compare = get("/compare?from=" + enc(this.w.b) + "&to=" + enc(this.w.a));
		assertThat(compare.statusCode()).isEqualTo(200);
		assertThat(compare.body()).contains("pairs-chart", "drift-table");
		assertThat(get("/compare").statusCode()).isEqualTo(200);
		assertThat(get("/methodology").body()).contains("Width versus depth", "Pareto frontier");
		assertThat(get("/").body()).contains("drift-chart", "Slope α");
	}

	/** The fixture's means: the Poisson weights follow their prompt ids. */
	private List<PromptMeans> means(double tokens, int correctBelow) {
		return java.util.stream.IntStream.range(0, 12)
			.mapToObj(i -> new PromptMeans(this.w.prompts.get(i), i < 6 ? "math" : "code", 50.0, tokens, tokens / 2,
					i < correctBelow ? 1.0 : 0.0, 3, i < correctBelow ? 3 : 0, 0.003))
			.toList();
	}

	private static JsonNode row(JsonNode leaderboard, String model) {
		for (JsonNode r : leaderboard.get("rows")) {
			if (r.get("model").asString().equals(model)) {
				return r;
			}
		}
		throw new AssertionError("no row for " + model);
	}

	private JsonNode getJson(String path) {
		HttpResponse<String> r = get(path);
		assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
		return this.json.readTree(r.body());
	}

	private HttpResponse<String> get(String path) {
		return get(path, "application/json");
	}

	private HttpResponse<String> get(String path, String accept) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Accept", accept)
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

}
