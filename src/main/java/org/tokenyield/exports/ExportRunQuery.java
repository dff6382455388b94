package org.tokenyield.exports;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The public runs a snapshot carries, read as {@link ExportRun}s one at a time through a
 * cursor: a snapshot holds the whole history (10 million runs and more), which no heap
 * holds as a list.
 */
@Component
class ExportRunQuery {

	private final JdbcClient jdbc;

	ExportRunQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Rows fetched from the cursor at a time. */
	static final int FETCH_SIZE = 1000;

	/**
	 * Hands each public run finished before the cut-off to {@code each}: successful, on
	 * approved prompts, simulated ones only with {@code demo} (and then labelled), in id
	 * order. Must run inside a transaction: PostgreSQL's driver streams a result through
	 * a cursor ({@link #FETCH_SIZE} rows at a time) only outside auto-commit; otherwise
	 * it reads the whole result first.
	 */
	void eachFinishedBefore(Instant cutoff, boolean demo, Consumer<ExportRun> each) {
		this.jdbc.sql("""
				select r.id, r.finished_at, r.dataset, mv.model_key, r.setting, r.sample, r.prompt_id, p.category,
				       r.simulated, r.input_tokens, r.cached_input_tokens, r.output_tokens, r.reasoning_tokens,
				       r.cost_usd, r.finish_reason, r.score
				  from run_results r
				  join catalog_models mv on mv.id = r.model_id
				  join prompt_facts p on p.id = r.prompt_id
				 where r.status = 'SUCCEEDED' and p.status = 'APPROVED' and r.finished_at < :cutoff
				   and (:demo or not r.simulated)
				 order by r.id""")
			.param("cutoff", java.sql.Timestamp.from(cutoff))
			.param("demo", demo)
			.withFetchSize(FETCH_SIZE)
			.query((RowCallbackHandler) rs -> each.accept(new ExportRun(rs.getLong(1),
					DateTimeFormatter.ISO_INSTANT.format(rs.getTimestamp(2).toInstant().truncatedTo(ChronoUnit.MICROS)),
					rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getLong(7), rs.getString(8),
					rs.getBoolean(9), (Long) rs.getObject(10, Long.class), rs.getObject(11, Long.class),
					rs.getObject(12, Long.class), rs.getObject(13, Long.class), rs.getBigDecimal(14), rs.getString(15),
					rs.getObject(16, Double.class))));
	}

	/**
	 * The provenance of the imports made before the cut-off that added runs, in id order
	 * (the runs module's published view).
	 */
	java.util.List<ExportImport> importsBefore(Instant cutoff) {
		return this.jdbc.sql("""
				select dataset, format, harness, harness_version, file_sha256, imported_by, source_url, licence,
				       runs_added, imported_at
				  from import_provenance
				 where imported_at < :cutoff and runs_added > 0
				 order by id""")
			.param("cutoff", java.sql.Timestamp.from(cutoff))
			.query((rs, i) -> new ExportImport(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9),
					DateTimeFormatter.ISO_INSTANT
						.format(rs.getTimestamp(10).toInstant().truncatedTo(ChronoUnit.MICROS))))
			.list();
	}

}
