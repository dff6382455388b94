package org.tokenyield.runs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

import org.tokenyield.runs.ImportedRuns.ImportRecord;
import org.tokenyield.runs.ImportedRuns.Provenance;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The provenance records of imports ({@code dataset_imports}, migration V30). */
@Repository
public class ImportRecordRepository {

	public static final String COLUMNS = """
			id, dataset, format, harness, harness_version, file_sha256, imported_by, source_url, licence,
			runs_added, runs_failed, imported_at""";

	private final JdbcClient jdbc;

	ImportRecordRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long start(Provenance p) {
		return this.jdbc
			.sql("""
					insert into dataset_imports (dataset, format, harness, harness_version, imported_by, source_url, licence)
					values (?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(p.dataset(), p.format(), p.harness(), p.harnessVersion(), p.importedBy(), p.sourceUrl(),
					p.licence())
			.query(Long.class)
			.single();
	}

	void finish(long id, String sha256, int added, int failed) {
		this.jdbc.sql("update dataset_imports set file_sha256 = ?, runs_added = ?, runs_failed = ? where id = ?")
			.params(sha256, added, failed, id)
			.update();
	}

	void forget(long id) {
		this.jdbc.sql(
				"delete from dataset_imports d where d.id = ? and not exists (select 1 from runs r where r.import_id = d.id)")
			.param(id)
			.update();
	}

	List<ImportRecord> ofDataset(String dataset) {
		return this.jdbc.sql("select " + COLUMNS + " from dataset_imports where dataset = ? order by id")
			.param(dataset)
			.query(ImportRecordRepository::record)
			.list();
	}

	int countKnown(Collection<String> keys) {
		if (keys.isEmpty()) {
			return 0;
		}
		// the unique index's expression (RunKeys), so the lookup uses it
		return this.jdbc.sql("""
				select count(*) from runs
				 where (md5(idempotency_key)::uuid) in (select md5(k)::uuid from unnest(?::text[]) k)""")
			.param(keys.toArray(String[]::new))
			.query(Integer.class)
			.single();
	}

	public static ImportRecord record(ResultSet rs, int row) throws SQLException {
		return new ImportRecord(rs.getLong("id"), rs.getString("dataset"), rs.getString("format"),
				rs.getString("harness"), rs.getString("harness_version"), rs.getString("file_sha256"),
				rs.getString("imported_by"), rs.getString("source_url"), rs.getString("licence"),
				rs.getInt("runs_added"), rs.getInt("runs_failed"), rs.getTimestamp("imported_at").toInstant());
	}

}
