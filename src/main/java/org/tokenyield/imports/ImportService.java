package org.tokenyield.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.tokenyield.accounts.AccountView;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.imports.ImportLineParser.LineError;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.runs.ImportedRuns;
import org.tokenyield.system.InvalidInputException;

import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/**
 * Imports results of other harnesses. Lines are read and checked one by one here (a bad
 * line is reported with its number and reason, the good ones are kept), then
 * {@link ImportBatch} resolves their prompts and models and writes them through the runs
 * module's {@link ImportedRuns}, through PostgreSQL's COPY into a staging table and
 * inserted with {@code on conflict do nothing}, so the same file imported twice adds
 * nothing. Imported prompts are approved (a maintainer imports them) but queue no live
 * runs: a maintainer plans those.
 */
@Service
public class ImportService {

	private static final Logger log = LoggerFactory.getLogger(ImportService.class);

	private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

	private static final int MAX_LINE = 64 * 1024;

	private final ImportLineParser parser;

	private final PromptService prompts;

	private final CatalogService catalog;

	private final ImportedRuns runs;

	private final int batchSize;

	private final int maxRejected;

	/** A request that added at least this many runs asks for an ANALYZE of runs. */
	private static final int ANALYZE_AFTER_ADDED = 10_000;

	private final AnalyzeAfterImports analyzer;

	ImportService(JsonMapper json, PromptService prompts, CatalogService catalog, ImportedRuns runs,
			ImportProperties properties) {
		this.parser = new ImportLineParser(json);
		this.prompts = prompts;
		this.catalog = catalog;
		this.runs = runs;
		this.batchSize = properties.batchSize();
		this.maxRejected = properties.maxRejectedListed();
		this.analyzer = new AnalyzeAfterImports(this::analyze, Duration.ofSeconds(1));
	}

	public record Rejected(int line, String error) {
	}

	/**
	 * @param accepted valid lines; {@code added} of them were new runs, the rest were
	 * imported before
	 * @param rejectedCount all rejected lines; {@code rejected} lists the first ones
	 */
	public record ImportResult(String dataset, int accepted, int added, int duplicates, int rejectedCount,
			List<Rejected> rejected) {
	}

	public ImportResult importLines(String dataset, InputStream body, AccountView maintainer) throws IOException {
		if (dataset == null || !DATASET.matcher(dataset).matches() || "live".equals(dataset)) {
			throw new InvalidInputException("dataset",
					"is required: letters, digits and _.- (at most 64), and not 'live' (this instance's own runs)");
		}
		ImportBatch batch = new ImportBatch(dataset, maintainer, this.prompts, this.catalog, this.runs,
				this.maxRejected);
		long t0 = System.nanoTime();
		this.analyzer.started();
		try (InputStreamReader reader = new InputStreamReader(body, StandardCharsets.UTF_8)) {
			LineReader lines = new LineReader(reader, MAX_LINE);
			LineReader.Line line;
			int number = 0;
			while ((line = lines.next()) != null) {
				number++;
				if (line.tooLong()) {
					// checked while reading: the rest of the line streamed by without
					// being kept
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
				if (batch.pendingCount() >= this.batchSize) {
					batch.flush();
				}
			}
			batch.flush();
			batch.awaitWrite();
		}
		finally {
			batch.close();
			this.analyzer.ended(batch.added >= ANALYZE_AFTER_ADDED);
		}
		if (log.isDebugEnabled()) {
			log.debug("Import {}: {} lines in {} ms (waiting for the database {} ms, preparing batches {} ms)", dataset,
					batch.accepted, (System.nanoTime() - t0) / 1_000_000, batch.waitNanos / 1_000_000,
					batch.prepareNanos / 1_000_000);
		}
		return new ImportResult(dataset, batch.accepted, batch.added, batch.accepted - batch.added, batch.rejectedCount,
				batch.rejected);
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
