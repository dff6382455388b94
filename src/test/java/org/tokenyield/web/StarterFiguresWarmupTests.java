package org.tokenyield.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.runs.RunService;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up step behind a full first page: it returns only when the offline runs of
 * freshly approved prompts have finished and the figures include them, and returns at
 * once when nothing waits. (The test configuration sets {@code app.first-page.wait=PT0S},
 * so the application's own instance skips it; here it is built with a real budget.)
 */
@IntegrationTest
class StarterFiguresWarmupTests {

	@LocalServerPort
	int port;

	@Autowired
	RunService runs;

	@Autowired
	SummaryVersionStamper stamper;

	@Test
	void theFiguresHoldEveryOfflineResultWhenTheWarmupReturns() {
		Http http = new Http(this.port);
		Http member = Accounts.member(http, Accounts.uniqueName("warm"));
		Http maintainer = Accounts.maintainer(http, Accounts.uniqueName("warm-mod"));
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			var submitted = member.post("/api/v1/prompts",
					Http.toJson(Map.of("title", "Warm-up " + i, "text",
							"What is " + i + " + " + UUID.randomUUID().hashCode() + "? End with 'Answer: <number>'.",
							"category", "math", "grader", Map.of("type", "numeric", "expected", "1"))));
			assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
			long id = submitted.json().get("id").asLong();
			assertThat(maintainer.post("/api/v1/prompts/" + id + "/approve", "").status()).isEqualTo(200);
			ids.add(id);
		}

		boolean finished = warmup(StarterWorld.runBudget()).warmUp();

		assertThat(finished).isTrue();
		assertThat(this.runs.unfinishedRuns(StarterFiguresWarmup.OFFLINE_PROVIDERS)).isZero();
		// no waiting for the background refresh: the figures already pair every new
		// prompt
		JsonNode sim = http.get("/api/v1/drift/prompts?from=simulator/sim-alpha-1&to=simulator/sim-alpha-2").json();
		JsonNode tok = http.get("/api/v1/drift/prompts?from=tokenizer/cl100k_base&to=tokenizer/o200k_base").json();
		for (JsonNode figure : List.of(sim, tok)) {
			List<Long> paired = new ArrayList<>();
			figure.get("pairs").forEach(p -> paired.add(p.get("prompt_id").asLong()));
			assertThat(paired).as(figure.toString()).containsAll(ids);
		}
		JsonNode board = http.get("/api/v1/leaderboard?category=math").json();
		assertThat(row(board, "simulator/sim-alpha-2").get("drift").get("verdict").isString()).as(board.toString())
			.isTrue();
	}

	/**
	 * At once: the warm-up asks once how many offline runs wait and, with none (or no
	 * budget), neither polls again nor refreshes the figures.
	 */
	@Test
	void nothingToRunReturnsAtOnce() {
		AtomicInteger asked = new AtomicInteger();
		AtomicInteger refreshed = new AtomicInteger();
		StarterFiguresWarmup idle = new StarterFiguresWarmup(() -> {
			asked.incrementAndGet();
			return 0;
		}, refreshed::incrementAndGet, Duration.ofSeconds(30));
		assertThat(idle.warmUp()).isTrue();
		assertThat(asked).hasValue(1);
		assertThat(refreshed).hasValue(0);
		// a disabled budget never waits, whatever is queued
		StarterFiguresWarmup disabled = new StarterFiguresWarmup(() -> {
			asked.incrementAndGet();
			return 5;
		}, refreshed::incrementAndGet, Duration.ZERO);
		assertThat(disabled.warmUp()).isTrue();
		assertThat(asked).hasValue(1);
		assertThat(refreshed).hasValue(0);
	}

	/** An instance without a run worker would wait in vain: it has no warm-up at all. */
	@Test
	void onlyAnInstanceWithARunWorkerWarmsUp() {
		ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(WarmupOnly.class)
			.withBean(RunService.class, () -> this.runs)
			.withBean(SummaryVersionStamper.class, () -> this.stamper);
		runner.run(context -> assertThat(context).hasSingleBean(StarterFiguresWarmup.class));
		runner.withPropertyValues("app.runs.worker.enabled=true")
			.run(context -> assertThat(context).hasSingleBean(StarterFiguresWarmup.class));
		runner.withPropertyValues("app.runs.worker.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(StarterFiguresWarmup.class));
	}

	// not a @Configuration: nested in a @SpringBootTest, that would replace the
	// application
	@EnableConfigurationProperties(FirstPageProperties.class)
	@Import(StarterFiguresWarmup.class)
	static class WarmupOnly {

	}

	private StarterFiguresWarmup warmup(Duration wait) {
		return new StarterFiguresWarmup(this.runs, this.stamper, new FirstPageProperties(wait));
	}

	private static JsonNode row(JsonNode board, String model) {
		for (JsonNode r : board.get("rows")) {
			if (model.equals(r.get("model").asString())) {
				return r;
			}
		}
		throw new AssertionError(model + " not on the leaderboard: " + board);
	}

}
