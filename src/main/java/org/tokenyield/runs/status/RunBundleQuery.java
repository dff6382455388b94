package org.tokenyield.runs.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tokenyield.runs.ImportRecordRepository;
import org.tokenyield.runs.RunService.AttemptView;
import org.tokenyield.runs.ImportedRuns.ImportRecord;
import org.tokenyield.runs.RunService.JudgeView;
import org.tokenyield.runs.RunService.Provenance;
import org.tokenyield.runs.RunService.RunBundle;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.tokenyield.runs.RunView;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reproduction bundle of a run: the request body sent, the raw response body and the
 * rate-limit headers as received, every attempt, and the judge's grading. Keys are never
 * stored, so never shown.
 */
@Component
public class RunBundleQuery {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	RunBundleQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public RunBundle bundle(RunView run) {
		long id = run.id();
		List<Map<String, Object>> rows = this.jdbc
			.sql("""
					select request_body, raw_body, headers::text as headers, received_at from run_responses where run_id = ?""")
			.param(id)
			.query()
			.listOfRows();
		Map<String, Object> headers = new LinkedHashMap<>();
		String request = null;
		String raw = null;
		Instant received = null;
		if (!rows.isEmpty()) {
			Map<String, Object> row = rows.get(0);
			request = (String) row.get("request_body");
			raw = (String) row.get("raw_body");
			received = ((Timestamp) row.get("received_at")).toInstant();
			if (row.get("headers") != null) {
				Map<?, ?> all = JSON.readValue((String) row.get("headers"), Map.class);
				all.forEach((k, v) -> headers.put(String.valueOf(k), v));
			}
		}
		List<AttemptView> attempts = this.jdbc.sql("""
				select attempt, started_at, finished_at, http_status, outcome, message, cost_usd from run_attempts
				 where run_id = ? order by attempt""")
			.param(id)
			.query((rs, i) -> new AttemptView(rs.getInt(1), rs.getTimestamp(2).toInstant(),
					rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), (Integer) rs.getObject(4),
					rs.getString(5), rs.getString(6), rs.getBigDecimal(7)))
			.list();
		JudgeView judge = this.jdbc.sql("""
				select j.model_key, r.judge_input_tokens, r.judge_output_tokens, r.judge_cost_usd, r.graded_at,
				       r.judge_due_at is not null as pending
				  from runs r left join catalog_models j on j.id = r.judge_model_id where r.id = ?""")
			.param(id)
			.query((rs, i) -> new JudgeView(rs.getString(1), (Long) rs.getObject(2), (Long) rs.getObject(3),
					rs.getBigDecimal(4), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(),
					rs.getBoolean(6)))
			.single();
		return new RunBundle(run, request, raw, headers, received, attempts, judge, provenance(id));
	}

	private Provenance provenance(long id) {
		Map<String, Object> row = this.jdbc.sql("select provider_model, import_id from runs where id = ?")
			.param(id)
			.query()
			.singleRow();
		if (row.get("provider_model") == null && row.get("import_id") == null) {
			return null;
		}
		ImportRecord imported = row.get("import_id") == null ? null
				: this.jdbc.sql("select " + ImportRecordRepository.COLUMNS + " from dataset_imports where id = ?")
					.param(row.get("import_id"))
					.query(ImportRecordRepository::record)
					.single();
		return new Provenance((String) row.get("provider_model"), imported);
	}

}
