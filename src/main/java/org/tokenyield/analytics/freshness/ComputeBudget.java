package org.tokenyield.analytics.freshness;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.tokenyield.analytics.AnalyticsProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How many figures not yet computed one client may have computed (docs/live-figures.md):
 * a token bucket per client address of {@code app.analytics.client-burst} computations,
 * refilled at {@code app.analytics.client-per-minute}. Figures already computed cost
 * nothing and are never limited; only new filter combinations are.
 */
@Component
public class ComputeBudget {

	private static final int MAX_CLIENTS = 10_000;

	private final double burst;

	private final double perNano;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private static final class Bucket {

		double tokens;

		long lastNanos;

		Bucket(double tokens, long lastNanos) {
			this.tokens = tokens;
			this.lastNanos = lastNanos;
		}

	}

	@Autowired
	ComputeBudget(AnalyticsProperties properties) {
		this(properties.clientBurst(), properties.clientPerMinute());
	}

	ComputeBudget(int burst, int perMinute) {
		this.burst = burst;
		this.perNano = perMinute / 60e9;
	}

	/**
	 * Takes one computation from {@code client}'s budget, or throws
	 * {@link FigureBusyException}.
	 */
	public void charge(String client) {
		long now = System.nanoTime();
		if (this.buckets.size() > MAX_CLIENTS) {
			// forgetting is generous, never unfair; keeps memory bounded
			this.buckets.clear();
		}
		Bucket bucket = this.buckets.computeIfAbsent(client, k -> new Bucket(this.burst, now));
		synchronized (bucket) {
			double tokens = Math.min(this.burst, bucket.tokens + (now - bucket.lastNanos) * this.perNano);
			bucket.lastNanos = now;
			if (tokens < 1) {
				bucket.tokens = tokens;
				throw new FigureBusyException(Math.max(1, (long) Math.ceil((1 - tokens) / this.perNano / 1e9)));
			}
			bucket.tokens = tokens - 1;
		}
	}

}
