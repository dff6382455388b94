package org.tokenyield.runs.execution;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code run_responses}: a run's reply as received (request and response bodies, headers
 * with the normalized usage under {@code x-token-yield-normalized}), one per run, the
 * latest kept. Callers hold the transaction.
 */
@Component
class ReplyRepository {

	private final JdbcClient jdbc;

	ReplyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores the reply, replacing one stored before for the run. */
	void store(long runId, String requestBody, String rawBody, String headersJson, OffsetDateTime receivedAt) {
		this.jdbc
			.sql("""
					insert into run_responses (run_id, request_body, raw_body, headers, received_at) values (?, ?, ?, ?::jsonb, ?)
					on conflict (run_id) do update set request_body = excluded.request_body, raw_body = excluded.raw_body,
					       headers = excluded.headers, received_at = excluded.received_at""")
			.params(runId, requestBody, rawBody, headersJson, receivedAt)
			.update();
	}

	/** The stored reply's headers as JSON text, empty when no reply was stored. */
	Optional<String> headers(long runId) {
		return this.jdbc.sql("select headers::text from run_responses where run_id = ?")
			.param(runId)
			.query(String.class)
			.optional();
	}

}
