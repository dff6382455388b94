package org.tokenyield.runs.queue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.tokenyield.system.Setting;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The queue's SQL: inserting runs under their idempotency keys, the due runs of a
 * provider locked for a claim, what a provider spent today and has in flight, holding
 * runs back, leases. Times are the queue's clock ({@link RunClock}), bound as parameters.
 * Callers hold the transaction.
 */
@Component
class RunQueueRepository {

	/**
	 * The output a call may bill: the answer's cap plus room for thinking (see
	 * {@link Setting#outputCap}).
	 */
	private static final String OUTPUT_CAP = Setting.outputCapSql("r.setting", ":max_output");

	/**
	 * The worst case of one call: every input byte a token (BPE never yields more), the
	 * full output cap.
	 */
	private static final String WORST_COST = "coalesce(((octet_length(p.text) + 64) * pr.input_per_mtok + " + OUTPUT_CAP
			+ " * pr.output_per_mtok) / 1000000, 0)";

	/**
	 * The prices in force today; with a long-prompt tier, the higher of each (a worst
	 * case must not fall short).
	 */
	private static final String PRICE_IN_FORCE = """
			left join lateral (select greatest(x.input_per_mtok, x.tier_input_per_mtok) as input_per_mtok,
			                          greatest(x.output_per_mtok, x.tier_output_per_mtok) as output_per_mtok from catalog_prices x
			                    where x.model_id = m.id and x.effective_from <= current_date
			                    order by x.effective_from desc limit 1) pr on true""";

	/**
	 * What the provider's calls cost since {@code :day}, as billed: the models' calls
	 * (billed failed attempts and failed runs included) and the judge's.
	 */
	private static final String SPENT_TODAY = """
			coalesce((select sum(coalesce(r.billed_cost_usd, r.cost_usd)) from runs r join catalog_models m on m.id = r.model_id
			           where m.provider = :provider and r.finished_at >= :day and r.dataset = 'live'), 0)
			+ coalesce((select sum(r.judge_cost_usd) from runs r join catalog_models j on j.id = r.judge_model_id
			             where j.provider = :provider and r.graded_at >= :day), 0)""";

	/**
	 * The worst case of the provider's calls in flight (runs RUNNING without a stored
	 * reply).
	 */
	private static final String WORST_IN_FLIGHT = """
			(select coalesce(sum(%s), 0)
			   from runs r join catalog_models m on m.id = r.model_id join prompt_facts p on p.id = r.prompt_id
			   %s
			  where r.status = 'RUNNING' and m.provider = :provider
			    and not exists (select 1 from run_responses s where s.run_id = r.id))""".formatted(WORST_COST,
			PRICE_IN_FORCE);

	private final JdbcClient jdbc;

	private final RunClock clock;

	RunQueueRepository(JdbcClient jdbc, RunClock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A due run locked for a claim, with its token estimate and worst-case cost. */
	record Candidate(long id, long promptId, long modelId, String setting, int sample, int attempts, long tokenEstimate,
			BigDecimal worstCost, PromptData prompt) {
	}

	/**
	 * Inserts the runs of {@link RunQueue#enqueue} (due now) and counts them on the plan;
	 * returns how many are new.
	 */
	int insertRuns(long planId, String keyPrefix, List<Long> promptIds, List<Long> modelIds, List<String> settings,
			Integer samples) {
		int queued = this.jdbc.sql("""
				insert into runs (idempotency_key, plan_id, prompt_id, model_id, setting, sample, simulated, dataset,
				                  next_attempt_at)
				select :prefix || ':' || m.id || ':' || p.id || ':' || s.setting || ':' || g.sample,
				       :plan, p.id, m.id, s.setting, g.sample, m.simulated, 'live', :now
				  from catalog_models m
				 cross join lateral unnest(case when cardinality(cast(:settings as text[])) > 0
				                                then cast(:settings as text[]) else m.settings end) as s(setting)
				 cross join lateral generate_series(0, coalesce(cast(:samples as int), m.samples) - 1) as g(sample)
				 cross join prompt_facts p
				 where m.id = any(cast(:models as bigint[])) and m.active and m.provider <> 'external'
				   and p.id = any(cast(:prompts as bigint[])) and p.status = 'APPROVED'
				 order by p.id, m.id, s.setting, g.sample""" + RunKeys.SKIP_KNOWN_KEYS)
			.param("prefix", keyPrefix)
			.param("plan", planId)
			.param("now", this.clock.now())
			.param("settings", settings == null ? new String[0] : settings.toArray(String[]::new))
			.param("samples", samples)
			.param("models", modelIds.toArray(Long[]::new))
			.param("prompts", promptIds.toArray(Long[]::new))
			.update();
		this.jdbc.sql("update run_plans set runs_queued = runs_queued + ? where id = ?")
			.params(queued, planId)
			.update();
		return queued;
	}

	long newPlan(String trigger, String description, Long createdBy) {
		return this.jdbc.sql("insert into run_plans (trigger, description, created_by) values (?, ?, ?) returning id")
			.params(trigger, description, createdBy)
			.query(Long.class)
			.single();
	}

	/** Providers that have runs due, busiest first. */
	List<String> providersWithDueRuns() {
		return this.jdbc.sql("""
				select m.provider from runs r join catalog_models m on m.id = r.model_id
				 where r.status = 'QUEUED' and r.next_attempt_at <= ?
				 group by m.provider order by count(*) desc""").param(this.clock.now()).query(String.class).list();
	}

	/**
	 * Serializes claims of one provider across the cluster until the transaction ends.
	 */
	void lockClaims(String provider) {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtext('token-yield.claim'), hashtext(?))")
			.param(provider)
			.query((rs, i) -> 1)
			.list();
	}

	long running(String provider) {
		return this.jdbc.sql("""
				select count(*) from runs r join catalog_models m on m.id = r.model_id
				 where r.status = 'RUNNING' and m.provider = ?""").param(provider).query(Long.class).single();
	}

	/**
	 * Up to {@code limit} due runs of the provider, oldest due first, locked (others skip
	 * them).
	 */
	List<Candidate> lockDue(String provider, int limit, int maxOutputTokens) {
		return this.jdbc.sql("""
				select r.id, r.prompt_id, r.model_id, r.setting, r.sample, r.attempts,
				       ceil(octet_length(p.text) / 4.0) + %s as token_estimate, %s as worst_cost,
				       p.text, p.difficulty, p.grader
				  from runs r join catalog_models m on m.id = r.model_id join prompt_facts p on p.id = r.prompt_id
				  %s
				 where r.status = 'QUEUED' and r.next_attempt_at <= :now and m.provider = :provider
				 order by r.next_attempt_at, r.id limit :limit
				   for update of r skip locked""".formatted(OUTPUT_CAP, WORST_COST, PRICE_IN_FORCE))
			.param("max_output", maxOutputTokens)
			.param("now", this.clock.now())
			.param("provider", provider)
			.param("limit", limit)
			.query((rs, i) -> new Candidate(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
					rs.getInt(6), rs.getLong(7), rs.getBigDecimal(8),
					new PromptData(rs.getString(9), rs.getString(10), rs.getString(11))))
			.list();
	}

	/** See {@link RunQueue#spentToday}. */
	BigDecimal spentToday(String provider) {
		return this.jdbc.sql("select " + SPENT_TODAY)
			.param("provider", provider)
			.param("day", this.clock.startOfDay())
			.query(BigDecimal.class)
			.single();
	}

	/**
	 * What the spend cap weighs a claim against: today's spend and the worst case of the
	 * calls in flight, read in ONE statement (one snapshot). Read apart, a call finishing
	 * between the two reads is in neither (its cost not yet spent, then no longer in
	 * flight), and a claim that saw it in flight could then find "nothing in flight" and
	 * hold runs until tomorrow although the budget has room.
	 */
	record Commitments(BigDecimal spent, BigDecimal inFlight) {

		BigDecimal total() {
			return this.spent.add(this.inFlight);
		}

	}

	Commitments commitments(String provider, int maxOutputTokens) {
		return this.jdbc.sql("select " + SPENT_TODAY + ", " + WORST_IN_FLIGHT)
			.param("provider", provider)
			.param("day", this.clock.startOfDay())
			.param("max_output", maxOutputTokens)
			.query((rs, i) -> new Commitments(rs.getBigDecimal(1), rs.getBigDecimal(2)))
			.single();
	}

	/**
	 * Holds the provider's due runs (but those being claimed) back: until the next UTC
	 * day when {@code untilTomorrow}, else {@code recheck} from now.
	 */
	void hold(String provider, Long[] claiming, boolean untilTomorrow, Duration recheck) {
		OffsetDateTime now = this.clock.now();
		OffsetDateTime until = untilTomorrow ? this.clock.startOfDay().plusDays(1) : now.plus(recheck);
		this.jdbc
			.sql("""
					update runs r set next_attempt_at = :until
					  from catalog_models m
					 where m.id = r.model_id and m.provider = :provider and r.status = 'QUEUED' and r.next_attempt_at <= :now
					   and r.id <> all(cast(:claiming as bigint[]))""")
			.param("until", until)
			.param("now", now)
			.param("provider", provider)
			.param("claiming", claiming)
			.update();
	}

	/** Renews the leases of the runs {@code owner} holds. */
	void renewLeases(String owner, Duration lease) {
		this.jdbc.sql("update runs set lease_expires_at = ? where status = 'RUNNING' and lease_owner = ?")
			.params(this.clock.now().plus(lease), owner)
			.update();
	}

	/** Queued and running runs of one provider in one status (the queue-depth gauge). */
	record QueueDepth(String provider, String status, long runs) {
	}

	List<QueueDepth> depth() {
		return this.jdbc
			.sql("select m.provider, r.status, count(*) from " + UnfinishedRuns.SQL
					+ " r join catalog_models m on m.id = r.model_id group by m.provider, r.status")
			.query((rs, i) -> new QueueDepth(rs.getString(1), rs.getString(2), rs.getLong(3)))
			.list();
	}

}
