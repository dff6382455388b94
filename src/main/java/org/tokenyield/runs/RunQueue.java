package org.tokenyield.runs;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.tokenyield.system.Setting;

/**
 * The queue is the {@code runs} table. Queueing is idempotent (each run has a key naming what
 * asked for it), claiming uses {@code FOR UPDATE SKIP LOCKED} so several instances share one
 * database without running a run twice, and a claim is a lease: a run whose lease ran out
 * (its instance died) is claimed again.
 */
@Component
class RunQueue {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final RunTransitions transitions;

	private final RunClock clock;

	RunQueue(JdbcClient jdbc, ApplicationEventPublisher events, RunTransitions transitions, RunClock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.transitions = transitions;
		this.clock = clock;
	}

	/** Published when runs were queued; the worker starts on them once the transaction commits. */
	record RunsQueued(int count) {
	}

	/**
	 * Queues (model × setting × sample) × prompt for the given prompts and versions, each
	 * version with its own settings and samples unless {@code settings} / {@code samples} are
	 * given. Runs that exist under the same key are left alone.
	 *
	 * @param keyPrefix {@code baseline} for the standing set of runs, {@code plan:ID} for a plan
	 */
	@Transactional
	int enqueue(long planId, String keyPrefix, List<Long> promptIds, List<Long> modelIds, List<String> settings,
			Integer samples) {
		if (promptIds.isEmpty() || modelIds.isEmpty()) {
			return 0;
		}
		int queued = this.jdbc.sql("""
				insert into runs (idempotency_key, plan_id, prompt_id, model_id, setting, sample, simulated, dataset,
				                  next_attempt_at)
				select :prefix || ':' || m.id || ':' || p.id || ':' || s.setting || ':' || g.sample,
				       :plan, p.id, m.id, s.setting, g.sample, m.simulated, 'live', :now
				  from model_versions m
				 cross join lateral unnest(case when cardinality(cast(:settings as text[])) > 0
				                                then cast(:settings as text[]) else m.settings end) as s(setting)
				 cross join lateral generate_series(0, coalesce(cast(:samples as int), m.samples) - 1) as g(sample)
				 cross join prompts p
				 where m.id = any(cast(:models as bigint[])) and m.active and m.provider <> 'external'
				   and p.id = any(cast(:prompts as bigint[])) and p.status = 'APPROVED'
				 order by p.id, m.id, s.setting, g.sample
				on conflict (idempotency_key) do nothing""")
			.param("prefix", keyPrefix)
			.param("plan", planId)
			.param("now", this.clock.now())
			.param("settings", settings == null ? new String[0] : settings.toArray(String[]::new))
			.param("samples", samples)
			.param("models", modelIds.toArray(Long[]::new))
			.param("prompts", promptIds.toArray(Long[]::new))
			.update();
		this.jdbc.sql("update run_plans set runs_queued = runs_queued + ? where id = ?").params(queued, planId).update();
		if (queued > 0) {
			this.events.publishEvent(new RunsQueued(queued));
		}
		return queued;
	}

	@Transactional
	long newPlan(PlanTrigger trigger, String description, Long createdBy) {
		return this.jdbc.sql("insert into run_plans (trigger, description, created_by) values (?, ?, ?) returning id")
			.params(trigger.name(), description.length() > 500 ? description.substring(0, 500) : description, createdBy)
			.query(Long.class)
			.single();
	}

	/**
	 * A claimed run and everything needed to execute it.
	 *
	 * @param tokenEstimate input (UTF-8 bytes / 4) plus the output cap, taken from the
	 * tokens-per-minute bucket at the claim
	 */
	record Claimed(long id, long promptId, long modelId, String provider, String setting, int sample, int attempts,
			long tokenEstimate, PromptData prompt) {
	}

	/**
	 * What the executor needs of the prompt, read by the claim query that joins it anyway (one
	 * query fewer per run on the queue's hot path).
	 */
	record PromptData(String text, String difficulty, String grader) {
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
	record Allowance(int maxRuns, Double tokenBudget, boolean tokenBucketFull, Integer maxConcurrency,
			BigDecimal dailySpendCapUsd) {
	}

	/** What a claim took, and why runs were held back by the spend cap (null when none were). */
	record ProviderClaim(List<Claimed> claimed, String heldBySpendCap) {
	}

	private record Candidate(long id, long promptId, long modelId, String setting, int sample, int attempts,
			long tokenEstimate, BigDecimal worstCost, PromptData prompt) {
	}

	/** The output a call may bill: the answer's cap plus room for thinking (see {@link Setting#outputCap}). */
	private static final String OUTPUT_CAP = Setting.outputCapSql("r.setting", ":max_output");

	/** The worst case of one call: every input byte a token (BPE never yields more), the full output cap. */
	private static final String WORST_COST = "coalesce(((octet_length(p.text) + 64) * pr.input_per_mtok + " + OUTPUT_CAP
			+ " * pr.output_per_mtok) / 1000000, 0)";

	/** The prices in force today; with a long-prompt tier, the higher of each (a worst case must not fall short). */
	private static final String PRICE_IN_FORCE = """
			left join lateral (select greatest(x.input_per_mtok, x.tier_input_per_mtok) as input_per_mtok,
			                          greatest(x.output_per_mtok, x.tier_output_per_mtok) as output_per_mtok from model_prices x
			                    where x.model_id = m.id and x.effective_from <= current_date
			                    order by x.effective_from desc limit 1) pr on true""";

	/** Providers that have runs due, busiest first. */
	@Transactional(readOnly = true)
	List<String> providersWithDueRuns() {
		return this.jdbc.sql("""
				select m.provider from runs r join model_versions m on m.id = r.model_id
				 where r.status = 'QUEUED' and r.next_attempt_at <= ?
				 group by m.provider order by count(*) desc""").param(this.clock.now()).query(String.class).list();
	}

	/**
	 * Claims due runs of one provider, oldest first, within the allowance, leasing them to
	 * {@code owner}. A transaction-scoped advisory lock per provider serializes claims of one
	 * provider across the cluster, so the count of runs in flight (concurrency) and the spend in
	 * flight (cap) cannot be overtaken by another instance claiming at the same moment. Runs the
	 * spend cap holds back stay QUEUED with a later {@code next_attempt_at}: the next UTC day
	 * when today's spend alone leaves no room, {@code recheck} later when calls in flight might.
	 */
	@Transactional
	ProviderClaim claim(String owner, String provider, Allowance allowance, Duration lease, int maxOutputTokens,
			Duration recheck) {
		int n = allowance.maxRuns();
		if (n <= 0) {
			return new ProviderClaim(List.of(), null);
		}
		this.jdbc.sql("select pg_advisory_xact_lock(hashtext('token-yield.claim'), hashtext(?))")
			.param(provider)
			.query((rs, i) -> 1)
			.list();
		if (allowance.maxConcurrency() != null) {
			long running = this.jdbc.sql("""
					select count(*) from runs r join model_versions m on m.id = r.model_id
					 where r.status = 'RUNNING' and m.provider = ?""").param(provider).query(Long.class).single();
			n = (int) Math.min(n, Math.max(0, allowance.maxConcurrency() - running));
			if (n <= 0) {
				return new ProviderClaim(List.of(), null);
			}
		}
		List<Candidate> candidates = this.jdbc.sql("""
				select r.id, r.prompt_id, r.model_id, r.setting, r.sample, r.attempts,
				       ceil(octet_length(p.text) / 4.0) + %s as token_estimate, %s as worst_cost,
				       p.text, p.difficulty, p.grader
				  from runs r join model_versions m on m.id = r.model_id join prompts p on p.id = r.prompt_id
				  %s
				 where r.status = 'QUEUED' and r.next_attempt_at <= :now and m.provider = :provider
				 order by r.next_attempt_at, r.id limit :limit
				   for update of r skip locked""".formatted(OUTPUT_CAP, WORST_COST, PRICE_IN_FORCE))
			.param("max_output", maxOutputTokens)
			.param("now", this.clock.now())
			.param("provider", provider)
			.param("limit", n)
			.query((rs, i) -> new Candidate(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
					rs.getInt(6), rs.getLong(7), rs.getBigDecimal(8),
					new PromptData(rs.getString(9), rs.getString(10), rs.getString(11))))
			.list();
		if (candidates.isEmpty()) {
			return new ProviderClaim(List.of(), null);
		}
		BigDecimal committed = allowance.dailySpendCapUsd() == null ? BigDecimal.ZERO
				: spentToday(provider).add(worstInFlight(provider, maxOutputTokens));
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
					held = "daily spend cap $" + allowance.dailySpendCapUsd().toPlainString() + ": spent and in flight $"
							+ committed.setScale(4, java.math.RoundingMode.HALF_UP).toPlainString()
							+ ", next call up to $" + c.worstCost().setScale(4, java.math.RoundingMode.HALF_UP).toPlainString();
					break;
				}
				committed = after;
			}
			tokens += c.tokenEstimate();
			chosen.add(c);
		}
		if (held != null) {
			hold(provider, chosen.stream().map(Candidate::id).toArray(Long[]::new), maxOutputTokens, recheck);
		}
		if (chosen.isEmpty()) {
			return new ProviderClaim(List.of(), held);
		}
		List<Long> ids = chosen.stream().map(Candidate::id).toList();
		this.transitions.start(ids, owner, lease);
		List<Claimed> claimed = chosen.stream()
			.map(c -> new Claimed(c.id(), c.promptId(), c.modelId(), provider, c.setting(), c.sample(), c.attempts() + 1,
					c.tokenEstimate(), c.prompt()))
			.toList();
		return new ProviderClaim(claimed, held);
	}

	/**
	 * What the provider's calls cost since midnight UTC, as billed: the models' calls (their billed
	 * failed attempts included, failed runs too) and the judge's.
	 */
	@Transactional(readOnly = true)
	BigDecimal spentToday(String provider) {
		return this.jdbc.sql("""
				select coalesce((select sum(coalesce(r.billed_cost_usd, r.cost_usd)) from runs r join model_versions m on m.id = r.model_id
				                  where m.provider = :provider and r.finished_at >= :day and r.dataset = 'live'), 0)
				     + coalesce((select sum(r.judge_cost_usd) from runs r join model_versions j on j.id = r.judge_model_id
				                  where j.provider = :provider and r.graded_at >= :day), 0)""")
			.param("provider", provider)
			.param("day", this.clock.startOfDay())
			.query(BigDecimal.class)
			.single();
	}

	/** The worst case of the provider's calls in flight (runs RUNNING without a stored reply). */
	@Transactional(readOnly = true)
	BigDecimal worstInFlight(String provider, int maxOutputTokens) {
		return this.jdbc.sql("""
				select coalesce(sum(%s), 0)
				  from runs r join model_versions m on m.id = r.model_id join prompts p on p.id = r.prompt_id
				  %s
				 where r.status = 'RUNNING' and m.provider = :provider
				   and not exists (select 1 from run_responses s where s.run_id = r.id)""".formatted(WORST_COST,
				PRICE_IN_FORCE))
			.param("max_output", maxOutputTokens)
			.param("provider", provider)
			.query(BigDecimal.class)
			.single();
	}

	private void hold(String provider, Long[] claiming, int maxOutputTokens, Duration recheck) {
		// with nothing in flight, only tomorrow's budget can make room; otherwise look again soon
		boolean nothingInFlight = claiming.length == 0 && worstInFlight(provider, maxOutputTokens).signum() == 0;
		OffsetDateTime now = this.clock.now();
		OffsetDateTime until = nothingInFlight ? this.clock.startOfDay().plusDays(1) : now.plus(recheck);
		this.jdbc.sql("""
				update runs r set next_attempt_at = :until
				  from model_versions m
				 where m.id = r.model_id and m.provider = :provider and r.status = 'QUEUED' and r.next_attempt_at <= :now
				   and r.id <> all(cast(:claiming as bigint[]))""")
			.param("until", until)
			.param("now", now)
			.param("provider", provider)
			.param("claiming", claiming)
			.update();
	}

	/** Runs left RUNNING by an instance that stopped renewing its lease go back to the queue. */
	@Transactional
	int requeueExpiredLeases() {
		return this.transitions.requeueExpiredLeases();
	}

	/** Keeps the leases of runs still being worked on. */
	@Transactional
	/** Puts back the runs {@code owner} still holds (shutdown), keeping their attempt count and any stored reply. */
	int giveBack(String owner) {
		return this.transitions.giveBack(owner);
	}

	void heartbeat(String owner, Duration lease) {
		this.jdbc.sql("update runs set lease_expires_at = ? where status = 'RUNNING' and lease_owner = ?")
			.params(this.clock.now().plus(lease), owner)
			.update();
	}

}
