package org.tokenyield.runs;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The runs module's door for results of other harnesses: runs that arrive finished,
 * written in batches through PostgreSQL's COPY (a million runs in about 45 s,
 * docs/benchmark.md). This is the one place besides {@link RunQueue#enqueue} that creates
 * runs, and the only one that creates them {@code SUCCEEDED}; their later status changes,
 * if any, go through {@link RunTransitions}. The imports module parses and validates;
 * what a row of {@code runs} looks like stays here.
 */
@Component
public class ImportedRuns {

	private static final Logger log = LoggerFactory.getLogger(ImportedRuns.class);

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	ImportedRuns(DataSource dataSource, JdbcClient jdbc) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
	}

	/**
	 * One finished run of another harness; nullable numbers are unknown.
	 *
	 * @param finishReason a stored finish reason ({@code stop}, {@code length}, ...),
	 * null when not reported
	 * @param extractedAnswer the answer the harness extracted, null when not given
	 * @param votingKey its majority@k voting key, empty when it abstains, null without an
	 * answer
	 */
	public record ImportedRun(String idempotencyKey, long promptId, long modelId, String setting, int sample,
			Long inputTokens, Long outputTokens, Long reasoningTokens, Double score, Long latencyMs, BigDecimal costUsd,
			Instant finishedAt, boolean simulated, String dataset, String finishReason, String extractedAnswer,
			String votingKey) {
	}

	/** Runs waiting to be written together, kept in COPY's CSV form as they are added. */
	public static final class Batch {

		private final StringBuilder csv;

		private int size;

		public Batch(int expectedRuns) {
			this.csv = new StringBuilder(expectedRuns * 200);
		}

		public void add(ImportedRun r) {
			this.csv.append(quote(r.idempotencyKey())).append(',');
			this.csv.append(r.promptId()).append(',').append(r.modelId()).append(',').append(r.setting()).append(',');
			this.csv.append(r.sample()).append(',');
			this.csv.append(nullable(r.inputTokens())).append(',').append(nullable(r.outputTokens())).append(',');
			this.csv.append(nullable(r.reasoningTokens())).append(',').append(nullable(r.score())).append(',');
			this.csv.append(nullable(r.latencyMs())).append(',');
			this.csv.append(r.costUsd() == null ? "" : r.costUsd().toPlainString()).append(',');
			this.csv.append(r.finishedAt() == null ? "" : r.finishedAt().toString()).append(',');
			this.csv.append(r.simulated()).append(',').append(quote(r.dataset())).append(',');
			// quoted: an empty voting key (the answer abstains) is not a missing one
			this.csv.append(nullableText(r.finishReason())).append(',').append(nullableText(r.extractedAnswer()));
			this.csv.append(',').append(nullableText(r.votingKey())).append('\n');
			this.size++;
		}

		public int size() {
			return this.size;
		}

		private static String nullable(Object value) {
			return value == null ? "" : value.toString();
		}

		/** COPY's CSV reads an unquoted empty field as null, a quoted one as text. */
		private static String nullableText(String value) {
			return value == null ? "" : quote(value);
		}

		private static String quote(String value) {
			return "\"" + value.replace("\"", "\"\"") + "\"";
		}

	}

	/**
	 * Writes the batch, leaving runs already imported under the same key alone; returns
	 * how many were new. Idempotent, so commits are asynchronous: a crash loses at most
	 * this batch, which importing the file again adds.
	 */
	@Transactional
	public int insert(Batch batch) {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try (var statement = connection.createStatement()) {
			statement.execute("set local synchronous_commit = off");
			statement.execute("""
					create temp table if not exists import_stage (
					  idempotency_key text, prompt_id bigint, model_id bigint, setting text, sample int,
					  input_tokens bigint, output_tokens bigint, reasoning_tokens bigint, score double precision,
					  latency_ms bigint, cost_usd numeric, finished_at timestamptz, simulated boolean, dataset text,
					  finish_reason text, extracted_answer text, voting_key text
					) on commit delete rows""");
			long t0 = System.nanoTime();
			connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy import_stage from stdin with (format csv)", new StringReader(batch.csv.toString()));
			long t1 = System.nanoTime();
			int added = statement.executeUpdate("""
					insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, attempts, dataset,
					                  simulated, input_tokens, output_tokens, reasoning_tokens, score, graded_at,
					                  latency_ms, cost_usd, finished_at, started_at, finish_reason, extracted_answer,
					                  voting_key)
					select idempotency_key, prompt_id, model_id, setting, sample, 'SUCCEEDED', 0, dataset, simulated,
					       input_tokens, output_tokens, reasoning_tokens, score,
					       case when score is null then null else now() end, latency_ms, cost_usd,
					       coalesce(finished_at, now()), finished_at, finish_reason, extracted_answer, voting_key
					  from import_stage""" + RunKeys.SKIP_KNOWN_KEYS);
			if (log.isDebugEnabled()) {
				log.debug("Batch of {} runs: copy {} ms, insert with triggers {} ms", batch.size, (t1 - t0) / 1_000_000,
						(System.nanoTime() - t1) / 1_000_000);
			}
			return added;
		}
		catch (SQLException | IOException ex) {
			throw new IllegalStateException("Import batch failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Refreshes the planner's statistics of {@code runs}: an import adds rows faster than
	 * autovacuum notices, and the per-config figures slow down until it does.
	 */
	public void analyze() {
		this.jdbc.sql("analyze runs").update();
	}

}
