package org.tokenyield.runs;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.providers.ModelProvider;
import org.tokenyield.providers.http.ProviderProperties;
import org.tokenyield.runs.limits.ProviderLimits;
import org.tokenyield.runs.queue.RunClock;
import org.tokenyield.runs.queue.RunQueue;
import org.tokenyield.runs.status.ProviderStatusQuery;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The provider status page: configured or not, breaker state in this instance, limits,
 * spend today against the cap, and the latest errors from {@code run_attempts}. Never a
 * key: only whether one is set, and the base URL without any user info.
 */
@Service
public class ProviderStatusService {

	private final CatalogService catalog;

	private final ProviderLimits limits;

	private final ProviderProperties properties;

	private final RunQueue queue;

	private final ProviderStatusQuery status;

	private final RunClock clock;

	ProviderStatusService(CatalogService catalog, ProviderLimits limits, ProviderProperties properties, RunQueue queue,
			ProviderStatusQuery status, RunClock clock) {
		this.clock = clock;
		this.catalog = catalog;
		this.limits = limits;
		this.properties = properties;
		this.queue = queue;
		this.status = status;
	}

	public record RecentError(long runId, String model, int attempt, Instant at, Integer httpStatus, String outcome,
			String message) {
	}

	/**
	 * @param breaker CLOSED (healthy), OPEN (paused), HALF_OPEN (probing), or "idle"
	 * before the first call from this instance
	 */
	public record ProviderStatus(String name, boolean configured, String baseUrl, String breaker,
			Float failureRatePercent, Integer maxConcurrency, Integer requestsPerMinute, Long tokensPerMinute,
			BigDecimal dailySpendCapUsd, BigDecimal spentTodayUsd, long running, long queued, long held,
			List<RecentError> recentErrors) {
	}

	@Transactional(readOnly = true)
	public List<ProviderStatus> all() {
		List<ProviderStatus> out = new ArrayList<>();
		for (String name : this.catalog.knownProviders()) {
			if (ModelVersion.EXTERNAL.equals(name)) {
				continue;
			}
			boolean configured = this.catalog.provider(name).map(ModelProvider::configured).orElse(false);
			ProviderLimits.Limits l = this.limits.limits(name);
			ProviderLimits.State state = this.limits.states().get(name);
			String breaker = state == null ? "idle" : state.breaker.getState().name();
			Float rate = state == null ? null : state.breaker.getMetrics().getFailureRate();
			long[] counts = this.status.counts(name, this.clock.now());
			List<RecentError> errors = this.status.recentErrors(name);
			ProviderProperties.Endpoint endpoint = switch (name) {
				case "anthropic", "openai", "gemini" -> this.properties.endpoint(name);
				default -> this.properties.compat().get(name);
			};
			out.add(new ProviderStatus(name, configured, endpoint == null ? null : withoutUserInfo(endpoint.baseUrl()),
					breaker, rate == null || rate < 0 ? null : rate, l.maxConcurrency(), l.requestsPerMinute(),
					l.tokensPerMinute(), l.dailySpendCapUsd(), this.queue.spentToday(name), counts[0], counts[1],
					counts[2], errors));
		}
		return out;
	}

	static String withoutUserInfo(String url) {
		if (url == null) {
			return null;
		}
		try {
			URI u = URI.create(url);
			if (u.getUserInfo() == null && u.getQuery() == null) {
				return url;
			}
			return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
		}
		catch (Exception ex) {
			return "(unreadable URL)";
		}
	}

}
