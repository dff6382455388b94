package org.tokenyield.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.tokenyield.accounts.AccountView;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.imports.ImportLineParser.LineError;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.runs.ImportedRuns;
import org.tokenyield.runs.ImportedRuns.ImportedRun;
import org.tokenyield.system.InvalidInputException;

import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/**
 * Imports results of other harnesses. Lines are checked one by one (a bad line is reported
 * with its number and reason, the good ones are kept), then written in batches through
 * PostgreSQL's COPY into a staging table and inserted with {@code on conflict do nothing}, so
 * the same file imported twice adds nothing. Imported prompts are approved (a maintainer
 * imports them) but queue no live runs: a maintainer plans those.
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

	/**
	 * An import adds runs faster than autovacuum notices (it looks once a minute): until
	 * {@code runs} is analyzed again, the planner reads the per-config figures with the old row
	 * counts (2.9 s instead of 0.3 s for one config's 50,000 runs in docs/benchmark.md). A request
	 * that added at least this many runs schedules an ANALYZE a second after the last such request.
	 */
	private static final int ANALYZE_AFTER_ADDED = 10_000;

	private final ScheduledExecutorService analyzer = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread t = new Thread(r, "import-analyze");
		t.setDaemon(true);
		return t;
	});

	private ScheduledFuture<?> analyzeDue;

	ImportService(JsonMapper json, PromptService prompts, CatalogService catalog, ImportedRuns runs,
			ImportProperties properties) {
		this.parser = new ImportLineParser(json);
		this.prompts = prompts;
		this.catalog = catalog;
		this.runs = runs;
		this.batchSize = properties.batchSize();
		this.maxRejected = properties.maxRejectedListed();
	}

	public record Rejected(int line, String error) {
	}

	/**
	 * @param accepted valid lines; {@code added} of them were new runs, the rest were imported before
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
		Batch batch = new Batch(dataset, maintainer);
		long t0 = System.nanoTime();
		try (InputStreamReader reader = new InputStreamReader(body, StandardCharsets.UTF_8)) {
			LineReader lines = new LineReader(reader, MAX_LINE);
			LineReader.Line line;
			int number = 0;
			while ((line = lines.next()) != null) {
				number++;
				if (line.tooLong()) {
					// checked while reading: the rest of the line streamed by without being kept
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
				if (batch.pending.size() >= this.batchSize) {
					batch.flush();
				}
			}
			batch.flush();
			batch.awaitWrite();
		}
		finally {
			batch.close();
		}
		if (batch.added >= ANALYZE_AFTER_ADDED) {
			analyzeSoon();
		}
		if (log.isDebugEnabled()) {
			log.debug("Import {}: {} lines in {} ms (waiting for the database {} ms, preparing batches {} ms)",
					dataset, batch.accepted, (System.nanoTime() - t0) / 1_000_000, batch.waitNanos / 1_000_000,
					batch.prepareNanos / 1_000_000);
		}
		return new ImportResult(dataset, batch.accepted, batch.added, batch.accepted - batch.added, batch.rejectedCount,
				batch.rejected);
	}

	/** Debounced: a series of import requests ends with one ANALYZE. */
	private synchronized void analyzeSoon() {
		if (this.analyzeDue != null) {
			this.analyzeDue.cancel(false);
		}
		try {
			this.analyzeDue = this.analyzer.schedule(() -> {
				try {
					this.runs.analyze();
				}
				catch (RuntimeException ex) {
					log.warn("Could not analyze runs after an import: {}", ex.getMessage());
				}
			}, 1, TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			// shutting down
		}
	}

	@PreDestroy
	void stop() {
		this.analyzer.shutdownNow();
	}

	/** Lines waiting to be written, and the ids already resolved. */
	private final class Batch {

		final String dataset;

		final AccountView maintainer;

		final List<ImportLine> pending = new ArrayList<>();

		final Map<String, Long> promptIds = new HashMap<>();

		final Map<String, ModelVersion> models = new HashMap<>();

		final Set<String> settingsKnown = new HashSet<>();

		final List<Rejected> rejected = new ArrayList<>();

		int rejectedCount;

		int accepted;

		int added;

		long waitNanos;

		long prepareNanos;

		/**
		 * Writes one batch while the next is being parsed: the database and the parser work on
		 * the two sides at once. At most one batch is in flight; batches commit in order.
		 */
		private ExecutorService writer;

		private Future<Integer> inFlight;

		Batch(String dataset, AccountView maintainer) {
			this.dataset = dataset;
			this.maintainer = maintainer;
		}

		void add(ImportLine line) {
			this.pending.add(line);
		}

		void reject(int line, String error) {
			this.rejectedCount++;
			if (this.rejected.size() < ImportService.this.maxRejected) {
				this.rejected.add(new Rejected(line, error));
			}
		}

		void flush() {
			if (this.pending.isEmpty()) {
				return;
			}
			long t0 = System.nanoTime();
			resolvePromptKeys();
			ImportedRuns.Batch runs = new ImportedRuns.Batch(this.pending.size());
			for (ImportLine line : this.pending) {
				Long promptId;
				ModelVersion model;
				try {
					promptId = promptId(line);
					model = model(line);
				}
				catch (InvalidInputException ex) {
					reject(line.line(), ex.getMessage());
					continue;
				}
				runs.add(run(line, promptId, model));
			}
			this.pending.clear();
			this.prepareNanos += System.nanoTime() - t0;
			if (runs.size() == 0) {
				return;
			}
			this.accepted += runs.size();
			awaitWrite();
			if (this.writer == null) {
				this.writer = Executors.newSingleThreadExecutor(r -> {
					Thread t = new Thread(r, "import-writer");
					t.setDaemon(true);
					return t;
				});
			}
			this.inFlight = this.writer.submit(() -> ImportService.this.runs.insert(runs));
		}

		/** Waits for the batch in flight, if any, and counts what it added. */
		void awaitWrite() {
			if (this.inFlight == null) {
				return;
			}
			long t0 = System.nanoTime();
			try {
				Integer inserted = this.inFlight.get();
				this.added += inserted == null ? 0 : inserted;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Import interrupted", ex);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof RuntimeException runtime) {
					throw runtime;
				}
				throw new IllegalStateException("Import batch failed: " + ex.getCause().getMessage(), ex.getCause());
			}
			finally {
				this.inFlight = null;
				this.waitNanos += System.nanoTime() - t0;
			}
		}

		void close() {
			if (this.writer != null) {
				if (this.inFlight != null) {
					// an error on the parsing side: let the batch in flight end before returning
					try {
						this.inFlight.get();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					catch (ExecutionException ex) {
						// reported by the error already on its way
					}
				}
				this.writer.shutdown();
			}
		}

		/** Looks up the batch's unknown prompt keys in one query; only new keys go one by one. */
		private void resolvePromptKeys() {
			Set<String> unknown = new HashSet<>();
			for (ImportLine line : this.pending) {
				if (!this.promptIds.containsKey(line.promptKey())) {
					unknown.add(line.promptKey());
				}
			}
			if (unknown.isEmpty()) {
				return;
			}
			this.promptIds.putAll(ImportService.this.prompts.idsByKey(unknown));
		}

		private Long promptId(ImportLine line) {
			Long id = this.promptIds.get(line.promptKey());
			if (id == null) {
				id = ImportService.this.prompts.findOrCreateImported(line.promptKey(), line.promptText(),
						line.category(), this.dataset, this.maintainer);
				this.promptIds.put(line.promptKey(), id);
			}
			return id;
		}

		private ModelVersion model(ImportLine line) {
			ModelVersion model = this.models.computeIfAbsent(line.model(),
					key -> ImportService.this.catalog.findOrCreateExternal(key));
			if (this.settingsKnown.add(model.id() + "|" + line.setting()) && !model.settings().contains(line.setting())) {
				ImportService.this.catalog.ensureSetting(model.id(), line.setting());
			}
			return model;
		}

		private ImportedRun run(ImportLine l, long promptId, ModelVersion model) {
			return new ImportedRun(l.idempotencyKey(this.dataset), promptId, model.id(), l.setting(), l.sample(),
					l.inputTokens(), l.outputTokens(), l.reasoningTokens(), l.score(), l.latencyMs(), l.costUsd(),
					l.finishedAt(), model.simulated(), this.dataset);
		}

	}

}
