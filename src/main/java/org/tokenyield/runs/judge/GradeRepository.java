package org.tokenyield.runs.judge;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.tokenyield.runs.judge.JudgeWorker.Due;
import org.tokenyield.runs.judge.Regrader.Answer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The grade of a finished run, written apart from its status (a regrade changes a score,
 * never a status, see {@link RunTransitions}): the judge's work queue
 * ({@code judge_due_at} as due time and lease), what the judge said, and the rescoring of
 * stored answers when a prompt's rule changes. Callers hold the transaction.
 */
@Component
class GradeRepository {

	private final JdbcClient jdbc;

	GradeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Up to {@code limit} answers due for the judge at {@code now}, oldest due first,
	 * leased until {@code leaseUntil} (others skip them), each with its attempt counted.
	 */
	List<Due> claimJudging(OffsetDateTime now, OffsetDateTime leaseUntil, int limit) {
		return this.jdbc.sql("""
				update runs r set judge_due_at = :lease_until, judge_attempts = r.judge_attempts + 1
				 where r.id in (select id from runs where judge_due_at <= :now and status = 'SUCCEEDED'
				                 order by judge_due_at, id limit :limit for update skip locked)
				returning r.id, r.prompt_id, r.answer, r.judge_attempts""")
			.param("lease_until", leaseUntil)
			.param("now", now)
			.param("limit", limit)
			.query((rs, i) -> new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4)))
			.list();
	}

	/** The run no longer waits for the judge (its rule is no longer a judge's). */
	void dropJudging(long runId) {
		this.jdbc.sql("update runs set judge_due_at = null where id = ?").param(runId).update();
	}

	/**
	 * What the judge said: the grade ({@code judgeModelId} set when the judge answered,
	 * which stamps {@code graded_at}), its tokens and cost (each kept when null), an
	 * error, and when to ask again ({@code retryAt}, null when not).
	 */
	void judged(long runId, Long judgeModelId, Double score, String extracted, String votingKey, Long in, Long out,
			BigDecimal cost, String error, OffsetDateTime now, OffsetDateTime retryAt) {
		this.jdbc
			.sql("""
					update runs set score = ?, extracted_answer = ?, voting_key = ?, graded_at = case when ? then cast(? as timestamptz) else graded_at end,
					       judge_model_id = coalesce(?, judge_model_id),
					       judge_input_tokens = coalesce(?, judge_input_tokens), judge_output_tokens = coalesce(?, judge_output_tokens),
					       judge_cost_usd = coalesce(?, judge_cost_usd), error = ?,
					       judge_due_at = case when ? then cast(? as timestamptz) else null end
					 where id = ?""")
			.params(score, extracted, votingKey, judgeModelId != null, now, judgeModelId, in, out, cost, error,
					retryAt != null, retryAt == null ? now : retryAt, runId)
			.update();
	}

	/**
	 * Up to {@code limit} stored answers of the prompt's successful runs after run
	 * {@code afterRunId}, in run order.
	 */
	List<Answer> answers(long promptId, long afterRunId, int limit) {
		return this.jdbc.sql("""
				select id, answer from runs
				 where prompt_id = ? and status = 'SUCCEEDED' and answer is not null and id > ?
				 order by id limit ?""")
			.params(promptId, afterRunId, limit)
			.query((rs, i) -> new Answer(rs.getLong(1), rs.getString(2)))
			.list();
	}

	/**
	 * The answer waits for the judge from {@code now}, ungraded, the previous judge's
	 * tokens cleared; {@code error} says why when no judge is configured (else null).
	 */
	void awaitJudge(long runId, OffsetDateTime now, String error) {
		this.jdbc.sql("""
				update runs set score = null, extracted_answer = null, voting_key = null, graded_at = null,
				       judge_due_at = ?, judge_attempts = 0, judge_input_tokens = null,
				       judge_output_tokens = null, judge_cost_usd = null, judge_model_id = null,
				       error = ?
				 where id = ?""").params(now, error, runId).update();
	}

	/**
	 * The answer graded again under a rule without a judge, the judge's figures cleared.
	 */
	void regraded(long runId, Double score, String extracted, String votingKey, OffsetDateTime now) {
		this.jdbc.sql("""
				update runs set score = ?, extracted_answer = ?, voting_key = ?, graded_at = ?, judge_due_at = null,
				       judge_input_tokens = null, judge_output_tokens = null, judge_cost_usd = null,
				       judge_model_id = null, error = null where id = ?""")
			.params(score, extracted, votingKey, now, runId)
			.update();
	}

}
