package org.tokenyield.analytics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

import org.tokenyield.analytics.freshness.FigureCache;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The figures' Prometheus metrics (names listed in docs/operations.md): how this
 * instance's {@link FigureCache} answers (hits, stale hits, misses; computations a reader
 * waited for and background recomputes, timed) and the summary upkeep, i.e. the
 * {@link SummaryVersionStamper} job's ticks (timed, by whether they made a new version)
 * and the size of the incremental summary that the V12 triggers keep (read from the
 * database, so the same on every instance).
 */
@Component
class FigureMetrics {

	private final ConfigMeansQuery summary;

	private final AtomicLong summaryRows = new AtomicLong();

	FigureMetrics(MeterRegistry registry, FigureCache cache, SummaryVersionStamper stamper, ConfigMeansQuery summary) {
		this.summary = summary;
		read(registry, cache, "hit", FigureCache::hits);
		read(registry, cache, "stale_hit", FigureCache::staleHits);
		read(registry, cache, "miss", FigureCache::misses);
		Timer reader = computations(registry, "reader");
		Timer background = computations(registry, "background");
		cache.onComputed((trigger, nanos) -> ("background".equals(trigger) ? background : reader).record(nanos,
				TimeUnit.NANOSECONDS));
		Timer newVersion = ticks(registry, "new_version");
		Timer unchanged = ticks(registry, "unchanged");
		stamper.onTick((made, nanos) -> (made ? newVersion : unchanged).record(nanos, TimeUnit.NANOSECONDS));
		Gauge.builder("tokenyield.summary.rows", this.summaryRows, AtomicLong::get)
			.description("Rows of config_prompt_stats, the incremental summary (cluster-wide, read from the database)")
			.register(registry);
	}

	private static void read(MeterRegistry registry, FigureCache cache, String result,
			ToDoubleFunction<FigureCache> count) {
		FunctionCounter.builder("tokenyield.figure.cache.reads", cache, count)
			.description("Figure reads answered by this instance's cache: hit (current), stale_hit (served while "
					+ "recomputed), miss (computed while the reader waited)")
			.tag("result", result)
			.register(registry);
	}

	private static Timer computations(MeterRegistry registry, String trigger) {
		return Timer.builder("tokenyield.figure.computations")
			.description(
					"Figure computations: reader (a miss the reader waited for), background (a stale figure recomputed)")
			.tag("trigger", trigger)
			.register(registry);
	}

	private static Timer ticks(MeterRegistry registry, String outcome) {
		return Timer.builder("tokenyield.summary.refresh")
			.description("Ticks of the summary stamper: new_version when the summary was marked stale, else unchanged")
			.tag("outcome", outcome)
			.register(registry);
	}

	/** Read every few seconds, so a scrape never queries the database itself. */
	@Scheduled(fixedDelayString = "${app.metrics.refresh:PT10S}", initialDelayString = "PT1S")
	void refreshGauges() {
		this.summaryRows.set(this.summary.summaryRows());
	}

}
