package org.tokenyield.runs;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tokenyield.runs.queue.RunKeys;

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

	private final ImportRecordRepository records;

	ImportedRuns(DataSource dataSource, JdbcClient jdbc, ImportRecordRepository records) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.records = records;
	}

	/**
	 * One finished run of another harness; nullable numbers are unknown.
	 *
	 * @param finishReason a stored finish reason ({@code stop}, {@code length}, ...),
	 * null when not reported
	 * @param extractedAnswer the answer the harness extracted, null when not given
	 * @param votingKey its majority@k voting key, empty when it abstains, null without an
	 * answer
	 * @param error the harness's error: the run is stored FAILED, not as a wrong answer
	 * @param providerModel the provider's exact version string, as the harness saw it
	 * @param importId the provenance record of the import ({@link #startImport})
	 */
	public record ImportedRun(String idempotencyKey, long promptId, long modelId, String setting, int sample,
			Long inputTokens, Long outputTokens, Long reasoningTokens, Double score, Long latencyMs, BigDecimal costUsd,
			Instant finishedAt, boolean simulated, String dataset, String finishReason, String extractedAnswer,
			String votingKey, Long cachedInputTokens, Long judgeInputTokens, Long judgeOutputTokens, String error,
			String providerModel, Long importId) {

		/** A run as the native JSONL described it before provenance and failures. */
		public ImportedRun(String idempotencyKey, long promptId, long modelId, String setting, int sample,
				Long inputTokens, Long outputTokens, Long reasoningTokens, Double score, Long latencyMs,
				BigDecimal costUsd, Instant finishedAt, boolean simulated, String dataset, String finishReason,
				String extractedAnswer, String votingKey) {
			this(idempotencyKey, promptId, modelId, setting, sample, inputTokens, outputTokens, reasoningTokens, score,
					latencyMs, costUsd, finishedAt, simulated, dataset, finishReason, extractedAnswer, votingKey, null,
					null, null, null, null, null);
		}

	}

	/**
	 * Where an import came from: its file's format and harness, the harness's version,
	 * who imported it (null: the application itself) and the source and licence it was
	 * given. The file's SHA-256 comes with {@link #finishImport}.
	 */
	public record Provenance(String dataset, String format, String harness, String harnessVersion, String importedBy,
			String sourceUrl, String licence) {
	}

	/** A recorded import, as dataset pages, run bundles and exports show it. */
	public record ImportRecord(long id, String dataset, String format, String harness, String harnessVersion,
			String fileSha256, String importedBy, String sourceUrl, String licence, int runsAdded, int runsFailed,
			Instant importedAt) {
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
			this.csv.append(',').append(nullableText(r.votingKey())).append(',');
			this.csv.append(nullable(r.cachedInputTokens())).append(',').append(nullable(r.judgeInputTokens()));
			this.csv.append(',').append(nullable(r.judgeOutputTokens())).append(',');
			this.csv.append(nullableText(r.error())).append(',').append(nullableText(r.providerModel())).append(',');
			this.csv.append(nullable(r.importId())).append('\n');
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
					create temp table if not exists imported_run_stage (
					  idempotency_key text, prompt_id bigint, model_id bigint, setting text, sample int,
					  input_tokens bigint, output_tokens bigint, reasoning_tokens bigint, score double precision,
					  latency_ms bigint, cost_usd numeric, finished_at timestamptz, simulated boolean, dataset text,
					  finish_reason text, extracted_answer text, voting_key text, cached_input_tokens bigint,
					  judge_input_tokens bigint, judge_output_tokens bigint, error text, provider_model text,
					  import_id bigint
					) on commit delete rows""");
			long t0 = System.nanoTime();
			connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy imported_run_stage from stdin with (format csv)", new StringReader(batch.csv.toString()));
			long t1 = System.nanoTime();
			int added = statement.executeUpdate("""
					insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, attempts, dataset,
					                  simulated, input_tokens, output_tokens, reasoning_tokens, score, graded_at,
					                  latency_ms, cost_usd, finished_at, started_at, finish_reason, extracted_answer,
					                  voting_key, cached_input_tokens, judge_input_tokens, judge_output_tokens, error,
					                  provider_model, import_id)
					select idempotency_key, prompt_id, model_id, setting, sample,
					       case when error is null then 'SUCCEEDED' else 'FAILED' end, 0, dataset, simulated,
					       input_tokens, output_tokens, reasoning_tokens, score,
					       case when score is null then null else now() end, latency_ms, cost_usd,
					       coalesce(finished_at, now()), finished_at, finish_reason, extracted_answer, voting_key,
					       cached_input_tokens, judge_input_tokens, judge_output_tokens, left(error, 2000),
					       left(provider_model, 200), import_id
					  from imported_run_stage""" + RunKeys.SKIP_KNOWN_KEYS);
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
	 * Records an import as it starts, so its runs can point at it; the file's hash and
	 * the counts are known at its end ({@link #finishImport}).
	 */
	public long startImport(Provenance provenance) {
		return this.records.start(provenance);
	}

	/**
	 * Completes the record with the file's SHA-256 and what was added. An import that
	 * added no run leaves no record: its runs, if any, point at the import that added
	 * them.
	 */
	public void finishImport(long id, String fileSha256, int added, int failed) {
		if (added == 0) {
			this.records.forget(id);
		}
		else {
			this.records.finish(id, fileSha256, added, failed);
		}
	}

	/** The imports of a dataset, oldest first. */
	public List<ImportRecord> imports(String dataset) {
		return this.records.ofDataset(dataset);
	}

	/** How many of these idempotency keys are stored already (an import's preview). */
	public int countKnown(Collection<String> idempotencyKeys) {
		return this.records.countKnown(idempotencyKeys);
	}

	/**
	 * Refreshes the planner's statistics of {@code runs}: an import adds rows faster than
	 * autovacuum notices, and the per-config figures slow down until it does.
	 */
	public void analyze() {
		this.jdbc.sql("analyze runs").update();
	}

}
