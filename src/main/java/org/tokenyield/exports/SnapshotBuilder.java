package org.tokenyield.exports;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.tokenyield.system.Csv;

import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a day's runs into the snapshot's files, byte for byte the same for the same runs:
 * rows in run id order, numbers as stored, no clock read, the manifest last (it lists the
 * others' hashes). The runs stream through once: each is written to {@code runs.jsonl}
 * and {@code runs.csv} and added to the figures' sums, then forgotten, so the memory
 * needed does not grow with the number of runs. Each file's size and SHA-256 are counted
 * as its bytes go by. Pure apart from the JSON and CSV writers it is given and the sink
 * the files go to.
 */
final class SnapshotBuilder {

	static final String RUNS_JSONL = "runs.jsonl";

	static final String RUNS_CSV = "runs.csv";

	static final String FIGURES_JSON = "figures.json";

	static final String MANIFEST_JSON = "manifest.json";

	/** File name to content type, in manifest order. */
	static final Map<String, String> CONTENT_TYPES = Map.of(RUNS_JSONL, "application/x-ndjson", RUNS_CSV,
			"text/csv;charset=UTF-8", FIGURES_JSON, "application/json", MANIFEST_JSON, "application/json");

	/** Bytes gathered before they go down to the sink (gzip, then the database). */
	private static final int BUFFER = 64 * 1024;

	private final JsonMapper json;

	private final Csv csv;

	SnapshotBuilder(JsonMapper json, Csv csv) {
		this.json = json;
		this.csv = csv;
	}

	/** The runs of a snapshot, handed over one at a time in id order. */
	interface Runs {

		void forEach(Consumer<ExportRun> each);

	}

	/**
	 * Where the files go: a new stream per file, in the order the files are written
	 * ({@code runs.jsonl} and {@code runs.csv} open together), closed when the file is
	 * complete.
	 */
	interface Sink {

		OutputStream open(String name) throws IOException;

	}

	/**
	 * A snapshot as written: its files listed with their sizes and hashes, manifest last.
	 */
	record Snapshot(LocalDate date, Instant cutoff, int runs, boolean demo, List<ManifestFile> files) {

		String manifestSha256() {
			return this.files.get(this.files.size() - 1).sha256();
		}

	}

	record ManifestFile(String name, long bytes, String sha256) {

	}

	/**
	 * @param imports where the imported datasets' runs come from (harness, version, the
	 * file's SHA-256, who, source, licence), imports before the cut-off in id order
	 */
	record Manifest(String date, String cutoff, int runs, boolean demo, String methodologyVersion, String figuresSeed,
			List<ExportImport> imports, List<ManifestFile> files) {

	}

	Snapshot build(LocalDate date, Instant cutoff, boolean demo, String methodologyVersion, Runs runs,
			List<ExportImport> imports, Sink sink) {
		try {
			List<ManifestFile> listed = new ArrayList<>();
			ExportFigures figures = new ExportFigures();
			int[] count = { 0 };
			try (HashedFile jsonl = new HashedFile(RUNS_JSONL, sink);
					HashedFile csvFile = new HashedFile(RUNS_CSV, sink)) {
				Writer csvText = new OutputStreamWriter(csvFile, StandardCharsets.UTF_8);
				Csv.Rows rows = this.csv.rows(csvText);
				runs.forEach(run -> {
					try {
						jsonl.write((this.json.writeValueAsString(run) + "\n").getBytes(StandardCharsets.UTF_8));
						rows.write(run);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
					figures.add(run);
					count[0]++;
				});
				if (rows.written() == 0) {
					csvText.write(emptyCsv());
				}
				csvText.flush();
				listed.add(jsonl.listed());
				listed.add(csvFile.listed());
			}
			listed.add(write(FIGURES_JSON, this.json.writeValueAsBytes(figures.figures()), sink));
			Manifest manifest = new Manifest(date.toString(), cutoff.toString(), count[0], demo, methodologyVersion,
					"Seeds.seedOf(\"export\", dataset, model, setting)", List.copyOf(imports), List.copyOf(listed));
			listed.add(write(MANIFEST_JSON, this.json.writeValueAsBytes(manifest), sink));
			return new Snapshot(date, cutoff, count[0], demo, List.copyOf(listed));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The snapshot of " + date + " could not be written", ex);
		}
	}

	private static ManifestFile write(String name, byte[] content, Sink sink) throws IOException {
		try (HashedFile file = new HashedFile(name, sink)) {
			file.write(content);
			return file.listed();
		}
	}

	/** The header alone: a day without runs still says what its columns are. */
	private static String emptyCsv() {
		return java.util.Arrays.stream(ExportRun.class.getRecordComponents())
			.map(c -> c.getName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT))
			.collect(java.util.stream.Collectors.joining(",")) + "\r\n";
	}

	static String sha256(byte[] bytes) {
		MessageDigest digest = sha256();
		return HexFormat.of().formatHex(digest.digest(bytes));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	/**
	 * A file on its way to the sink: counts its bytes and hashes them (the file itself,
	 * not what the sink makes of it) as they pass.
	 */
	private static final class HashedFile extends OutputStream {

		private final String name;

		private final OutputStream out;

		private final MessageDigest digest = sha256();

		private long bytes;

		HashedFile(String name, Sink sink) throws IOException {
			this.name = name;
			this.out = new BufferedOutputStream(sink.open(name), BUFFER);
		}

		@Override
		public void write(int b) throws IOException {
			this.digest.update((byte) b);
			this.bytes++;
			this.out.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.digest.update(b, off, len);
			this.bytes += len;
			this.out.write(b, off, len);
		}

		/** Size and hash of what was written; once, at the end. */
		ManifestFile listed() {
			return new ManifestFile(this.name, this.bytes, HexFormat.of().formatHex(this.digest.digest()));
		}

		@Override
		public void close() throws IOException {
			this.out.close();
		}

	}

}
