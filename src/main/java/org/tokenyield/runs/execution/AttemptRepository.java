package org.tokenyield.runs.execution;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code run_attempts}: one row per call of a run, written once (a second write of the
 * same attempt changes nothing). Callers hold the transaction.
 */
@Component
class AttemptRepository {

	private final JdbcClient jdbc;

	AttemptRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One attempt; the usage and cost are null where the attempt was not billed. */
	record Attempt(long runId, int attempt, OffsetDateTime startedAt, OffsetDateTime finishedAt, Integer httpStatus,
			String outcome, String message, Long inputTokens, Long cachedInputTokens, Long outputTokens,
			BigDecimal cost) {
	}

	void insert(Attempt a) {
		this.jdbc.sql("""
				insert into run_attempts (run_id, attempt, started_at, finished_at, http_status, outcome, message,
				                          input_tokens, cached_input_tokens, output_tokens, cost_usd)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (run_id, attempt) do nothing""")
			.params(a.runId(), a.attempt(), a.startedAt(), a.finishedAt(), a.httpStatus(), a.outcome(), a.message(),
					a.inputTokens(), a.cachedInputTokens(), a.outputTokens(), a.cost())
			.update();
	}

}
