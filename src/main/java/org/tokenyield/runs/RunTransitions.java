package org.tokenyield.runs;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.tokenyield.providers.Usage;
import org.tokenyield.runs.execution.RunRecorder.StoredReply;
import org.tokenyield.runs.queue.RunClock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one writer of {@code runs.status} (runs are created QUEUED by
 * {@link RunQueue#enqueue} and SUCCEEDED by {@link ImportedRuns}; every later change of
 * status is a method here). Each method is one move of {@link RunStatus}, declared as a
 * {@link Move} that the status table must allow, and its SQL only touches rows still in
 * the status the move starts from.
 * <p>
 * Two kinds of refusal, on purpose different: starting runs that are not QUEUED is a bug
 * in the caller and throws {@link IllegalRunTransitionException} (the claim's transaction
 * rolls back, so nothing is half-started); a worker finishing a run it no longer holds
 * (its lease ran out and the run went back to the queue, or another instance finished it)
 * changes nothing and is told so by the return value, since the newer holder owns the
 * run. Callers hold the transaction.
 */
@Component
public class RunTransitions {

	/** A move of the status table; a move the table forbids cannot be declared. */
	private record Move(RunStatus from, RunStatus to) {

		Move {
			from.requireMoveTo(to);
		}

	}

	private static final Move START = new Move(RunStatus.QUEUED, RunStatus.RUNNING);

	private static final Move SUCCEED = new Move(RunStatus.RUNNING, RunStatus.SUCCEEDED);

	private static final Move FAIL = new Move(RunStatus.RUNNING, RunStatus.FAILED);

	private static final Move REQUEUE = new Move(RunStatus.RUNNING, RunStatus.QUEUED);

	private final JdbcClient jdbc;

	private final RunClock clock;

	RunTransitions(JdbcClient jdbc, RunClock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * QUEUED → RUNNING for runs the caller locked ({@code for update}) in its
	 * transaction, leased to {@code owner}; counts the attempt.
	 */
	public void start(List<Long> ids, String owner, Duration lease) {
		OffsetDateTime now = this.clock.now();
		int started = this.jdbc.sql("""
				update runs r set status = '%s', attempts = r.attempts + 1, lease_owner = :owner,
				       lease_expires_at = :lease_until, started_at = coalesce(r.started_at, :now)
				 where r.id = any(cast(:ids as bigint[])) and r.status = '%s'""".formatted(START.to(), START.from()))
			.param("owner", owner)
			.param("lease_until", now.plus(lease))
			.param("now", now)
			.param("ids", ids.toArray(Long[]::new))
			.update();
		if (started != ids.size()) {
			// name a run this call did not just start: its status is the move that was
			// refused
			RunStatus found = this.jdbc.sql("""
					select status from runs where id = any(cast(:ids as bigint[]))
					   and not (status = :to and lease_owner = :owner) order by id limit 1""")
				.param("ids", ids.toArray(Long[]::new))
				.param("to", START.to().name())
				.param("owner", owner)
				.query((rs, i) -> RunStatus.valueOf(rs.getString(1)))
				.optional()
				.orElse(START.to());
			throw new IllegalRunTransitionException(found, START.to());
		}
	}

	/**
	 * RUNNING → SUCCEEDED with the reply's usage, list cost, grade, and what the call was
	 * billed (added to the run's billed failed attempts); false when the run is no longer
	 * running.
	 */
	public boolean succeed(long runId, StoredReply reply, BigDecimal cost, BigDecimal billedCost, Double score,
			String extractedAnswer, String votingKey, String gradingError, boolean judgeDue) {
		Usage u = reply.usage();
		OffsetDateTime now = this.clock.now();
		return this.jdbc
			.sql("""
					update runs set status = '%s', input_tokens = ?, cached_input_tokens = ?, cache_write_tokens = ?,
					       output_tokens = ?, reasoning_tokens = ?, latency_ms = ?, cost_usd = ?,
					       billed_cost_usd = coalesce(billed_cost_usd, 0) + cast(? as numeric), finish_reason = ?, answer = ?,
					       extracted_answer = ?, voting_key = ?, score = ?, graded_at = case when cast(? as double precision) is null then null else cast(? as timestamptz) end,
					       error = ?, finished_at = ?, lease_owner = null, lease_expires_at = null,
					       judge_due_at = case when ? then cast(? as timestamptz) else null end
					 where id = ? and status = '%s'"""
				.formatted(SUCCEED.to(), SUCCEED.from()))
			.params(u.inputTokens(), u.cachedInputTokens(), u.cacheWriteTokens(), u.outputTokens(), u.reasoningTokens(),
					reply.latencyMs(), cost, billedCost, reply.finishReason(), reply.text(), extractedAnswer, votingKey,
					score, score, now, gradingError, now, judgeDue, now, runId)
			.update() == 1;
	}

	/**
	 * RUNNING → FAILED, final, adding what the failed call was billed ({@code billed},
	 * null when it was not); false when the run is no longer running.
	 */
	public boolean fail(long runId, String error, BigDecimal billed) {
		return this.jdbc.sql("""
				update runs set status = '%s', error = ?, finished_at = ?, lease_owner = null, lease_expires_at = null,
				       billed_cost_usd = case when cast(? as numeric) is null then billed_cost_usd
				                              else coalesce(billed_cost_usd, 0) + cast(? as numeric) end
				 where id = ? and status = '%s'""".formatted(FAIL.to(), FAIL.from()))
			.params(error, this.clock.now(), billed, billed, runId)
			.update() == 1;
	}

	/**
	 * RUNNING → QUEUED, due again after {@code delay} (a retryable error), adding what
	 * the failed call was billed (null when it was not); false when no longer running.
	 */
	public boolean retryLater(long runId, String error, Duration delay, BigDecimal billed) {
		return this.jdbc.sql("""
				update runs set status = '%s', error = ?, next_attempt_at = ?,
				       lease_owner = null, lease_expires_at = null,
				       billed_cost_usd = case when cast(? as numeric) is null then billed_cost_usd
				                              else coalesce(billed_cost_usd, 0) + cast(? as numeric) end
				 where id = ? and status = '%s'""".formatted(REQUEUE.to(), REQUEUE.from()))
			.params(error, this.clock.now().plus(delay), billed, billed, runId)
			.update() == 1;
	}

	/**
	 * RUNNING → QUEUED, due now, for every run whose lease ran out (its instance stopped
	 * renewing it).
	 */
	public int requeueExpiredLeases() {
		return this.jdbc.sql("""
				update runs set status = '%s', lease_owner = null, lease_expires_at = null, next_attempt_at = :now
				 where status = '%s' and lease_expires_at < :now""".formatted(REQUEUE.to(), REQUEUE.from()))
			.param("now", this.clock.now())
			.update();
	}

	/**
	 * RUNNING → QUEUED, due now, for the runs {@code owner} holds (shutdown), keeping
	 * attempts and replies.
	 */
	public int giveBack(String owner) {
		return this.jdbc.sql("""
				update runs set status = '%s', lease_owner = null, lease_expires_at = null, next_attempt_at = ?
				 where status = '%s' and lease_owner = ?""".formatted(REQUEUE.to(), REQUEUE.from()))
			.params(this.clock.now(), owner)
			.update();
	}

}
