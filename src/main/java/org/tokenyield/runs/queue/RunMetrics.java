package org.tokenyield.runs.queue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.providers.ProviderReply;
import org.tokenyield.runs.limits.ProviderLimits;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The run queue's Prometheus metrics (names listed in docs/operations.md). Calls,
 * retries, latency, tokens and spend are counted by this instance as its calls end (sum
 * them over instances); queue depth is read from the runs table, so every instance
 * reports the same cluster-wide figure (take max, not sum); breaker state is this
 * instance's.
 */
@Component
public class RunMetrics {

	private final MeterRegistry registry;

	private final RunQueueRepository queue;

	private final ProviderLimits limits;

	private final MultiGauge queueDepth;

	private final MultiGauge breakerState;

	RunMetrics(MeterRegistry registry, RunQueueRepository queue, ProviderLimits limits) {
		this.registry = registry;
		this.queue = queue;
		this.limits = limits;
		this.queueDepth = MultiGauge.builder("tokenyield.queue.runs")
			.description("Runs waiting or running, by provider and status (cluster-wide, read from the database)")
			.register(registry);
		this.breakerState = MultiGauge.builder("tokenyield.provider.breaker.state")
			.description("Circuit breaker of each provider in this instance: 0 closed, 1 half-open, 2 open")
			.register(registry);
	}

	/** A provider call that returned a reply. */
	public void called(ModelVersion model, ProviderReply answer, BigDecimal cost) {
		Tags tags = Tags.of("provider", model.provider(), "model", model.key());
		Counter.builder("tokenyield.provider.calls")
			.tags(tags)
			.tag("outcome", "success")
			.register(this.registry)
			.increment();
		Timer.builder("tokenyield.provider.latency")
			.description("Provider call latency as the provider reply reports it")
			.tags(tags)
			.register(this.registry)
			.record(answer.latencyMs(), TimeUnit.MILLISECONDS);
		tokens(tags, "input", answer.usage().inputTokens());
		tokens(tags, "output", answer.usage().outputTokens());
		if (cost != null) {
			Counter.builder("tokenyield.provider.spend")
				.baseUnit("usd")
				.tags(tags)
				.register(this.registry)
				.increment(cost.doubleValue());
		}
	}

	/**
	 * A provider call that failed; {@code retried}: the run goes back to the queue for
	 * another attempt.
	 */
	public void failed(ModelVersion model, boolean retryable, boolean retried) {
		Tags tags = Tags.of("provider", model.provider(), "model", model.key());
		Counter.builder("tokenyield.provider.calls")
			.tags(tags)
			.tag("outcome", retryable ? "retryable_failure" : "failure")
			.register(this.registry)
			.increment();
		if (retried) {
			Counter.builder("tokenyield.runs.retries").tags(tags).register(this.registry).increment();
		}
	}

	private void tokens(Tags tags, String kind, Long n) {
		if (n != null && n > 0) {
			Counter.builder("tokenyield.provider.tokens")
				.tags(tags)
				.tag("kind", kind)
				.register(this.registry)
				.increment(n);
		}
	}

	/**
	 * Gauges read at most every few seconds: the scrape never queries the database
	 * itself.
	 */
	@Scheduled(fixedDelayString = "${app.metrics.refresh:PT10S}", initialDelayString = "PT1S")
	public void refreshGauges() {
		List<MultiGauge.Row<?>> depth = new ArrayList<>();
		this.queue.depth()
			.forEach(d -> depth
				.add(MultiGauge.Row.of(Tags.of("provider", d.provider(), "status", d.status()), d.runs())));
		this.queueDepth.register(depth, true);
		List<MultiGauge.Row<?>> breakers = new ArrayList<>();
		this.limits.states()
			.forEach((provider, state) -> breakers
				.add(MultiGauge.Row.of(Tags.of("provider", provider), breakerLevel(state.breaker.getState()))));
		this.breakerState.register(breakers, true);
	}

	private static int breakerLevel(CircuitBreaker.State state) {
		return switch (state) {
			case CLOSED, DISABLED, METRICS_ONLY -> 0;
			case HALF_OPEN -> 1;
			default -> 2;
		};
	}

}
