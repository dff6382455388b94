package org.tokenyield.analytics.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.freshness.FigureCache;
import org.tokenyield.analytics.freshness.Lane;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;
import org.tokenyield.support.TestClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.convention.TestBean;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readers never wait for a recompute (docs/live-figures.md), figures say what they are as
 * of and can be cached by a proxy, and a client reads its own imports.
 */
@IntegrationTest
class LiveFiguresTests {

	/**
	 * The application's clock in this context: a figure that should cost 0.3 s advances
	 * it instead of sleeping.
	 */
	static final TestClock clock = new TestClock();

	@TestBean(name = "clock", methodName = "testClock")
	Clock applicationClock;

	static Clock testClock() {
		return clock;
	}

	@LocalServerPort
	int port;

	@Autowired
	FigureCache cache;

	@Autowired
	SummaryVersionStamper stamper;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	final HttpClient client = HttpClient.newHttpClient();

	@Test
	void anOutdatedFigureIsServedAtOnceWhileOneRecomputeRunsInTheBackground() throws Exception {
		String key = "swr-" + UUID.randomUUID();
		AtomicInteger computed = new AtomicInteger();
		CountDownLatch release = new CountDownLatch(1);
		// every computation after the first blocks until released: readers must not wait
		// for it
		java.util.function.Supplier<Integer> figure = () -> {
			int n = computed.incrementAndGet();
			if (n > 1) {
				try {
					release.await(20, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return n;
		};
		assertThat(this.cache.get(figure, key)).isEqualTo(1);
		markStaleAndRefresh();
		assertThat(this.cache.get(figure, key)).isEqualTo(1);
		// the recompute is under way and blocked: a reader that waited for it would
		// answer 2 (or hang), so twenty answers of 1 show that none waited
		await().atMost(Duration.ofSeconds(10)).until(() -> computed.get() == 2);
		for (int i = 0; i < 20; i++) {
			assertThat(this.cache.get(figure, key)).isEqualTo(1);
		}
		release.countDown();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.cache.get(figure, key) == 2);
		assertThat(computed.get()).as("one background recompute for twenty stale reads").isEqualTo(2);
	}

	@Test
	void quickFiguresAreRecomputedWhileASlowFigureRecomputesAndSlowOnesArePaced() throws Exception {
		String slowKey = "slow-" + UUID.randomUUID();
		String quickKey = "quick-" + UUID.randomUUID();
		AtomicInteger slowComputed = new AtomicInteger();
		List<String> slowThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
		CountDownLatch release = new CountDownLatch(1);
		// 400 ms the first time (over app.analytics.slow-figure, 0.25 s: the cache
		// measures a figure's cost on the application's clock, which the figure
		// advances); later ones block until released
		java.util.function.Supplier<Integer> slow = () -> {
			slowThreads.add(Thread.currentThread().getName());
			int n = slowComputed.incrementAndGet();
			if (n == 1) {
				clock.advance(Duration.ofMillis(400));
			}
			else {
				try {
					release.await(20, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return n;
		};
		AtomicInteger quickComputed = new AtomicInteger();
		java.util.function.Supplier<Integer> quick = quickComputed::incrementAndGet;
		assertThat(this.cache.get(slow, slowKey)).isEqualTo(1);
		assertThat(this.cache.get(quick, quickKey)).isEqualTo(1);
		try {
			markStaleAndRefresh();
			assertThat(this.cache.get(slow, slowKey)).isEqualTo(1);
			await().atMost(Duration.ofSeconds(10)).until(() -> slowComputed.get() == 2);
			// the slow figure's recompute runs on the paced lane (its delay:
			// RecomputeLanesTests) and holds it; the quick one still follows new versions
			// (its background recompute after each version may already have run, so only
			// the later count is asserted)
			assertThat(slowThreads.get(1)).isEqualTo("figure-revalidate-slow");
			markStaleAndRefresh();
			this.cache.get(quick, quickKey);
			await().atMost(Duration.ofSeconds(10)).until(() -> this.cache.get(quick, quickKey) >= 3);
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void theLeaderboardsFiguresAreRecomputedOnALaneOfTheirOwnAndNeverPaced() throws Exception {
		String tag = UUID.randomUUID().toString();
		List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger blockerRuns = new AtomicInteger();
		AtomicInteger homeDone = new AtomicInteger();
		// a quick figure whose recompute holds the quick lane until released, so others
		// queue behind it
		java.util.function.Supplier<Integer> blocker = () -> {
			if (blockerRuns.incrementAndGet() > 1) {
				try {
					release.await(20, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return 0;
		};
		java.util.function.Supplier<Integer> cheap = () -> {
			order.add("cheap");
			return 0;
		};
		// slower than app.analytics.slow-figure (0.25 s), which would put any other
		// figure in the paced lane
		java.util.function.Supplier<Integer> home = () -> {
			order.add("home");
			clock.advance(Duration.ofMillis(300));
			return homeDone.incrementAndGet();
		};
		this.cache.get(blocker, "blocker-" + tag);
		this.cache.get(cheap, "cheap-" + tag);
		this.cache.getOnLeaderboardLane(lane -> home.get(), "home-" + tag);
		try {
			markStaleAndRefresh();
			// every figure read in the last minute is recomputed: the blocker now holds
			// the quick lane
			await().atMost(Duration.ofSeconds(10)).until(() -> blockerRuns.get() == 2 && homeDone.get() == 2);
			order.clear();
			markStaleAndRefresh();
			// the home figure follows the new version at once, though slow and though the
			// quick lane is held
			await().atMost(Duration.ofSeconds(10)).until(() -> homeDone.get() == 3);
			assertThat(order).containsExactly("home");
		}
		finally {
			release.countDown();
		}
		// the quick figure queued behind the blocker follows once the lane is free
		await().atMost(Duration.ofSeconds(10)).until(() -> order.contains("cheap"));
	}

	@Test
	void aComputationIsToldItsLaneAndRunsOnAFigureThread() {
		String key = "lane-" + UUID.randomUUID();
		List<Lane> lanes = new java.util.concurrent.CopyOnWriteArrayList<>();
		List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
		java.util.function.Function<Lane, Integer> figure = lane -> {
			lanes.add(lane);
			threads.add(Thread.currentThread().getName());
			return lanes.size();
		};
		// cold: the reader waits for it on the leaderboard's lane (never behind a slow
		// figure on the pool), not on its own thread
		assertThat(this.cache.getOnLeaderboardLane(figure, key)).isEqualTo(1);
		markStaleAndRefresh();
		this.cache.getOnLeaderboardLane(figure, key);
		await().atMost(Duration.ofSeconds(10)).until(() -> lanes.size() >= 2);
		assertThat(lanes.subList(0, 2)).containsExactly(Lane.READER, Lane.LEADERBOARD);
		assertThat(threads.subList(0, 2)).containsOnly("figure-revalidate-first");
		// any other figure a reader waits for is computed on the pool
		this.cache.get(() -> figure.apply(Lane.READER), "other-" + key);
		assertThat(threads.get(threads.size() - 1)).matches("figure-\\d+");
	}

	@Test
	void concurrentColdReadersShareOneComputation() throws Exception {
		String key = "cold-" + UUID.randomUUID();
		AtomicInteger computed = new AtomicInteger();
		// the computation ends only once every reader has come to read, so they overlap
		CountDownLatch arrived = new CountDownLatch(8);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				answers.add(pool.submit(() -> {
					arrived.countDown();
					return this.cache.<Integer>get(() -> {
						await().atMost(Duration.ofSeconds(10)).until(() -> arrived.getCount() == 0);
						return computed.incrementAndGet();
					}, key);
				}));
			}
			for (Future<Integer> answer : answers) {
				assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(1);
			}
			assertThat(computed.get()).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void publicFiguresCarryAsOfAndAnETagAndAnswer304WhenUnchanged() throws Exception {
		String url = "/api/v1/leaderboard?dataset=none-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> first = get(url, null, null);
		assertThat(first.statusCode()).isEqualTo(200);
		String etag = first.headers().firstValue("ETag").orElseThrow();
		String asOf = first.headers().firstValue("As-Of").orElseThrow();
		assertThat(this.json.readTree(first.body()).get("as_of").asString()).isEqualTo(asOf);
		assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("public").contains("max-age");

		HttpResponse<String> again = get(url, etag, null);
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.body()).isEmpty();

		HttpResponse<String> csv = get(url + "&format=csv", null, null);
		assertThat(csv.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);

		HttpResponse<String> signedIn = get(url, null, "Bearer not-a-real-token-but-private");
		assertThat(signedIn.headers().firstValue("Cache-Control").orElse("")).doesNotContain("public");

		// a new version of the summary: the old ETag no longer matches
		markStaleAndRefresh();
		await().atMost(Duration.ofSeconds(10)).until(() -> get(url, etag, null).statusCode() == 200);
	}

	@Test
	void theLeaderboardPageSaysWhatItsFiguresAreAsOfAndIsRevalidatedByETag() throws Exception {
		HttpResponse<String> page = get("/", null, null);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Figures as of");
		assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).contains("public");
		String etag = page.headers().firstValue("ETag").orElseThrow();
		assertThat(get("/", etag, null).statusCode()).isEqualTo(304);
	}

	@Test
	void anImportAnswersTheVersionItsRunsAreInAndFiguresAtLeastThatFreshHaveThem() throws Exception {
		Http maintainer = Accounts.maintainer(new Http(this.port), Accounts.uniqueName("live"));
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String dataset = "ryw-" + tag;
		// the figure is cached (empty) before the import
		assertThat(this.json.readTree(get("/api/v1/leaderboard?dataset=" + dataset, null, null).body()).get("rows"))
			.isEmpty();
		StringBuilder body = new StringBuilder();
		for (int p = 0; p < 3; p++) {
			for (int s = 0; s < 2; s++) {
				body.append(
						"""
								{"prompt_key":"ryw-%s-%d","prompt_text":"Read your writes %s %d","category":"math","model":"ryw/model-%s","setting":"default","sample":%d,"input_tokens":10,"output_tokens":%d,"score":1,"finished_at":"2026-11-20T10:00:00Z"}
								"""
							.formatted(tag, p, tag, p, tag, s, 100 + s));
			}
		}
		Http.Response imported = maintainer.post("/api/v1/imports?dataset=" + dataset, "application/x-ndjson",
				body.toString());
		assertThat(imported.status()).isEqualTo(200);
		String asOf = imported.json().get("as_of").asString();
		assertThat(imported.json().get("added").asInt()).isEqualTo(6);

		HttpResponse<String> read = get("/api/v1/leaderboard?dataset=" + dataset + "&min_as_of=" + asOf, null, null);
		JsonNode rows = this.json.readTree(read.body()).get("rows");
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).get("prompts").asInt()).isEqualTo(3);
		assertThat(this.json.readTree(read.body()).get("as_of").asString()).isGreaterThanOrEqualTo(asOf);

		assertThat(get("/api/v1/leaderboard?min_as_of=yesterday", null, null).statusCode()).isEqualTo(400);
	}

	private void markStaleAndRefresh() {
		this.jdbc.sql("update analytics_state set stale = true where id = 1").update();
		this.stamper.refreshNow(false);
	}

	private HttpResponse<String> get(String path, String ifNoneMatch, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET();
		if (ifNoneMatch != null) {
			request.header("If-None-Match", ifNoneMatch);
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
