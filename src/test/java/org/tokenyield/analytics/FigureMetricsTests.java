package org.tokenyield.analytics;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tokenyield.support.Prometheus.value;

/**
 * The figure cache and the summary upkeep in the Prometheus scrape. A new figure is a
 * miss timed as a reader's computation, its second read a hit; a run written after it
 * makes the summary stale, the stamper's next version has the figure recomputed in the
 * background (timed) and a read meanwhile is a hit or a stale hit; the summary's row
 * count covers the fixture. Counters are shared with other tests in this JVM, so the test
 * compares before/after.
 */
@IntegrationTest
class FigureMetricsTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SummaryVersionStamper stamper;

	@Autowired
	FigureMetrics metrics;

	private String scrape(Http http) {
		var scrape = http.get("/actuator/prometheus", "text/plain");
		assertThat(scrape.status()).isEqualTo(200);
		return scrape.body();
	}

	private static double reads(String scrape, String result) {
		return value(scrape, "tokenyield_figure_cache_reads_total", "result=\"" + result + "\"");
	}

	@Test
	void theScrapeShowsFigureCacheReadsComputationsAndSummaryUpkeep() {
		Http http = new Http(this.port);
		FigureFixture world = new FigureFixture().create(this.jdbc);
		this.stamper.refreshNow(true);
		String before = scrape(http);
		String figure = "/api/v1/scaling?model=" + URLEncoder.encode(world.a, StandardCharsets.UTF_8);

		assertThat(http.get(figure).status()).isEqualTo(200);
		assertThat(http.get(figure).status()).isEqualTo(200);
		String afterReads = scrape(http);
		assertThat(reads(afterReads, "miss")).as("the first read computes").isGreaterThan(reads(before, "miss"));
		assertThat(reads(afterReads, "hit")).as("the second read is served from the cache")
			.isGreaterThan(reads(before, "hit"));
		String reader = "trigger=\"reader\"";
		assertThat(value(afterReads, "tokenyield_figure_computations_seconds_count", reader))
			.isGreaterThan(value(before, "tokenyield_figure_computations_seconds_count", reader));
		assertThat(value(afterReads, "tokenyield_figure_computations_seconds_sum", reader))
			.isGreaterThan(value(before, "tokenyield_figure_computations_seconds_sum", reader));

		// a new run marks the summary stale (V12 triggers); the next version recomputes
		// what was read
		this.jdbc.sql("""
				insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, input_tokens,
				                  output_tokens, reasoning_tokens, cost_usd, extracted_answer, score, finished_at)
				values (?, ?, ?, 'default', 3, 'SUCCEEDED', 'figtest', 50, 130, 65, 0.001, '42', 1.0, now())""")
			.params("metrics-" + world.tag, world.prompts.get(0), world.aId)
			.update();
		String background = "trigger=\"background\"";
		double backgroundBefore = value(afterReads, "tokenyield_figure_computations_seconds_count", background);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(http.get(figure).status()).isEqualTo(200);
			assertThat(value(scrape(http), "tokenyield_figure_computations_seconds_count", background))
				.as("a background recompute after the new version")
				.isGreaterThan(backgroundBefore);
		});

		this.metrics.refreshGauges();
		String last = scrape(http);
		// the scheduled stamper ticks every app.analytics.refresh (0.3 s in tests)
		assertThat(value(last, "tokenyield_summary_refresh_seconds_count", "outcome=\"new_version\"")).isPositive();
		assertThat(value(last, "tokenyield_summary_refresh_seconds_count", "outcome=\"unchanged\"")).isPositive();
		assertThat(value(last, "tokenyield_summary_refresh_seconds_max", "outcome=\"unchanged\""))
			.as("a tick is one small update, not seconds")
			.isLessThan(5.0);
		// 12 prompts x (A default, A thinking:1024, B default) of the fixture, plus other
		// tests' rows
		long rows = this.jdbc.sql("select count(*) from config_prompt_stats").query(Long.class).single();
		assertThat(value(last, "tokenyield_summary_rows")).isGreaterThanOrEqualTo(36).isLessThanOrEqualTo(rows);
		assertThat(reads(last, "stale_hit") + reads(last, "hit")).isGreaterThan(reads(afterReads, "hit"));
	}

}
