package org.tokenyield.runs.limits;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import org.tokenyield.providers.http.ProviderProperties;
import org.tokenyield.runs.RunsProperties;
import org.tokenyield.runs.queue.RunClock;

import org.springframework.stereotype.Component;

/**
 * What the worker may send to each provider (PROVIDERS.md, "Retries, limits, money"):
 * <ul>
 * <li>{@code max-concurrency}: calls in flight across the whole cluster, enforced by the
 * claim (it counts RUNNING runs under a per-provider database lock);</li>
 * <li>{@code requests-per-minute}, {@code tokens-per-minute}: continuously refilled
 * buckets in this instance (with several instances give each its share);</li>
 * <li>a circuit breaker per provider in this instance: after repeated retryable failures
 * the provider is paused (its runs are not claimed), then one probe call decides whether
 * it resumes;</li>
 * <li>{@code daily-spend-cap-usd}: checked by the claim against the database, so
 * cluster-wide.</li>
 * </ul>
 */
@Component
public class ProviderLimits {

	/** A provider's configured limits; null means none. */
	public record Limits(Integer maxConcurrency, Integer requestsPerMinute, Long tokensPerMinute,
			BigDecimal dailySpendCapUsd) {

		static final Limits NONE = new Limits(null, null, null, null);

	}

	/** The limiter state of one provider in this instance. */
	public static final class State {

		final String provider;

		final Limits limits;

		public final CircuitBreaker breaker;

		final TokenBucket requests;

		final TokenBucket tokens;

		State(String provider, Limits limits, CircuitBreakerConfig config, long now) {
			this.provider = provider;
			this.limits = limits;
			this.breaker = CircuitBreaker.of("provider-" + provider, config);
			this.requests = positive(limits.requestsPerMinute()) ? new TokenBucket(limits.requestsPerMinute(), now)
					: null;
			this.tokens = positive(limits.tokensPerMinute()) ? new TokenBucket(limits.tokensPerMinute(), now) : null;
		}

		private static boolean positive(Number n) {
			return n != null && n.longValue() > 0;
		}

	}

	private final ProviderProperties properties;

	private final CircuitBreakerConfig breakerConfig;

	private final Map<String, State> states = new ConcurrentHashMap<>();

	private final RunClock clock;

	ProviderLimits(ProviderProperties properties, RunClock clock, RunsProperties runs) {
		RunsProperties.Breaker breaker = runs.breaker();
		this.properties = properties;
		this.clock = clock;
		this.breakerConfig = CircuitBreakerConfig.custom()
			// the queue's clock decides when an open breaker lets a probe through
			.clock(clock.clock())
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(breaker.window())
			.minimumNumberOfCalls(breaker.minimumCalls())
			.failureRateThreshold(breaker.failureRatePercent())
			.waitDurationInOpenState(breaker.openFor())
			.permittedNumberOfCallsInHalfOpenState(breaker.probes())
			// only what the worker reports as a provider failure counts; nothing is
			// thrown through it
			.recordExceptions(ProviderFailure.class)
			.build();
	}

	/**
	 * Marker for the breaker: a retryable provider failure (429, 5xx, 529, timeout,
	 * reset).
	 */
	static final class ProviderFailure extends RuntimeException {

		ProviderFailure(String message) {
			super(message, null, false, false);
		}

	}

	public State state(String provider) {
		return this.states.computeIfAbsent(provider,
				p -> new State(p, limits(p), this.breakerConfig, this.clock.nanos()));
	}

	public Limits limits(String provider) {
		ProviderProperties.Endpoint e = switch (provider) {
			case "anthropic", "openai", "gemini" -> this.properties.endpoint(provider);
			default -> this.properties.compat().get(provider);
		};
		if (e == null) {
			return Limits.NONE;
		}
		return new Limits(e.maxConcurrency(), e.requestsPerMinute(), e.tokensPerMinute(), e.dailySpendCapUsd());
	}

	/** Breaker states of the providers this instance has called, for the status page. */
	public Map<String, State> states() {
		return Map.copyOf(this.states);
	}

}
