package org.tokenyield.system;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.FigureFixture;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.client.ApiClient;
import org.tokenyield.client.ApiException;
import org.tokenyield.client.api.FiguresApi;
import org.tokenyield.client.api.RunsApi;
import org.tokenyield.client.model.Leaderboard;
import org.tokenyield.client.model.LeaderboardRow;
import org.tokenyield.client.model.RunBundle;
import org.tokenyield.client.model.RunPage;
import org.tokenyield.client.model.RunView;
import org.tokenyield.client.model.Scaling;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * A client generated from the committed document (docs/openapi.json, by openapi-generator
 * at build time: the Java native library with Jackson 3, package org.tokenyield.client)
 * reads the API as a third party's would. Every call here goes through the generated
 * classes only; the values are the fixture's, computed by hand (see FigureFixture), and
 * the bundle is compared with the raw JSON the same URL answers.
 */
@IntegrationTest
class GeneratedClientTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SummaryVersionStamper stamper;

	@Test
	void aGeneratedClientReadsTheLeaderboardAScalingFigureAndARunBundle() throws ApiException {
		FigureFixture world = new FigureFixture().create(this.jdbc);
		this.stamper.refreshNow(true);
		ApiClient client = new ApiClient();
		client.updateBaseUri("http://localhost:" + this.port);
		FiguresApi figures = new FiguresApi(client);
		RunsApi runs = new RunsApi(client);

		// the leaderboard, every setting of the fixture's dataset: accuracy is the share
		// of the 12 prompts answered right, A default 6/12, A thinking:1024 9/12, B 4/12;
		// generated tokens are the mean, A default (100 + 110 + 120) / 3 = 110
		Leaderboard board = figures.getLeaderboard(null, null, "all", null, "figtest", null);
		Map<String, LeaderboardRow> rows = board.getRows()
			.stream()
			.filter(row -> row.getModel().equals(world.a) || row.getModel().equals(world.b))
			.collect(Collectors.toMap(row -> row.getModel() + " " + row.getSetting(), Function.identity()));
		assertThat(rows).containsOnlyKeys(world.a + " default", world.a + " thinking:1024", world.b + " default");
		assertThat(rows.get(world.a + " default").getAccuracy().getValue()).isCloseTo(6.0 / 12, within(1e-9));
		assertThat(rows.get(world.a + " thinking:1024").getAccuracy().getValue()).isCloseTo(9.0 / 12, within(1e-9));
		assertThat(rows.get(world.b + " default").getAccuracy().getValue()).isCloseTo(4.0 / 12, within(1e-9));
		assertThat(rows.get(world.a + " default").getTokens().getGenerated()).isCloseTo(110, within(1e-9));
		assertThat(rows.get(world.a + " default").getPrompts()).isEqualTo(12);
		assertThat(board.getAsOf()).isNotNull();

		// A's scaling: (110 tokens, 0.5) then (220, 0.75), α = ln(0.75 / 0.5) / ln(220 /
		// 110), β = 0.25 accuracy points per doubling
		Scaling scaling = figures.getScaling(world.a, null, null, null, null, null, null);
		assertThat(scaling.getModel()).isEqualTo(world.a);
		assertThat(scaling.getPrompts()).isEqualTo(12);
		assertThat(scaling.getPoints()).extracting(p -> p.getSetting() + " " + p.getTokens() + " " + p.getAccuracy())
			.containsExactly("default 110.0 0.5", "thinking:1024 220.0 0.75");
		assertThat(scaling.getAlpha().getValue()).isCloseTo(Math.log(1.5) / Math.log(2), within(1e-9));
		assertThat(scaling.getBeta().getValue()).isCloseTo(0.25, within(1e-9));
		assertThat(scaling.getSweetSpot()).isEqualTo("thinking:1024");
		assertThat(scaling.getByCategory().get("math").getAlpha().getValue()).isCloseTo(0, within(1e-12));

		// a run of A and its bundle: 12 prompts x 3 samples x 2 settings = 72 runs
		RunPage page = runs.listRuns(world.a, null, "SUCCEEDED", null, 0, 100, null);
		assertThat(page.getTotal()).isEqualTo(72);
		RunView listed = page.getItems().get(0);
		RunBundle bundle = runs.getRunBundle(listed.getId());
		RunView run = bundle.getRun();
		assertThat(run.getId()).isEqualTo(listed.getId());
		assertThat(run.getModel()).isEqualTo(world.a);
		assertThat(run.getStatus()).isEqualTo(RunView.StatusEnum.SUCCEEDED);
		assertThat(run.getDataset()).isEqualTo("figtest");
		assertThat(run.getInputTokens()).isEqualTo(50);
		// output tokens: 100 + 10 x sample at default, 200 + 20 x sample at thinking:1024
		long step = run.getSetting().equals("default") ? 10 : 20;
		assertThat(run.getOutputTokens()).isEqualTo(step * 10 + step * run.getSample());
		assertThat(run.getExtractedAnswer()).isIn("42", "7");
		assertThat(run.getScore()).isEqualTo(run.getExtractedAnswer().equals("42") ? 1.0 : 0.0);
		assertThat(bundle.getAttempts()).isEmpty();
		JsonNode raw = new Http(this.port).get("/api/v1/runs/" + run.getId() + "/bundle").json();
		assertThat(raw.get("run").get("prompt").asLong()).isEqualTo(run.getPrompt());
		assertThat(OffsetDateTime.parse(raw.get("run").get("finished_at").asString())).isEqualTo(run.getFinishedAt());
		assertThat(List.of(raw.get("run").get("setting").asString(), raw.get("run").get("sample").asInt()))
			.containsExactly(run.getSetting(), run.getSample());

		// errors come back as the ApiException of the documented problem+json
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> runs.getRunBundle(999_999_999L))
			.satisfies(ex -> assertThat(ex.getCode()).isEqualTo(404))
			.satisfies(ex -> assertThat(ex.getResponseBody()).contains("\"status\":404"));
	}

}
