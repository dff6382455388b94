package org.tokenyield.runs.queue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.tokenyield.runs.PlanTrigger;
import org.tokenyield.runs.RunTransitions;
import org.tokenyield.runs.queue.RunQueueRepository.Candidate;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The queue is the {@code runs} table. Queueing is idempotent (each run has a key naming
 * what asked for it), claiming uses {@code FOR UPDATE SKIP LOCKED} so several instances
 * share one database without running a run twice, and a claim is a lease: a run whose
 * lease ran out (its instance died) is claimed again. The SQL is
 * {@link RunQueueRepository}'s; this class decides what a claim may take within a
 * provider's allowance.
 */
@Component
public class RunQueue {

	private final RunQueueRepository repository;

	private final ApplicationEventPublisher events;

	private final RunTransitions transitions;

	RunQueue(RunQueueRepository repository, ApplicationEventPublisher events, RunTransitions transitions) {
		this.repository = repository;
		this.events = events;
		this.transitions = transitions;
	}

	/**
	 * Published when runs were queued; the worker starts on them once the transaction
	 * commits.
	 */
	record RunsQueued(int count) {
	}

	/**
	 * Queues (model × setting × sample) × prompt for the given prompts and versions, each
	 * version with its own settings and samples unless {@code settings} / {@code samples}
	 * are given. Runs that exist under the same key are left alone.
	 * @param keyPrefix {@code baseline} for the standing set of runs, {@code plan:ID} for
	 * a plan
	 */
	@Transactional
	public int enqueue(long planId, String keyPrefix, List<Long> promptIds, List<Long> modelIds, List<String> settings,
			Integer samples) {
		if (promptIds.isEmpty() || modelIds.isEmpty()) {
			return 0;
		}
		int queued = this.repository.insertRuns(planId, keyPrefix, promptIds, modelIds, settings, samples);
		if (queued > 0) {
			this.events.publishEvent(new RunsQueued(queued));
		}
		return queued;
	}

	@Transactional
	public long newPlan(PlanTrigger trigger, String description, Long createdBy) {
		return this.repository.newPlan(trigger.name(),
				description.length() > 500 ? description.substring(0, 500) : description, createdBy);
	}

	/**
	 * A claimed run and everything needed to execute it.
	 *
	 * @param tokenEstimate input (UTF-8 bytes / 4) plus the output cap, taken from the
	 * tokens-per-minute bucket at the claim
	 */
	public record Claimed(long id, long promptId, long modelId, String provider, String setting, int sample,
			int attempts, long tokenEstimate, PromptData prompt) {
	}

	/**
	 * What this instance may take from one provider now.
	 *
	 * @param maxRuns free local slots, requests left in the minute, breaker permissions
	 * @param tokenBudget tokens left in the minute, or null for no limit
	 * @param tokenBucketFull lets one oversized run through a full bucket
	 * @param maxConcurrency calls in flight across the cluster, or null for no limit
	 * @param dailySpendCapUsd or null for no cap
	 */
	public record Allowance(int maxRuns, Double tokenBudget, boolean tokenBucketFull, Integer maxConcurrency,
			BigDecimal dailySpendCapUsd) {
	}

	/**
	 * What a claim took, and why runs were held back by the spend cap (null when none
	 * were).
	 */
	public record ProviderClaim(List<Claimed> claimed, String heldBySpendCap) {
	}

	/** Providers that have runs due, busiest first. */
	@Transactional(readOnly = true)
	public List<String> providersWithDueRuns() {
		return this.repository.providersWithDueRuns();
	}

	/**
	 * Claims due runs of one provider, oldest first, within the allowance, leasing them
	 * to {@code owner}. A transaction-scoped advisory lock per provider serializes claims
	 * of one provider across the cluster, so the count of runs in flight (concurrency)
	 * and the spend in flight (cap) cannot be overtaken by another instance claiming at
	 * the same moment. Runs the spend cap holds back stay QUEUED with a later
	 * {@code next_attempt_at}: the next UTC day when today's spend alone leaves no room,
	 * {@code recheck} later when calls in flight might.
	 */
	@Transactional
	public ProviderClaim claim(String owner, String provider, Allowance allowance, Duration lease, int maxOutputTokens,
			Duration recheck) {
		int n = allowance.maxRuns();
		if (n <= 0) {
			return new ProviderClaim(List.of(), null);
		}
		this.repository.lockClaims(provider);
		if (allowance.maxConcurrency() != null) {
			long running = this.repository.running(provider);
			n = (int) Math.min(n, Math.max(0, allowance.maxConcurrency() - running));
			if (n <= 0) {
				return new ProviderClaim(List.of(), null);
			}
		}
		List<Candidate> candidates = this.repository.lockDue(provider, n, maxOutputTokens);
		if (candidates.isEmpty()) {
			return new ProviderClaim(List.of(), null);
		}
		RunQueueRepository.Commitments commitments = allowance.dailySpendCapUsd() == null ? null
				: this.repository.commitments(provider, maxOutputTokens);
		BigDecimal committed = commitments == null ? BigDecimal.ZERO : commitments.total();
		List<Candidate> chosen = new ArrayList<>();
		double tokens = 0;
		String held = null;
		for (Candidate c : candidates) {
			if (allowance.tokenBudget() != null && tokens + c.tokenEstimate() > allowance.tokenBudget()
					&& !(chosen.isEmpty() && allowance.tokenBucketFull())) {
				break;
			}
			if (allowance.dailySpendCapUsd() != null) {
				BigDecimal after = committed.add(c.worstCost());
				if (after.compareTo(allowance.dailySpendCapUsd()) > 0) {
					held = "daily spend cap $" + allowance.dailySpendCapUsd().toPlainString()
							+ ": spent and in flight $" + committed.setScale(4, RoundingMode.HALF_UP).toPlainString()
							+ ", next call up to $" + c.worstCost().setScale(4, RoundingMode.HALF_UP).toPlainString();
					break;
				}
				committed = after;
			}
			tokens += c.tokenEstimate();
			chosen.add(c);
		}
		if (held != null) {
			Long[] claiming = chosen.stream().map(Candidate::id).toArray(Long[]::new);
			// with nothing in flight, only tomorrow's budget can make room; otherwise
			// look again soon. "Nothing in flight" as of the same read as the sum that
			// held the run: read again, a call that finished meanwhile would look like
			// no call at all, and hold runs until tomorrow that its end made room for.
			boolean nothingInFlight = claiming.length == 0 && commitments.inFlight().signum() == 0;
			this.repository.hold(provider, claiming, nothingInFlight, recheck);
		}
		if (chosen.isEmpty()) {
			return new ProviderClaim(List.of(), held);
		}
		List<Long> ids = chosen.stream().map(Candidate::id).toList();
		this.transitions.start(ids, owner, lease);
		List<Claimed> claimed = chosen.stream()
			.map(c -> new Claimed(c.id(), c.promptId(), c.modelId(), provider, c.setting(), c.sample(),
					c.attempts() + 1, c.tokenEstimate(), c.prompt()))
			.toList();
		return new ProviderClaim(claimed, held);
	}

	/**
	 * What the provider's calls cost since midnight UTC, as billed: the models' calls
	 * (their billed failed attempts included, failed runs too) and the judge's.
	 */
	@Transactional(readOnly = true)
	public BigDecimal spentToday(String provider) {
		return this.repository.spentToday(provider);
	}

	/**
	 * Runs left RUNNING by an instance that stopped renewing its lease go back to the
	 * queue.
	 */
	@Transactional
	int requeueExpiredLeases() {
		return this.transitions.requeueExpiredLeases();
	}

	/**
	 * Puts back the runs {@code owner} still holds (shutdown), keeping their attempt
	 * count and any stored reply.
	 */
	@Transactional
	int giveBack(String owner) {
		return this.transitions.giveBack(owner);
	}

	/** Keeps the leases of runs still being worked on. */
	void heartbeat(String owner, Duration lease) {
		this.repository.renewLeases(owner, lease);
	}

}
