package org.tokenyield.exports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tokenyield.system.Csv;
import org.tokenyield.system.InvalidInputException;
import org.tokenyield.system.SimulatedVisibility;

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

	private final SnapshotRepository snapshots;

	private final ExportRunQuery runs;

	private final Clock clock;

	private final SimulatedVisibility visibility;

	private final SnapshotBuilder builder;

	private final MethodologyChangelog changelog;

	private final ExportProperties properties;

	ExportService(SnapshotRepository snapshots, ExportRunQuery runs, Clock clock, JsonMapper json, Csv csv,
			MethodologyChangelog changelog, SimulatedVisibility visibility, ExportProperties properties) {
		this.snapshots = snapshots;
		this.properties = properties;
		this.runs = runs;
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

	/**
	 * A stored file: its size and SHA-256, and its content, read from the database as it
	 * is consumed (a file can be larger than any heap).
	 */
	public record StoredFile(String name, String contentType, long bytes, String sha256, Content content) {

	}

	/** The bytes of a stored file, opened anew each time (close what you open). */
	@FunctionalInterface
	public interface Content {

		InputStream open() throws IOException;

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
		this.snapshots.lockForThisTransaction();
		Optional<ExportSnapshot> existing = find(date);
		if (existing.isPresent()) {
			return existing;
		}
		int chunkSize = (int) this.properties.chunkSize().toBytes();
		this.snapshots.insert(buildSnapshot(date, name -> this.snapshots.newFile(date, name, chunkSize)));
		return find(date);
	}

	/**
	 * The snapshot of a day built from the database as it is now, not stored: the same
	 * data gives the same bytes. In memory, so for tests and small data only; a stored
	 * snapshot streams ({@link #snapshot}).
	 */
	@Transactional(readOnly = true)
	public Map<String, byte[]> build(LocalDate date) {
		Map<String, ByteArrayOutputStream> files = new LinkedHashMap<>();
		buildSnapshot(date, name -> files.computeIfAbsent(name, n -> new ByteArrayOutputStream()));
		Map<String, byte[]> bytes = new LinkedHashMap<>();
		files.forEach((name, out) -> bytes.put(name, out.toByteArray()));
		return bytes;
	}

	/** Newest first. */
	@Transactional(readOnly = true)
	public List<ExportSnapshot> list() {
		return this.snapshots.dates().stream().map(this::find).flatMap(Optional::stream).toList();
	}

	/** The newest snapshot, for the links on figure pages. */
	@Transactional(readOnly = true)
	public Optional<ExportSnapshot> latest() {
		return this.snapshots.latestDate().flatMap(this::find);
	}

	@Transactional(readOnly = true)
	public Optional<ExportSnapshot> find(LocalDate date) {
		return this.snapshots.find(date);
	}

	@Transactional(readOnly = true)
	public Optional<StoredFile> file(LocalDate date, String name) {
		return this.snapshots.file(date, name);
	}

	/** Streams the runs from the database through the builder into {@code sink}. */
	private SnapshotBuilder.Snapshot buildSnapshot(LocalDate date, SnapshotBuilder.Sink sink) {
		Instant cutoff = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		boolean demo = this.visibility.showsSimulated();
		return this.builder.build(date, cutoff, demo, this.changelog.versionOn(date),
				each -> this.runs.eachFinishedBefore(cutoff, demo, each), this.runs.importsBefore(cutoff), sink);
	}

}
