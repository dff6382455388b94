package org.tokenyield.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.tokenyield.accounts.AccountView;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.grading.Grading;
import org.tokenyield.grading.GradingRule;
import org.tokenyield.imports.ImportService.Rejected;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.runs.ImportedRuns;
import org.tokenyield.runs.ImportedRuns.ImportedRun;
import org.tokenyield.system.InvalidInputException;

/**
 * The writing side of an import: lines waiting to be written, the prompt and model ids
 * already resolved (unknown prompts and models are created through their modules), and
 * the batch in flight through {@link ImportedRuns}.
 */
final class ImportBatch {

	final String dataset;

	final AccountView maintainer;

	final List<ImportLine> pending = new ArrayList<>();

	final Map<String, Long> promptIds = new HashMap<>();

	/**
	 * Keys refused with the text they came with (a prompt not approved, no text for an
	 * unknown key), so a refused prompt is looked up once, not once a line.
	 */
	final Map<String, Refusal> refusedKeys = new HashMap<>();

	final Map<String, ModelVersion> models = new HashMap<>();

	final Set<String> settingsKnown = new HashSet<>();

	private final Map<Long, GradingRule> rules = new HashMap<>();

	final List<Rejected> rejected = new ArrayList<>();

	int rejectedCount;

	int accepted;

	int added;

	long waitNanos;

	long prepareNanos;

	/**
	 * Writes one batch while the next is being parsed: the database and the parser work
	 * on the two sides at once. At most one batch is in flight; batches commit in order.
	 */
	private ExecutorService writer;

	private Future<Integer> inFlight;

	private final PromptService prompts;

	private final CatalogService catalog;

	private final ImportedRuns runs;

	private final int maxRejected;

	ImportBatch(String dataset, AccountView maintainer, PromptService prompts, CatalogService catalog,
			ImportedRuns runs, int maxRejected) {
		this.dataset = dataset;
		this.maintainer = maintainer;
		this.prompts = prompts;
		this.catalog = catalog;
		this.runs = runs;
		this.maxRejected = maxRejected;
	}

	int pendingCount() {
		return this.pending.size();
	}

	void add(ImportLine line) {
		this.pending.add(line);
	}

	void reject(int line, String error) {
		this.rejectedCount++;
		if (this.rejected.size() < this.maxRejected) {
			this.rejected.add(new Rejected(line, error));
		}
	}

	void flush() {
		if (this.pending.isEmpty()) {
			return;
		}
		long t0 = System.nanoTime();
		resolvePromptKeys();
		ImportedRuns.Batch rows = new ImportedRuns.Batch(this.pending.size());
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
			rows.add(run(line, promptId, model));
		}
		this.pending.clear();
		this.prepareNanos += System.nanoTime() - t0;
		if (rows.size() == 0) {
			return;
		}
		this.accepted += rows.size();
		awaitWrite();
		if (this.writer == null) {
			this.writer = Executors.newSingleThreadExecutor(r -> {
				Thread t = new Thread(r, "import-writer");
				t.setDaemon(true);
				return t;
			});
		}
		this.inFlight = this.writer.submit(() -> this.runs.insert(rows));
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
				// an error on the parsing side: let the batch in flight end before
				// returning
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

	/**
	 * Looks up the batch's unknown prompt keys in one query; only new keys go one by one.
	 */
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
		this.promptIds.putAll(this.prompts.idsByKey(unknown));
	}

	private Long promptId(ImportLine line) {
		Long id = this.promptIds.get(line.promptKey());
		if (id == null) {
			Refusal refusal = this.refusedKeys.get(line.promptKey());
			if (refusal != null && refusal.applies(line)) {
				throw refusal.reason();
			}
			try {
				id = this.prompts.findOrCreateImported(line.promptKey(), line.promptText(), line.category(),
						this.dataset, this.maintainer);
			}
			catch (InvalidInputException ex) {
				this.refusedKeys.put(line.promptKey(), new Refusal(line.promptText(), ex));
				throw ex;
			}
			this.promptIds.put(line.promptKey(), id);
		}
		return id;
	}

	/**
	 * A key's refusal: one found by the key holds for every line; one found by the text
	 * (or its absence) holds for lines with the same text.
	 */
	record Refusal(String text, InvalidInputException reason) {

		boolean applies(ImportLine line) {
			return this.reason.fieldErrors().containsKey("prompt_key") || Objects.equals(this.text, line.promptText());
		}

	}

	private ModelVersion model(ImportLine line) {
		ModelVersion model = this.models.computeIfAbsent(line.model(), key -> this.catalog.findOrCreateExternal(key));
		if (this.settingsKnown.add(model.id() + "|" + line.setting()) && !model.settings().contains(line.setting())) {
			this.catalog.ensureSetting(model.id(), line.setting());
		}
		return model;
	}

	private ImportedRun run(ImportLine l, long promptId, ModelVersion model) {
		return new ImportedRun(l.idempotencyKey(this.dataset), promptId, model.id(), l.setting(), l.sample(),
				l.inputTokens(), l.outputTokens(), l.reasoningTokens(), l.score(), l.latencyMs(), l.costUsd(),
				l.finishedAt(), model.simulated(), this.dataset, l.finishReason(), l.answer(), votingKey(l, promptId));
	}

	/**
	 * The majority@k voting key of an imported answer, as a graded run's: normalized by
	 * the prompt's own rule (a judge rule for the prompts imports create). The rule is
	 * read once per prompt, and only for lines that carry an answer.
	 */
	private String votingKey(ImportLine line, long promptId) {
		if (line.answer() == null) {
			return null;
		}
		GradingRule rule = this.rules.computeIfAbsent(promptId, this.prompts::gradingRule);
		return Grading.votingKey(rule, line.answer());
	}

}
