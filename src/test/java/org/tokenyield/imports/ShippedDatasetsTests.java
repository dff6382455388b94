package org.tokenyield.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.imports.ShippedDatasets.Loaded;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A shipped dataset at start: its versions join the catalog with their predecessors (not
 * simulated), its runs go through the import's rules (the refused lines are counted by
 * reason, never repaired), the leaderboard and the drift show the real pair, and a second
 * start adds nothing. The data here is made by hand with the flaws of the real one; every
 * figure is computed by hand.
 */
@IntegrationTest
class ShippedDatasetsTests {

	@LocalServerPort
	int port;

	@Autowired
	ShippedDatasets shipped;

	@Autowired
	CatalogService catalog;

	@Autowired
	ImportService imports;

	@Autowired
	JsonMapper json;

	@Autowired
	SummaryVersionStamper stamper;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path dir;

	String tag;

	String older;

	String newer;

	@BeforeEach
	void setUp() {
		this.tag = UUID.randomUUID().toString().substring(0, 8);
		this.older = "fixture/think-" + this.tag;
		this.newer = "fixture/think-" + this.tag + "-0528";
	}

	private ShippedDataset dataset() {
		return new ShippedDataset("shipped-" + this.tag, "Hand-made " + this.tag, "https://example.org/" + this.tag,
				null, "Apache-2.0", "Made for this test", "runs.jsonl.gz",
				List.of(new ShippedDataset.Version("think-0528", this.newer, "think", this.older),
						new ShippedDataset.Version("think", this.older, "think", null),
						new ShippedDataset.Version("no-counts", "fixture/no-counts-" + this.tag, "no-counts", null)));
	}

	private String line(String prompt, String model, int sample, Long output, Long reasoning, double score) {
		return """
				{"prompt_key":"shipped-%s/%s","prompt_text":"Shipped question %s of %s","category":"reasoning","model":"%s","setting":"default","sample":%d,"output_tokens":%s,"reasoning_tokens":%s,"score":%s}"""
			.formatted(this.tag, prompt, prompt, this.tag, model, sample, output, reasoning, score);
	}

	/**
	 * The older version: P1 scores 1 and 0 (generated 100 and 200), P2 scores 0
	 * (generated 50) and has a run whose reasoning exceeds its output, P3's only run has
	 * reasoning 400 over output 300. The newer: P1 1 and 1 (120, 180), P2 1 (100), P3 1
	 * (90), and P1's sample 0 a second time. A version with no counts at all, and one
	 * with no reasoning counts.
	 */
	private List<String> lines() {
		String noCounts = "fixture/no-counts-" + this.tag;
		String noReasoning = "fixture/no-reasoning-" + this.tag;
		return List.of(line("p1", this.older, 0, 100L, 60L, 1.0), // 1
				line("p1", this.older, 1, 200L, 150L, 0.0), // 2
				line("p2", this.older, 0, 50L, 20L, 0.0), // 3
				line("p2", this.older, 1, 80L, 90L, 1.0), // 4: reasoning > output
				line("p3", this.older, 0, 300L, 400L, 1.0), // 5: reasoning > output
				line("p1", this.newer, 0, 120L, 70L, 1.0), // 6
				line("p1", this.newer, 1, 180L, 100L, 1.0), // 7
				line("p2", this.newer, 0, 100L, 40L, 1.0), // 8
				line("p3", this.newer, 0, 90L, 30L, 1.0), // 9
				line("p1", this.newer, 0, 999L, 10L, 0.0), // 10: the key of line 6 again
				line("p1", noCounts, 0, null, null, 1.0), // 11: no counts
				line("p2", noCounts, 0, null, null, 1.0), // 12: no counts
				line("p1", noReasoning, 0, 400L, null, 1.0), // 13
				line("p2", noReasoning, 0, 500L, null, 0.0)); // 14
	}

	private FileSystemResource gzip(List<String> lines) throws IOException {
		return gzip(this.dir.resolve("runs.jsonl.gz"), lines);
	}

	private static FileSystemResource gzip(Path file, List<String> lines) throws IOException {
		Files.createDirectories(file.getParent());
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
			out.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
		}
		return new FileSystemResource(file);
	}

	/**
	 * 14 lines: 2 with reasoning above output and 2 without counts are refused; 10 are
	 * accepted, of which line 10 repeats line 6's run: 9 runs added.
	 *
	 * Over the prompts both versions have (P3 lost its only older run): older P1 = (1 +
	 * 0) / 2 = 0.5, P2 = 0; newer P1 = 1, P2 = 1. Older accuracy on its own = (0.5 + 0) /
	 * 2 = 0.25; newer = (1 + 1 + 1) / 3 = 1. Accuracy change = ((1 - 0.5) + (1 - 0)) / 2
	 * = 0.75. Generated drift: P1 (120 + 180) / 2 / ((100 + 200) / 2) = 1, P2 100 / 50 =
	 * 2, exp((ln 1 + ln 2) / 2) - 1 = sqrt(2) - 1.
	 */
	@Test
	void theVersionsArriveWithTheirPredecessorsAndTheFlawsAreRefusedByTheImportsRules() throws IOException {
		ShippedDataset dataset = dataset();
		Loaded loaded = this.shipped.load(dataset, gzip(lines()));

		assertThat(loaded.installed()).isTrue();
		assertThat(loaded.result().rejectedCount()).isEqualTo(4);
		assertThat(loaded.result().accepted()).isEqualTo(10);
		assertThat(loaded.result().added()).isEqualTo(9);
		assertThat(loaded.result().rejected()).extracting(ImportService.Rejected::line).containsExactly(4, 5, 11, 12);
		assertThat(loaded.refused()).containsExactlyInAnyOrder(
				new ShippedDatasets.Refused(
						"reasoning_tokens must not exceed output_tokens (output includes reasoning)", 2),
				new ShippedDatasets.Refused("input_tokens or output_tokens is required", 2));
		ModelVersion newer = this.catalog.require(this.newer);
		assertThat(newer.predecessor()).isEqualTo(this.older);
		assertThat(newer.simulated()).isFalse();
		assertThat(newer.provider()).isEqualTo(ModelVersion.EXTERNAL);
		assertThat(newer.apiModel()).isEqualTo("think-0528");
		assertThat(this.catalog.require(this.older).simulated()).isFalse();
		// a version whose every line was refused is in the catalog with no result
		assertThat(this.catalog.find("fixture/no-counts-" + this.tag)).isPresent();

		this.stamper.refreshNow(true);
		Http http = new Http(this.port);
		JsonNode board = http.get("/api/v1/leaderboard?dataset=" + dataset.name()).json();
		JsonNode row = row(board, this.newer);
		assertThat(row.get("simulated").asBoolean()).isFalse();
		assertThat(row.get("accuracy").get("value").asDouble()).isCloseTo(1.0, within(1e-12));
		assertThat(row(board, this.older).get("accuracy").get("value").asDouble()).isCloseTo(0.25, within(1e-12));
		JsonNode drift = row.get("drift");
		assertThat(drift.get("predecessor").asString()).isEqualTo(this.older);
		assertThat(drift.get("prompts").asInt()).isEqualTo(2);
		assertThat(drift.get("accuracy_change").get("value").asDouble()).isCloseTo(0.75, within(1e-12));
		assertThat(drift.get("generated").get("value").asDouble()).isCloseTo(Math.sqrt(2) - 1, within(1e-9));
		JsonNode pair = http
			.get("/api/v1/drift?from=" + this.older + "&to=" + this.newer + "&dataset=" + dataset.name())
			.json();
		assertThat(pair.get("prompts").asInt()).isEqualTo(2);
		assertThat(pair.get("accuracy_change").get("value").asDouble()).isCloseTo(0.75, within(1e-12));
		// no reasoning counts: accepted, the reasoning figure has nothing to show
		JsonNode noReasoning = row(board, "fixture/no-reasoning-" + this.tag);
		assertThat(noReasoning.get("tokens").get("generated").asDouble()).isCloseTo(450.0, within(1e-9));
		assertThat(noReasoning.get("tokens").get("reasoning").isNull()).as(noReasoning.toString()).isTrue();

		// the home page credits the data and its licence
		String home = http.get("/?dataset=" + dataset.name()).body();
		assertThat(home).contains("Hand-made " + this.tag, "https://example.org/" + this.tag, "Apache-2.0",
				"4 lines refused");
	}

	/** A second start reads the file again and adds nothing. */
	@Test
	void aSecondStartAddsNothing() throws IOException {
		ShippedDataset dataset = dataset();
		FileSystemResource data = gzip(lines());
		Loaded first = this.shipped.load(dataset, data);
		int versions = this.catalog.all().size();

		Loaded second = this.shipped.load(dataset, data);

		assertThat(first.result().added()).isEqualTo(9);
		assertThat(second.result().added()).isZero();
		assertThat(second.result().rejectedCount()).isEqualTo(4);
		assertThat(this.catalog.all()).hasSize(versions);
		assertThat(this.jdbc.sql("select count(*) from runs where dataset = ?")
			.param(dataset.name())
			.query(Long.class)
			.single()).isEqualTo(9L);
	}

	/**
	 * The start finds each {@code dataset.json} on the classpath (here the test's
	 * {@code shipped-fixture} beside LRMTokenEconomy's) and its data in the folder named
	 * by {@code app.imports.shipped-datasets.directory}: two prompts, one run each for
	 * both versions, all added.
	 */
	@Test
	void theStartFindsEachDescriptionAndItsDataInTheFolderNamed() throws Exception {
		List<String> lines = new ArrayList<>();
		for (String model : List.of("fixture/shipped-old", "fixture/shipped-new")) {
			for (String q : List.of("one", "two")) {
				lines
					.add("""
							{"prompt_key":"shipped-fixture/%s","prompt_text":"Shipped fixture question %s","category":"math","model":"%s","output_tokens":10,"score":1}"""
						.formatted(q, q, model));
			}
		}
		gzip(this.dir.resolve("shipped-fixture").resolve("runs.jsonl.gz"), lines);
		ShippedDatasets start = new ShippedDatasets(this.imports, this.catalog, this.json,
				new ImportProperties(10_000, 2, 1000, new ImportProperties.Shipped(true, this.dir.toString())));

		start.run(null);

		Loaded fixture = start.loaded()
			.stream()
			.filter(l -> l.dataset().name().equals("shipped-fixture"))
			.findFirst()
			.orElseThrow();
		assertThat(fixture.result().added()).isEqualTo(4);
		assertThat(fixture.result().rejectedCount()).isZero();
		assertThat(this.catalog.require("fixture/shipped-new").predecessor()).isEqualTo("fixture/shipped-old");
		assertThat(start.loaded()).extracting(l -> l.dataset().name()).contains("lrm-token-economy");
	}

	@Test
	void aDatasetWhoseDataIsNotInstalledLoadsNothing() throws IOException {
		ShippedDataset dataset = dataset();
		Loaded loaded = this.shipped.load(dataset, new FileSystemResource(this.dir.resolve("absent.jsonl.gz")));
		assertThat(loaded.installed()).isFalse();
		assertThat(this.catalog.find(this.newer)).isEmpty();
	}

	/**
	 * The shipped description of LRMTokenEconomy: source, licence, and the real
	 * successors, each predecessor one of its own versions.
	 */
	@Test
	void theShippedDescriptionNamesItsSourceLicenceAndSuccessors() throws IOException {
		ShippedDataset lrm = this.shipped.read(new ClassPathResource("datasets/lrm-token-economy/dataset.json"));
		assertThat(lrm.name()).isEqualTo("lrm-token-economy");
		assertThat(lrm.sourceUrl()).isEqualTo("https://github.com/cpldcpu/LRMTokenEconomy");
		assertThat(lrm.licence()).isEqualTo("Apache-2.0");
		assertThat(lrm.sourceCommit()).isEqualTo("d5cc353cf1250b805f955504b807530248154e62");
		List<String> pairs = new ArrayList<>();
		List<String> keys = lrm.versions().stream().map(ShippedDataset.Version::key).toList();
		for (ShippedDataset.Version v : lrm.versions()) {
			if (v.predecessor() != null) {
				assertThat(keys).contains(v.predecessor());
				pairs.add(v.predecessor() + " -> " + v.key());
			}
		}
		assertThat(pairs).contains("deepseek/deepseek-r1 -> deepseek/deepseek-r1-0528",
				"qwen/qwen3-235b-a22b-think -> qwen/qwen3-235b-a22b-thinking-2507",
				"anthropic/claude-3-7-sonnet-20250219 -> anthropic/claude-4-sonnet-0522-thinking",
				"anthropic/claude-opus-4 -> anthropic/claude-opus-4.1");
		assertThat(keys).hasSize(29).doesNotHaveDuplicates();
	}

	/**
	 * LRMTokenEconomy itself, when its converted data is installed (APP_DATASETS_DIR,
	 * made by tools/lrm-token-economy/convert.py; the repository does not hold it).
	 *
	 * The converter writes 2,657 runs (the 19 prompts of the evaluation set). Refused:
	 * 213 whose reasoning exceeds the completion (minimax-m1 92, magistral-small 17,
	 * glm-z1 15, qwen3-235b-think 15, deepseek-r1 13, r1-distill-qwen-7b 13,
	 * magistral-medium 11, qwen3-30b 10, deepseek-r1-0528 7, glm-4.5 7, gpt-oss-120b 4,
	 * gpt-oss-20b 4, qwen3-thinking-2507 4, claude-3-7-sonnet 1) and 34 without any count
	 * (deepseek-r1-0528-ds). Accepted 2,410, of which 5 repeat a key (magistral-small's
	 * runs of AIME2025I_P2_modified, in two of the source's files): 2,405 runs added.
	 *
	 * deepseek-r1 → deepseek-r1-0528 from the source's CSV, before any rule: 19 shared
	 * prompts, r1 at 1 on 17, 1/5 on bridge_torch_easy, 0 on bridge_torch_impossible: (17
	 * + 0.2 + 0) / 19 = 0.905; r1-0528 at 1 on all 19. After the import's rule, all five
	 * of r1's brazil_continent runs are refused (reasoning 323 > completion 307, ...), so
	 * 18 prompts are shared: (16 + 0.2 + 0) / 18 = 0.9 → 1.0, an accuracy change of +0.1.
	 */
	@Test
	void lrmTokenEconomyWhenItsDataIsInstalled() throws IOException {
		String installed = System.getenv("APP_DATASETS_DIR");
		Path data = installed == null ? null : Path.of(installed, "lrm-token-economy", "runs.jsonl.gz");
		assumeTrue(data != null && Files.exists(data), "APP_DATASETS_DIR holds no lrm-token-economy/runs.jsonl.gz");
		ShippedDataset lrm = this.shipped.read(new ClassPathResource("datasets/lrm-token-economy/dataset.json"));

		Loaded loaded = this.shipped.load(lrm, new FileSystemResource(data));

		assertThat(loaded.result().rejectedCount()).isEqualTo(247);
		assertThat(loaded.result().accepted()).isEqualTo(2410);
		assertThat(loaded.result().added()).isEqualTo(2405);
		assertThat(loaded.refused()).containsExactlyInAnyOrder(
				new ShippedDatasets.Refused(
						"reasoning_tokens must not exceed output_tokens (output includes reasoning)", 213),
				new ShippedDatasets.Refused("input_tokens or output_tokens is required", 34));
		this.stamper.refreshNow(true);
		Http http = new Http(this.port);
		JsonNode board = http.get("/api/v1/leaderboard?dataset=lrm-token-economy").json();
		JsonNode r1 = row(board, "deepseek/deepseek-r1");
		assertThat(r1.get("prompts").asInt()).isEqualTo(18);
		assertThat(r1.get("accuracy").get("value").asDouble()).isCloseTo(16.2 / 18, within(1e-12));
		JsonNode r10528 = row(board, "deepseek/deepseek-r1-0528");
		assertThat(r10528.get("simulated").asBoolean()).isFalse();
		assertThat(r10528.get("accuracy").get("value").asDouble()).isCloseTo(1.0, within(1e-12));
		assertThat(r10528.get("drift").get("predecessor").asString()).isEqualTo("deepseek/deepseek-r1");
		assertThat(r10528.get("drift").get("prompts").asInt()).isEqualTo(18);
		assertThat(r10528.get("drift").get("accuracy_change").get("value").asDouble()).isCloseTo(0.1, within(1e-12));
		// a second start adds nothing
		assertThat(this.shipped.load(lrm, new FileSystemResource(data)).result().added()).isZero();
	}

	private static JsonNode row(JsonNode board, String model) {
		for (JsonNode r : board.get("rows")) {
			if (model.equals(r.get("model").asString())) {
				return r;
			}
		}
		throw new AssertionError(model + " not on the leaderboard: " + board);
	}

}
