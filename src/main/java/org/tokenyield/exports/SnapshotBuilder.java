package org.tokenyield.exports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tokenyield.analytics.calc.ConfigSummary;
import org.tokenyield.analytics.calc.PromptMeans;
import org.tokenyield.analytics.calc.RunObservation;
import org.tokenyield.analytics.calc.Seeds;
import org.tokenyield.system.Csv;

import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a day's runs into the snapshot's files, byte for byte the same for the same runs:
 * rows in run id order, numbers as stored, no clock read, the manifest last (it lists the
 * others' hashes). Pure apart from the JSON and CSV writers it is given.
 */
final class SnapshotBuilder {

	static final String RUNS_JSONL = "runs.jsonl";

	static final String RUNS_CSV = "runs.csv";

	static final String FIGURES_JSON = "figures.json";

	static final String MANIFEST_JSON = "manifest.json";

	/** File name to content type, in manifest order. */
	static final Map<String, String> CONTENT_TYPES = Map.of(RUNS_JSONL, "application/x-ndjson", RUNS_CSV,
			"text/csv;charset=UTF-8", FIGURES_JSON, "application/json", MANIFEST_JSON, "application/json");

	private final JsonMapper json;

	private final Csv csv;

	SnapshotBuilder(JsonMapper json, Csv csv) {
		this.json = json;
		this.csv = csv;
	}

	/** The files of one snapshot, manifest last. */
	record Snapshot(LocalDate date, Instant cutoff, int runs, boolean demo, Map<String, byte[]> files) {

		byte[] manifest() {
			return this.files.get(MANIFEST_JSON);
		}

	}

	record ManifestFile(String name, long bytes, String sha256) {

	}

	record Manifest(String date, String cutoff, int runs, boolean demo, String methodologyVersion, String figuresSeed,
			List<ManifestFile> files) {

	}

	Snapshot build(LocalDate date, Instant cutoff, boolean demo, String methodologyVersion, List<ExportRun> runs) {
		Map<String, byte[]> files = new LinkedHashMap<>();
		StringBuilder lines = new StringBuilder();
		for (ExportRun run : runs) {
			lines.append(this.json.writeValueAsString(run)).append('\n');
		}
		files.put(RUNS_JSONL, lines.toString().getBytes(StandardCharsets.UTF_8));
		files.put(RUNS_CSV, (runs.isEmpty() ? emptyCsv() : this.csv.write(runs)).getBytes(StandardCharsets.UTF_8));
		files.put(FIGURES_JSON, this.json.writeValueAsBytes(figures(runs)));
		List<ManifestFile> listed = new ArrayList<>();
		files.forEach((name, bytes) -> listed.add(new ManifestFile(name, bytes.length, sha256(bytes))));
		Manifest manifest = new Manifest(date.toString(), cutoff.toString(), runs.size(), demo, methodologyVersion,
				"Seeds.seedOf(\"export\", dataset, model, setting)", listed);
		files.put(MANIFEST_JSON, this.json.writeValueAsBytes(manifest));
		return new Snapshot(date, cutoff, runs.size(), demo, files);
	}

	/**
	 * Per config (dataset, model, setting): per-prompt means of the successful runs, then
	 * the summary.
	 */
	static List<ExportFigure> figures(List<ExportRun> runs) {
		Map<List<String>, Map<Long, List<ExportRun>>> configs = new TreeMap<>(
				(a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
		for (ExportRun run : runs) {
			configs.computeIfAbsent(List.of(run.dataset(), run.model(), run.setting()), k -> new TreeMap<>())
				.computeIfAbsent(run.promptId(), p -> new ArrayList<>())
				.add(run);
		}
		List<ExportFigure> out = new ArrayList<>();
		configs.forEach((config, prompts) -> {
			List<PromptMeans> means = prompts.values().stream().map(SnapshotBuilder::means).toList();
			ConfigSummary s = ConfigSummary.of(means,
					Seeds.seedOf("export", config.get(0), config.get(1), config.get(2)));
			boolean simulated = prompts.values().stream().flatMap(List::stream).anyMatch(ExportRun::simulated);
			out.add(new ExportFigure(config.get(0), config.get(1), config.get(2), simulated, s.prompts(),
					s.gradedPrompts(), s.accuracy(), s.input(), s.generated(), s.reasoning(), s.medianGenerated(),
					s.costPerCorrect()));
		});
		return out;
	}

	private static PromptMeans means(List<ExportRun> runs) {
		ExportRun first = runs.get(0);
		int correct = (int) runs.stream()
			.filter(r -> r.score() != null && r.score() >= RunObservation.CORRECT_SCORE)
			.count();
		double cost = runs.stream().filter(r -> r.costUsd() != null).mapToDouble(r -> r.costUsd().doubleValue()).sum();
		return new PromptMeans(first.promptId(), first.category(), mean(runs, ExportRun::inputTokens),
				mean(runs, ExportRun::outputTokens), mean(runs, ExportRun::reasoningTokens), meanScore(runs),
				runs.size(), correct, cost);
	}

	private static Double mean(List<ExportRun> runs, java.util.function.Function<ExportRun, Long> field) {
		return runs.stream()
			.map(field)
			.filter(v -> v != null)
			.mapToLong(Long::longValue)
			.average()
			.stream()
			.boxed()
			.findFirst()
			.orElse(null);
	}

	private static Double meanScore(List<ExportRun> runs) {
		return runs.stream()
			.map(ExportRun::score)
			.filter(v -> v != null)
			.mapToDouble(Double::doubleValue)
			.average()
			.stream()
			.boxed()
			.findFirst()
			.orElse(null);
	}

	/** The header alone: a day without runs still says what its columns are. */
	private static String emptyCsv() {
		return java.util.Arrays.stream(ExportRun.class.getRecordComponents())
			.map(c -> c.getName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT))
			.collect(java.util.stream.Collectors.joining(",")) + "\r\n";
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
