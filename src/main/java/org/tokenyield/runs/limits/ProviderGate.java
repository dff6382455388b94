package org.tokenyield.runs.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.tokenyield.catalog.CatalogService;
import org.tokenyield.providers.ModelProvider;
import org.tokenyield.runs.execution.RunExecutor;
import org.tokenyield.runs.queue.RunClock;
import org.tokenyield.runs.queue.RunQueue;

/**
 * What a provider's limits in this instance let through: a claim takes breaker
 * permissions, requests and tokens from the per-minute buckets before
 * {@link RunQueue#claim} (which adds the cluster-wide concurrency and spend cap), and a
 * settled run gives back what it did not use and tells the breaker how the call went;
 * claims take turns among the providers with due runs. One per worker (it claims under
 * the worker's lease owner, on the worker's drain thread).
 */
public final class ProviderGate {

	private static final Logger log = LoggerFactory.getLogger(ProviderGate.class);

	private final RunQueue queue;

	private final ProviderLimits limits;

	private final CatalogService catalog;

	private final RunClock clock;

	private final AtomicInteger rotation = new AtomicInteger();

	private final String owner;

	private final Duration lease;

	private final int maxOutputTokens;

	private final Duration spendRecheck;

	public ProviderGate(RunQueue queue, ProviderLimits limits, CatalogService catalog, RunClock clock, String owner,
			Duration lease, int maxOutputTokens, Duration spendRecheck) {
		this.queue = queue;
		this.limits = limits;
		this.catalog = catalog;
		this.clock = clock;
		this.owner = owner;
		this.lease = lease;
		this.maxOutputTokens = maxOutputTokens;
		this.spendRecheck = spendRecheck;
	}

	/**
	 * Providers with due runs, looked up again at most every half second while draining
	 * (one drain at a time).
	 */
	private List<String> dueProviders;

	private long dueProvidersAt;

	/** A drain begins: look the providers with due runs up afresh. */
	public void startDrain() {
		this.dueProviders = null;
	}

	/**
	 * Claims up to {@code wanted} runs, taking turns among the providers with due runs.
	 */
	public List<RunQueue.Claimed> claimAcrossProviders(int wanted) {
		boolean fresh = false;
		if (this.dueProviders == null || System.nanoTime() - this.dueProvidersAt > 500_000_000L) {
			this.dueProviders = this.queue.providersWithDueRuns()
				.stream()
				.filter(p -> this.catalog.provider(p).map(ModelProvider::configured).orElse(false))
				.toList();
			this.dueProvidersAt = System.nanoTime();
			fresh = true;
		}
		List<String> due = this.dueProviders;
		if (due.isEmpty()) {
			return List.of();
		}
		List<RunQueue.Claimed> claimed = new ArrayList<>();
		int start = Math.floorMod(this.rotation.getAndIncrement(), due.size());
		for (int i = 0; i < due.size() && claimed.size() < wanted; i++) {
			claimed.addAll(claim(due.get((start + i) % due.size()), wanted - claimed.size()));
		}
		if (claimed.isEmpty() && !fresh) {
			// the cached list may be stale: look once more before giving up until the
			// next poll
			this.dueProviders = null;
			return claimAcrossProviders(wanted);
		}
		return claimed;
	}

	/**
	 * Claims up to {@code wanted} runs of one provider within its breaker, rate and spend
	 * limits.
	 */
	List<RunQueue.Claimed> claim(String provider, int wanted) {
		ProviderLimits.State state = this.limits.state(provider);
		long now = this.clock.nanos();
		int allowed = wanted;
		if (state.requests != null) {
			allowed = (int) Math.min(allowed, Math.floor(state.requests.available(now)));
		}
		// the breaker lets nothing through while open, then a probe when half-open
		int permits = 0;
		while (permits < allowed && state.breaker.tryAcquirePermission()) {
			permits++;
		}
		if (permits == 0) {
			return List.of();
		}
		RunQueue.ProviderClaim result;
		try {
			Double tokenBudget = state.tokens == null ? null : state.tokens.available(now);
			boolean full = state.tokens != null && tokenBudget >= state.tokens.capacity();
			result = this.queue.claim(
					this.owner, provider, new RunQueue.Allowance(permits, tokenBudget, full,
							state.limits.maxConcurrency(), state.limits.dailySpendCapUsd()),
					this.lease, this.maxOutputTokens, this.spendRecheck);
		}
		catch (RuntimeException ex) {
			releasePermissions(state, permits);
			throw ex;
		}
		List<RunQueue.Claimed> claimed = result.claimed();
		releasePermissions(state, permits - claimed.size());
		if (result.heldBySpendCap() != null) {
			log.info("Provider {}: runs held by the {}", provider, result.heldBySpendCap());
		}
		for (RunQueue.Claimed run : claimed) {
			if (state.requests != null) {
				state.requests.take(1, now);
			}
			if (state.tokens != null) {
				state.tokens.take(run.tokenEstimate(), now);
			}
		}
		return claimed;
	}

	private static void releasePermissions(ProviderLimits.State state, int n) {
		for (int i = 0; i < n; i++) {
			state.breaker.releasePermission();
		}
	}

	/** Feeds what a run did back into its provider's breaker and token bucket. */
	public void settle(RunQueue.Claimed run, RunExecutor.Outcome outcome) {
		ProviderLimits.State state = this.limits.state(run.provider());
		if (!outcome.called()) {
			state.breaker.releasePermission();
			if (state.requests != null) {
				state.requests.refund(1, this.clock.nanos());
			}
		}
		else if (outcome.providerFailure()) {
			state.breaker.onError(0, TimeUnit.NANOSECONDS, new ProviderLimits.ProviderFailure("retryable failure"));
		}
		else {
			state.breaker.onSuccess(0, TimeUnit.NANOSECONDS);
		}
		if (state.tokens != null) {
			state.tokens.refund(run.tokenEstimate() - outcome.tokensUsed(), this.clock.nanos());
		}
	}

}
