package org.tokenyield.exports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.tokenyield.exports.ExportService.ExportFile;
import org.tokenyield.exports.ExportService.ExportSnapshot;
import org.tokenyield.exports.ExportService.StoredFile;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tables {@code export_snapshots} and {@code export_files} (which refuse updates and
 * deletes): a snapshot is written once, its files gzipped, and read back as the API lists
 * and serves it.
 */
@Repository
class SnapshotRepository {

	private static final long LOCK = 0x7e11_0004L;

	private final JdbcClient jdbc;

	SnapshotRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Waits for the transaction-scoped advisory lock of snapshot taking, so one instance
	 * at a time checks for a day and writes it.
	 */
	void lockForThisTransaction() {
		this.jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query((rs, i) -> 1).list();
	}

	/** Newest first. */
	List<LocalDate> dates() {
		return this.jdbc.sql("select snapshot_date from export_snapshots order by snapshot_date desc")
			.query(LocalDate.class)
			.list();
	}

	Optional<LocalDate> latestDate() {
		return this.jdbc.sql("select max(snapshot_date) from export_snapshots").query(LocalDate.class).optional();
	}

	Optional<ExportSnapshot> find(LocalDate date) {
		return this.jdbc.sql(
				"select snapshot_date, cutoff, runs, demo, manifest_sha256 from export_snapshots where snapshot_date = ?")
			.param(date)
			.query((rs, i) -> new ExportSnapshot(rs.getObject(1, LocalDate.class), rs.getTimestamp(2).toInstant(),
					rs.getInt(3), rs.getBoolean(4), rs.getString(5),
					ExportService.url(date, SnapshotBuilder.MANIFEST_JSON), files(date)))
			.optional();
	}

	Optional<StoredFile> file(LocalDate date, String name) {
		return this.jdbc.sql(
				"select name, content_type, sha256, content_gzip from export_files where snapshot_date = ? and name = ?")
			.params(date, name)
			.query((rs, i) -> new StoredFile(rs.getString(1), rs.getString(2), rs.getString(3), gunzip(rs.getBytes(4))))
			.optional();
	}

	/** The files of a snapshot but its manifest, by name. */
	private List<ExportFile> files(LocalDate date) {
		return this.jdbc
			.sql("select name, bytes, sha256 from export_files where snapshot_date = ? and name <> ? order by name")
			.params(date, SnapshotBuilder.MANIFEST_JSON)
			.query((rs, i) -> new ExportFile(rs.getString(1), rs.getLong(2), rs.getString(3),
					ExportService.url(date, rs.getString(1))))
			.list();
	}

	void insert(SnapshotBuilder.Snapshot snapshot) {
		this.jdbc.sql(
				"insert into export_snapshots (snapshot_date, cutoff, runs, demo, manifest_sha256) values (?, ?, ?, ?, ?)")
			.params(snapshot.date(), java.sql.Timestamp.from(snapshot.cutoff()), snapshot.runs(), snapshot.demo(),
					SnapshotBuilder.sha256(snapshot.manifest()))
			.update();
		snapshot.files()
			.forEach((name, bytes) -> this.jdbc.sql("""
					insert into export_files (snapshot_date, name, content_type, bytes, sha256, content_gzip)
					values (?, ?, ?, ?, ?, ?)""")
				.params(snapshot.date(), name, SnapshotBuilder.CONTENT_TYPES.get(name), bytes.length,
						SnapshotBuilder.sha256(bytes), gzip(bytes))
				.update());
	}

	private static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
			zip.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static byte[] gunzip(byte[] bytes) {
		try (GZIPInputStream zip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
			return zip.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
