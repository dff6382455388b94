package org.tokenyield.imports;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
import org.tokenyield.prompts.PromptService.ImportedPrompt;
import org.tokenyield.prompts.PromptService.ImportedPromptId;
import org.tokenyield.runs.ImportedRuns;
import org.tokenyield.runs.ImportedRuns.ImportedRun;
import org.tokenyield.system.InvalidInputException;

/**
 * The writing side of an import: lines waiting to be written, the prompt and model ids
 * already resolved (unknown prompts and models are created through their modules), and
 * the batches in flight through {@link ImportedRuns}.
 */
final class ImportBatch {

	/**
	 * Prompts created or found in one transaction (those found are held by its
	 * persistence context; those created are stored in one statement).
	 */
	static final int PROMPTS_PER_TRANSACTION = 500;

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

	/** Runs per version and setting, in the order first seen. */
	final Map<String, VersionCount> versions = new LinkedHashMap<>();

	/** Prompts the import creates (their keys) and those it found (their ids). */
	final Set<String> newPrompts = new HashSet<>();

	final Set<Long> knownPrompts = new HashSet<>();

	private final Set<Long> createdPrompts = new HashSet<>();

	/** Accepted runs that failed in their harness. */
	int failed;

	/** Set by a preview: nothing is written, what would be is counted. */
	private final boolean preview;

	/** The provenance record the runs point at, null for a preview. */
	private final Long importId;

	int rejectedCount;

	int accepted;

	int added;

	long waitNanos;

	long prepareNanos;

	/**
	 * Writes batches while the next is being parsed: the database and the parser work on
	 * the two sides at once, and up to {@code writers} batches are written at once, each
	 * in a transaction of its own (docs/imports.md, "Batches in flight").
	 */
	private ExecutorService writer;

	private final Deque<Future<Integer>> inFlight = new ArrayDeque<>();

	private final int writers;

	private final PromptService prompts;

	private final CatalogService catalog;

	private final ImportedRuns runs;

	private final int maxRejected;

	ImportBatch(String dataset, AccountView maintainer, PromptService prompts, CatalogService catalog,
			ImportedRuns runs, int maxRejected, int writers, Long importId) {
		this.importId = importId;
		this.writers = writers;
		this.preview = importId == null;
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
		reject(line, null, error);
	}

	void reject(int line, String sampleId, String error) {
		this.rejectedCount++;
		if (this.rejected.size() < this.maxRejected) {
			this.rejected.add(new Rejected(line, sampleId, error));
		}
	}

	void flush() {
		if (this.pending.isEmpty()) {
			return;
		}
		long t0 = System.nanoTime();
		resolvePromptKeys();
		resolveNewPrompts();
		ImportedRuns.Batch rows = new ImportedRuns.Batch(this.preview ? 0 : this.pending.size());
		List<String> keys = new ArrayList<>();
		for (ImportLine line : this.pending) {
			Long promptId;
			ModelVersion model;
			try {
				promptId = promptId(line);
				model = model(line);
			}
			catch (InvalidInputException ex) {
				reject(line.line(), line.sampleId(), ex.getMessage());
				continue;
			}
			ImportedRun run = run(line, promptId == null ? 0 : promptId, model);
			count(line, model);
			if (this.preview) {
				keys.add(run.idempotencyKey());
			}
			else {
				rows.add(run);
			}
		}
		this.pending.clear();
		this.prepareNanos += System.nanoTime() - t0;
		if (this.preview) {
			this.accepted += keys.size();
			// what is stored already would not be added again
			this.added += keys.size() - this.runs.countKnown(keys);
			return;
		}
		if (rows.size() == 0) {
			return;
		}
		this.accepted += rows.size();
		if (this.inFlight.size() >= this.writers) {
			awaitOldest();
		}
		if (this.writer == null) {
			this.writer = Executors.newFixedThreadPool(this.writers, r -> {
				Thread t = new Thread(r, "import-writer");
				t.setDaemon(true);
				return t;
			});
		}
		this.inFlight.add(this.writer.submit(() -> this.runs.insert(rows)));
	}

	/** Waits for every batch in flight and counts what they added. */
	void awaitWrite() {
		while (!this.inFlight.isEmpty()) {
			awaitOldest();
		}
	}

	private void awaitOldest() {
		Future<Integer> oldest = this.inFlight.poll();
		long t0 = System.nanoTime();
		try {
			this.added += oldest.get();
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
			this.waitNanos += System.nanoTime() - t0;
		}
	}

	void close() {
		if (this.writer != null) {
			// an error on the parsing side or in one batch: let the batches in flight end
			// before returning (what they added stays: an import is idempotent)
			for (Future<Integer> batch : this.inFlight) {
				try {
					this.added += batch.get();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				catch (ExecutionException ex) {
					// reported by the error already on its way
				}
			}
			this.inFlight.clear();
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

	/**
	 * Finds or creates the prompts of the batch's keys still unknown (by the first line
	 * of each, as {@link #promptId} would), {@link #PROMPTS_PER_TRANSACTION} to a
	 * transaction: a benchmark's import brings its prompts by the thousand.
	 */
	private void resolveNewPrompts() {
		if (this.preview) {
			return;
		}
		Map<String, ImportLine> firstOfKey = new LinkedHashMap<>();
		for (ImportLine line : this.pending) {
			String key = line.promptKey();
			Refusal refusal = this.refusedKeys.get(key);
			if (!this.promptIds.containsKey(key) && !firstOfKey.containsKey(key)
					&& (refusal == null || !refusal.applies(line))) {
				firstOfKey.put(key, line);
			}
		}
		resolve(List.copyOf(firstOfKey.values()));
	}

	private void resolve(List<ImportLine> lines) {
		for (int from = 0; from < lines.size(); from += PROMPTS_PER_TRANSACTION) {
			List<ImportLine> chunk = lines.subList(from, Math.min(lines.size(), from + PROMPTS_PER_TRANSACTION));
			List<ImportedPromptId> ids = this.prompts.findOrCreateImported(
					chunk.stream().map(l -> new ImportedPrompt(l.promptKey(), l.promptText(), l.category())).toList(),
					this.dataset, this.maintainer);
			for (int i = 0; i < chunk.size(); i++) {
				ImportLine line = chunk.get(i);
				ImportedPromptId id = ids.get(i);
				if (id.refusal() != null) {
					this.refusedKeys.put(line.promptKey(), new Refusal(line.promptText(), id.refusal()));
					continue;
				}
				if (id.created()) {
					this.newPrompts.add(line.promptKey());
					this.createdPrompts.add(id.id());
				}
				else {
					this.knownPrompts.add(id.id());
				}
				this.promptIds.put(line.promptKey(), id.id());
			}
		}
	}

	private Long promptId(ImportLine line) {
		if (this.preview) {
			return previewPrompt(line);
		}
		Long id = this.promptIds.get(line.promptKey());
		if (id != null && !this.createdPrompts.contains(id)) {
			this.knownPrompts.add(id);
		}
		if (id == null) {
			Refusal refusal = this.refusedKeys.get(line.promptKey());
			if (refusal == null || !refusal.applies(line)) {
				// a key refused with another text: this line's text may find a prompt
				resolve(List.of(line));
				refusal = this.refusedKeys.get(line.promptKey());
				id = this.promptIds.get(line.promptKey());
			}
			if (id == null) {
				throw refusal.reason();
			}
		}
		return id;
	}

	/** A preview finds prompts without creating them: a new one has no id yet. */
	private Long previewPrompt(ImportLine line) {
		Long id = this.promptIds.get(line.promptKey());
		if (id != null) {
			this.knownPrompts.add(id);
			return id;
		}
		if (this.newPrompts.contains(line.promptKey())) {
			return null;
		}
		Refusal refusal = this.refusedKeys.get(line.promptKey());
		if (refusal != null && refusal.applies(line)) {
			throw refusal.reason();
		}
		try {
			Optional<Long> known = this.prompts.findImported(line.promptKey(), line.promptText());
			if (known.isPresent()) {
				this.promptIds.put(line.promptKey(), known.get());
				this.knownPrompts.add(known.get());
				return known.get();
			}
			this.newPrompts.add(line.promptKey());
			return null;
		}
		catch (InvalidInputException ex) {
			this.refusedKeys.put(line.promptKey(), new Refusal(line.promptText(), ex));
			throw ex;
		}
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

	/** The line's version: null in a preview when the import would create it. */
	private ModelVersion model(ImportLine line) {
		if (this.preview) {
			return this.models.computeIfAbsent(line.model(), key -> this.catalog.find(key).orElse(null));
		}
		ModelVersion model = this.models.computeIfAbsent(line.model(), key -> this.catalog.findOrCreateExternal(key));
		if (this.settingsKnown.add(model.id() + "|" + line.setting()) && !model.settings().contains(line.setting())) {
			this.catalog.ensureSetting(model.id(), line.setting());
		}
		return model;
	}

	/** One accepted run of a version and setting; whether either is new. */
	private void count(ImportLine line, ModelVersion model) {
		VersionCount count = this.versions.computeIfAbsent(line.model() + "|" + line.setting(),
				k -> new VersionCount(line.model(), line.setting(), model == null,
						model == null || !model.settings().contains(line.setting())));
		count.runs++;
		if (line.error() != null) {
			count.failed++;
			this.failed++;
		}
	}

	/** Runs of one version and setting in an import. */
	static final class VersionCount {

		final String model;

		final String setting;

		final boolean newVersion;

		final boolean newSetting;

		int runs;

		int failed;

		VersionCount(String model, String setting, boolean newVersion, boolean newSetting) {
			this.model = model;
			this.setting = setting;
			this.newVersion = newVersion;
			this.newSetting = newSetting;
		}

	}

	private ImportedRun run(ImportLine l, long promptId, ModelVersion model) {
		if (this.preview) {
			return new ImportedRun(l.idempotencyKey(this.dataset), promptId, 0, l.setting(), l.sample(), null, null,
					null, null, null, null, null, false, this.dataset, null, null, null);
		}
		return new ImportedRun(l.idempotencyKey(this.dataset), promptId, model.id(), l.setting(), l.sample(),
				l.inputTokens(), l.outputTokens(), l.reasoningTokens(), l.score(), l.latencyMs(), l.costUsd(),
				l.finishedAt(), model.simulated(), this.dataset, l.finishReason(), l.answer(), votingKey(l, promptId),
				l.cachedInputTokens(), l.judgeInputTokens(), l.judgeOutputTokens(), l.error(), l.providerModel(),
				this.importId);
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
