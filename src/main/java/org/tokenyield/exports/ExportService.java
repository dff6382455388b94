package org.tokenyield.exports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.tokenyield.system.Csv;
import org.tokenyield.system.InvalidInputException;
import org.tokenyield.system.SimulatedVisibility;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Takes, stores and serves the daily snapshots. A day is snapshotted once it has ended
 * (cut-off: the next midnight UTC), exactly once across all instances (an advisory lock
 * and the primary key), and never changed afterwards (the tables refuse updates and
 * deletes).
 */
@Service
public class ExportService {

	private static final long LOCK = 0x7e11_0004L;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SimulatedVisibility visibility;

	private final SnapshotBuilder builder;

	private final MethodologyChangelog changelog;

	ExportService(JdbcClient jdbc, Clock clock, JsonMapper json, Csv csv, MethodologyChangelog changelog,
			SimulatedVisibility visibility) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.visibility = visibility;
		this.changelog = changelog;
		this.builder = new SnapshotBuilder(json, csv);
	}

	/** A file of a snapshot as listed by the API. */
	public record ExportFile(String name, long bytes, String sha256, String url) {

	}

	/**
	 * A snapshot as listed by {@code GET /api/v1/exports}; {@code sha256} is the
	 * manifest's.
	 */
	public record ExportSnapshot(LocalDate date, Instant cutoff, int runs, boolean demo, String sha256,
			String manifestUrl, List<ExportFile> files) {

	}

	/** A stored file's bytes. */
	public record StoredFile(String name, String contentType, String sha256, byte[] content) {

	}

	/**
	 * The stable URL of a file: the date and the name, nothing that could ever change.
	 */
	public static String url(LocalDate date, String name) {
		return "/api/v1/exports/" + date + "/" + name;
	}

	/** Snapshots the last ended day if no instance has yet. */
	@Transactional
	public Optional<ExportSnapshot> snapshotYesterday() {
		return snapshot(LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).minusDays(1));
	}

	/**
	 * Takes the snapshot of an ended day unless it exists; returns it either way. A day
	 * that has not ended yet is refused: its snapshot would not be the whole day.
	 */
	@Transactional
	public Optional<ExportSnapshot> snapshot(LocalDate date) {
		LocalDate today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		if (!date.isBefore(today)) {
			throw new InvalidInputException("date", "must be a day that has ended (before " + today + " UTC)");
		}
		this.jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query((rs, i) -> 1).list();
		Optional<ExportSnapshot> existing = find(date);
		if (existing.isPresent()) {
			return existing;
		}
		store(buildSnapshot(date));
		return find(date);
	}

	/**
	 * The snapshot of a day built from the database as it is now, not stored: the same
	 * data gives the same bytes.
	 */
	@Transactional(readOnly = true)
	public Map<String, byte[]> build(LocalDate date) {
		return buildSnapshot(date).files();
	}

	/** Newest first. */
	@Transactional(readOnly = true)
	public List<ExportSnapshot> list() {
		List<LocalDate> dates = this.jdbc.sql("select snapshot_date from export_snapshots order by snapshot_date desc")
			.query(LocalDate.class)
			.list();
		return dates.stream().map(this::find).flatMap(Optional::stream).toList();
	}

	/** The newest snapshot, for the links on figure pages. */
	@Transactional(readOnly = true)
	public Optional<ExportSnapshot> latest() {
		return this.jdbc.sql("select max(snapshot_date) from export_snapshots")
			.query(LocalDate.class)
			.optional()
			.flatMap(this::find);
	}

	@Transactional(readOnly = true)
	public Optional<ExportSnapshot> find(LocalDate date) {
		return this.jdbc.sql(
				"select snapshot_date, cutoff, runs, demo, manifest_sha256 from export_snapshots where snapshot_date = ?")
			.param(date)
			.query((rs, i) -> new ExportSnapshot(rs.getObject(1, LocalDate.class), rs.getTimestamp(2).toInstant(),
					rs.getInt(3), rs.getBoolean(4), rs.getString(5), url(date, SnapshotBuilder.MANIFEST_JSON),
					files(date)))
			.optional();
	}

	@Transactional(readOnly = true)
	public Optional<StoredFile> file(LocalDate date, String name) {
		return this.jdbc.sql(
				"select name, content_type, sha256, content_gzip from export_files where snapshot_date = ? and name = ?")
			.params(date, name)
			.query((rs, i) -> new StoredFile(rs.getString(1), rs.getString(2), rs.getString(3), gunzip(rs.getBytes(4))))
			.optional();
	}

	private List<ExportFile> files(LocalDate date) {
		return this.jdbc
			.sql("select name, bytes, sha256 from export_files where snapshot_date = ? and name <> ? order by name")
			.params(date, SnapshotBuilder.MANIFEST_JSON)
			.query((rs, i) -> new ExportFile(rs.getString(1), rs.getLong(2), rs.getString(3),
					url(date, rs.getString(1))))
			.list();
	}

	private void store(SnapshotBuilder.Snapshot snapshot) {
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

	private SnapshotBuilder.Snapshot buildSnapshot(LocalDate date) {
		Instant cutoff = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		return this.builder.build(date, cutoff, this.visibility.showsSimulated(), this.changelog.versionOn(date),
				runs(cutoff));
	}

	/**
	 * The public runs finished before the cut-off: successful, on approved prompts,
	 * simulated ones only in demo mode (and then labelled), in id order.
	 */
	private List<ExportRun> runs(Instant cutoff) {
		return this.jdbc.sql("""
				select r.id, r.finished_at, r.dataset, mv.model_key, r.setting, r.sample, r.prompt_id, p.category,
				       r.simulated, r.input_tokens, r.cached_input_tokens, r.output_tokens, r.reasoning_tokens,
				       r.cost_usd, r.finish_reason, r.score
				  from runs r
				  join model_versions mv on mv.id = r.model_id
				  join prompts p on p.id = r.prompt_id
				 where r.status = 'SUCCEEDED' and p.status = 'APPROVED' and r.finished_at < :cutoff
				   and (:demo or not r.simulated)
				 order by r.id""")
			.param("cutoff", java.sql.Timestamp.from(cutoff))
			.param("demo", this.visibility.showsSimulated())
			.query((rs, i) -> new ExportRun(rs.getLong(1),
					DateTimeFormatter.ISO_INSTANT.format(rs.getTimestamp(2).toInstant().truncatedTo(ChronoUnit.MICROS)),
					rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getLong(7), rs.getString(8),
					rs.getBoolean(9), (Long) rs.getObject(10, Long.class), rs.getObject(11, Long.class),
					rs.getObject(12, Long.class), rs.getObject(13, Long.class), rs.getBigDecimal(14), rs.getString(15),
					rs.getObject(16, Double.class)))
			.list();
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
