package org.tokenyield.runs;

import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The queue is the {@code runs} table. Queueing is idempotent (each run has a key naming what
 * asked for it), claiming uses {@code FOR UPDATE SKIP LOCKED} so several instances share one
 * database without running a run twice, and a claim is a lease: a run whose lease ran out
 * (its instance died) is claimed again.
 */
@Component
class RunQueue {

	private final JdbcClient jdbc;

	RunQueue(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
				insert into runs (idempotency_key, plan_id, prompt_id, model_id, setting, sample, simulated, dataset)
				select :prefix || ':' || m.id || ':' || p.id || ':' || s.setting || ':' || g.sample,
				       :plan, p.id, m.id, s.setting, g.sample, m.simulated, 'live'
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
			.param("settings", settings == null ? new String[0] : settings.toArray(String[]::new))
			.param("samples", samples)
			.param("models", modelIds.toArray(Long[]::new))
			.param("prompts", promptIds.toArray(Long[]::new))
			.update();
		this.jdbc.sql("update run_plans set runs_queued = runs_queued + ? where id = ?").params(queued, planId).update();
		return queued;
	}

	@Transactional
	long newPlan(PlanTrigger trigger, String description, Long createdBy) {
		return this.jdbc.sql("insert into run_plans (trigger, description, created_by) values (?, ?, ?) returning id")
			.params(trigger.name(), description.length() > 500 ? description.substring(0, 500) : description, createdBy)
			.query(Long.class)
			.single();
	}

	/** A claimed run and everything needed to execute it. */
	record Claimed(long id, long promptId, long modelId, String setting, int sample, int attempts) {
	}

	/** Takes up to {@code limit} due runs, oldest first, leasing them to {@code owner}. */
	@Transactional
	List<Claimed> claim(String owner, int limit, Duration lease) {
		return this.jdbc.sql("""
				update runs r set status = 'RUNNING', attempts = r.attempts + 1, lease_owner = :owner,
				       lease_expires_at = now() + cast(:lease as interval), started_at = coalesce(r.started_at, now())
				 where r.id in (select id from runs where status = 'QUEUED' and next_attempt_at <= now()
				                 order by next_attempt_at, id limit :limit for update skip locked)
				returning r.id, r.prompt_id, r.model_id, r.setting, r.sample, r.attempts""")
			.param("owner", owner)
			.param("lease", lease.toSeconds() + " seconds")
			.param("limit", limit)
			.query((rs, i) -> new Claimed(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
					rs.getInt(6)))
			.list();
	}

	/** Runs left RUNNING by an instance that stopped renewing its lease go back to the queue. */
	@Transactional
	int requeueExpiredLeases() {
		return this.jdbc.sql("""
				update runs set status = 'QUEUED', lease_owner = null, lease_expires_at = null, next_attempt_at = now()
				 where status = 'RUNNING' and lease_expires_at < now()""").update();
	}

	/** Keeps the leases of runs still being worked on. */
	@Transactional
	void heartbeat(String owner, Duration lease) {
		this.jdbc.sql("update runs set lease_expires_at = now() + cast(? as interval) where status = 'RUNNING' and lease_owner = ?")
			.params(lease.toSeconds() + " seconds", owner)
			.update();
	}

}
