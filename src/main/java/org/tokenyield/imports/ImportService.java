package org.tokenyield.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.tokenyield.accounts.AccountView;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.imports.ImportLineParser.LineError;
import org.tokenyield.imports.formats.FormatDetection;
import org.tokenyield.imports.formats.HarnessLog;
import org.tokenyield.imports.formats.ImportFormat;
import org.tokenyield.imports.formats.SampleSink;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.runs.ImportedRuns;
import org.tokenyield.runs.ImportedRuns.Provenance;
import org.tokenyield.system.InvalidInputException;

import org.springframework.stereotype.Service;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports results of other harnesses: this project's JSONL, Inspect AI logs (JSON and
 * {@code .eval}), promptfoo's output JSON and OpenAI Evals record logs. Each format turns
 * its file into runs in the JSONL's shape ({@code imports.formats}); every run is checked
 * here by the same rules (a bad one is reported with its line or sample id and reason,
 * the good ones are kept), then {@link ImportBatch} resolves prompts and models and
 * writes them through the runs module's {@link ImportedRuns}, through PostgreSQL's COPY
 * and {@code on conflict do nothing}, so the same file imported twice adds nothing. Every
 * import records its provenance (harness and version, the file's SHA-256, who, source and
 * licence); a preview ({@code dry_run}) writes nothing and says what would be imported.
 * Imported prompts are approved (a maintainer imports them) but queue no live runs.
 */
@Service
public class ImportService {

	private static final Logger log = LoggerFactory.getLogger(ImportService.class);

	private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

	private static final Pattern SOURCE_URL = Pattern.compile("https?://[^\\s\"<>]{1,490}");

	private static final Pattern LICENCE = Pattern.compile("[\\p{L}\\p{N} ._()+,:/-]{1,100}");

	private static final int MAX_LINE = 64 * 1024;

	private final ImportLineParser parser;

	private final FormatDetection formats;

	private final PromptService prompts;

	private final CatalogService catalog;

	private final ImportedRuns runs;

	private final int batchSize;

	private final int writers;

	private final int maxRejected;

	/** A request that added at least this many runs asks for an ANALYZE of runs. */
	private static final int ANALYZE_AFTER_ADDED = 10_000;

	private final AnalyzeAfterImports analyzer;

	private final ImportUploads uploads;

	ImportService(JsonMapper json, PromptService prompts, CatalogService catalog, ImportedRuns runs,
			ImportProperties properties, ImportUploads uploads) {
		this.uploads = uploads;
		this.parser = new ImportLineParser(json);
		this.formats = new FormatDetection(json);
		this.prompts = prompts;
		this.catalog = catalog;
		this.runs = runs;
		this.batchSize = properties.batchSize();
		this.writers = properties.writers();
		this.maxRejected = properties.maxRejectedListed();
		this.analyzer = new AnalyzeAfterImports(this::analyze, Duration.ofSeconds(1));
	}

	/**
	 * A rejected run: its line (JSONL) or position in the file (harness logs), the
	 * harness's sample id (null for JSONL) and why.
	 */
	public record Rejected(int line, String sample, String error) {
	}

	/** Runs of one version and setting, and whether the import creates either. */
	public record VersionSummary(String model, String setting, boolean newVersion, boolean newSetting, int runs,
			int failed) {
	}

	/**
	 * @param format the format read ({@link ImportFormat#id()})
	 * @param dryRun a preview: nothing was written, {@code added} says what would be
	 * @param accepted valid runs; {@code added} of them were new, the rest were imported
	 * before
	 * @param failed accepted runs that failed in their harness (stored as failed runs)
	 * @param rejectedCount all rejected runs; {@code rejected} lists the first ones
	 */
	public record ImportResult(String dataset, String format, String harness, String harnessVersion, String fileSha256,
			String scorer, boolean dryRun, int accepted, int added, int duplicates, int failed, int rejectedCount,
			List<Rejected> rejected, List<VersionSummary> versions, int newPrompts, int knownPrompts, String sourceUrl,
			String licence) {
	}

	/** Where a dataset comes from, when the importer says: a URL and its licence. */
	public record Source(String url, String licence) {

		public static final Source NONE = new Source(null, null);

	}

	/**
	 * What to import and how.
	 *
	 * @param format a format's id ({@code ?format=}), null or blank to detect it
	 * @param scorer an Inspect scorer's name, null for the log's first
	 */
	public record ImportRequest(String dataset, String format, boolean dryRun, Source source, String scorer) {
	}

	/** This project's JSONL, read as it streams; no provenance source. */
	public ImportResult importLines(String dataset, InputStream body, AccountView maintainer) throws IOException {
		return importLines(dataset, body, maintainer, Source.NONE);
	}

	/**
	 * This project's JSONL, read as it streams, recorded with its source and licence
	 * ({@code maintainer} null: the application itself imports it).
	 */
	public ImportResult importLines(String dataset, InputStream body, AccountView maintainer, Source source)
			throws IOException {
		checkRequest(dataset, source);
		MessageDigest digest = SpooledFile.digest();
		try (Reader reader = new InputStreamReader(new DigestInputStream(body, digest), StandardCharsets.UTF_8)) {
			return run(dataset, ImportFormat.JSONL, null, false, source, maintainer, batch -> readJsonl(reader, batch),
					() -> HexFormat.of().formatHex(digest.digest()), null);
		}
	}

	/**
	 * Any format this import reads, detected from the content unless named; the body is
	 * spooled to a temporary file first (see {@link SpooledFile}).
	 */
	public ImportResult importFile(ImportRequest request, InputStream body, AccountView maintainer) throws IOException {
		check(request);
		try (SpooledFile file = SpooledFile.of(body)) {
			return importFile(request, file, maintainer);
		}
	}

	/**
	 * Keeps an upload for its preview and the import that follows (the page), and returns
	 * the token that names it.
	 */
	public String stage(InputStream body, AccountView maintainer) throws IOException {
		return this.uploads.keep(body, maintainer.id());
	}

	/**
	 * Previews ({@code dryRun}) or imports a staged upload; an import forgets the upload,
	 * a preview keeps it for the import.
	 */
	public ImportResult importStaged(String token, ImportRequest request, AccountView maintainer) throws IOException {
		SpooledFile file = this.uploads.find(token, maintainer.id())
			.orElseThrow(() -> new InvalidInputException("file",
					"is no longer kept (an upload waits an hour for its import): choose it again"));
		check(request);
		ImportResult result = importFile(request, file, maintainer);
		if (!request.dryRun()) {
			this.uploads.forget(token);
		}
		return result;
	}

	private static void check(ImportRequest request) {
		checkRequest(request.dataset(), request.source() == null ? Source.NONE : request.source());
		if (request.format() != null && !request.format().isBlank() && ImportFormat.of(request.format()).isEmpty()) {
			throw new InvalidInputException("format", "must be one of " + ImportFormat.names());
		}
	}

	private ImportResult importFile(ImportRequest request, SpooledFile file, AccountView maintainer)
			throws IOException {
		Source source = request.source() == null ? Source.NONE : request.source();
		if (file.size() == 0) {
			throw new InvalidInputException("file", "is empty");
		}
		ImportFormat format = request.format() == null || request.format().isBlank() ? this.formats.detect(file.path())
				: ImportFormat.of(request.format()).orElseThrow();
		if (format == ImportFormat.JSONL) {
			try (Reader reader = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8)) {
				return run(request.dataset(), format, null, request.dryRun(), source, maintainer,
						batch -> readJsonl(reader, batch), file::sha256, null);
			}
		}
		HarnessLog harness = this.formats.open(format, file.path(), request.scorer());
		return run(request.dataset(), format, harness.harnessVersion(), request.dryRun(), source, maintainer,
				batch -> harness.samples(sink(batch)), file::sha256, harness.scorer());
	}

	private static void checkRequest(String dataset, Source source) {
		if (dataset == null || !DATASET.matcher(dataset).matches() || "live".equals(dataset)) {
			throw new InvalidInputException("dataset",
					"is required: letters, digits and _.- (at most 64), and not 'live' (this instance's own runs)");
		}
		if (source.url() != null && !SOURCE_URL.matcher(source.url()).matches()) {
			throw new InvalidInputException("source_url", "must be an http(s) URL of at most 500 characters");
		}
		if (source.licence() != null && !LICENCE.matcher(source.licence()).matches()) {
			throw new InvalidInputException("licence",
					"must be a licence's name or SPDX id (at most 100 letters, digits and ._()+,:/-)");
		}
	}

	/** Reads a file's runs into the batch. */
	private interface Reading {

		void into(ImportBatch batch) throws IOException;

	}

	private interface Hash {

		String sha256();

	}

	private ImportResult run(String dataset, ImportFormat format, String harnessVersion, boolean dryRun, Source source,
			AccountView maintainer, Reading reading, Hash hash, String scorer) throws IOException {
		Long importId = dryRun ? null : this.runs.startImport(new Provenance(dataset, format.id(), format.harness(),
				harnessVersion, maintainer == null ? null : maintainer.username(), source.url(), source.licence()));
		ImportBatch batch = new ImportBatch(dataset, maintainer, this.prompts, this.catalog, this.runs,
				this.maxRejected, this.writers, importId);
		long t0 = System.nanoTime();
		this.analyzer.started();
		String sha256 = null;
		try {
			reading.into(batch);
			batch.flush();
			batch.awaitWrite();
			sha256 = hash.sha256();
		}
		catch (JacksonException ex) {
			// only spooled files are read as JSON documents: their hash is complete
			sha256 = hash.sha256();
			batch.awaitWrite();
			throw new InvalidInputException("file", "not valid JSON after " + batch.accepted
					+ " runs were read (those are kept): " + ex.getOriginalMessage());
		}
		finally {
			batch.close();
			this.analyzer.ended(batch.added >= ANALYZE_AFTER_ADDED && !dryRun);
			if (importId != null) {
				this.runs.finishImport(importId, sha256, dryRun ? 0 : batch.added, batch.failed);
			}
		}
		if (log.isDebugEnabled()) {
			log.debug("Import {}: {} runs in {} ms (waiting for the database {} ms, preparing batches {} ms)", dataset,
					batch.accepted, (System.nanoTime() - t0) / 1_000_000, batch.waitNanos / 1_000_000,
					batch.prepareNanos / 1_000_000);
		}
		List<VersionSummary> versions = batch.versions.values()
			.stream()
			.map(v -> new VersionSummary(v.model, v.setting, v.newVersion, v.newSetting, v.runs, v.failed))
			.toList();
		return new ImportResult(dataset, format.id(), format.harness(), harnessVersion, sha256, scorer, dryRun,
				batch.accepted, batch.added, batch.accepted - batch.added, batch.failed, batch.rejectedCount,
				batch.rejected, versions, batch.newPrompts.size(), batch.knownPrompts.size(), source.url(),
				source.licence());
	}

	private void readJsonl(Reader reader, ImportBatch batch) throws IOException {
		LineReader lines = new LineReader(reader, MAX_LINE);
		LineReader.Line line;
		int number = 0;
		while ((line = lines.next()) != null) {
			number++;
			if (line.tooLong()) {
				// checked while reading: the rest of the line streamed by without being
				// kept
				batch.reject(number, "line longer than " + MAX_LINE + " characters");
				continue;
			}
			String text = line.text();
			if (text.isBlank()) {
				continue;
			}
			try {
				batch.add(this.parser.parse(number, text));
			}
			catch (LineError ex) {
				batch.reject(number, ex.getMessage());
			}
			flushWhenFull(batch);
		}
	}

	private SampleSink sink(ImportBatch batch) {
		return new SampleSink() {

			@Override
			public void sample(int position, String sampleId, ObjectNode line) {
				try {
					batch.add(ImportService.this.parser.parse(position, sampleId, line));
				}
				catch (LineError ex) {
					batch.reject(position, sampleId, ex.getMessage());
				}
				flushWhenFull(batch);
			}

			@Override
			public void reject(int position, String sampleId, String error) {
				batch.reject(position, sampleId, error);
			}

		};
	}

	private void flushWhenFull(ImportBatch batch) {
		if (batch.pendingCount() >= this.batchSize) {
			batch.flush();
		}
	}

	private void analyze() {
		try {
			long t0 = System.nanoTime();
			this.runs.analyze();
			log.debug("Analyzed runs after an import in {} ms", (System.nanoTime() - t0) / 1_000_000);
		}
		catch (RuntimeException ex) {
			log.warn("Could not analyze runs after an import: {}", ex.getMessage());
		}
	}

	@PreDestroy
	void stop() {
		this.analyzer.stop();
	}

}
