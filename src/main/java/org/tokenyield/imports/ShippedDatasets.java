package org.tokenyield.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.catalog.NewModelVersion;
import org.tokenyield.imports.ImportService.ImportResult;
import org.tokenyield.imports.ImportService.Rejected;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the real datasets this project ships ({@code datasets/<name>/dataset.json} on the
 * classpath) at start, after the starter prompts and before the first page's warm-up:
 * their versions are added to the catalog with their predecessors, not simulated, then
 * their runs go through the same import as anyone's, so the import's rules refuse what
 * they refuse and nothing is repaired. Each start reads the file again: a run stored
 * before adds nothing, and the answer (what was refused, and why) is kept for the home
 * page.
 */
@Component
@Order(15)
public class ShippedDatasets implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ShippedDatasets.class);

	static final String LOCATION = "classpath*:datasets/*/dataset.json";

	private final ImportService imports;

	private final CatalogService catalog;

	private final JsonMapper json;

	private final ImportProperties.Shipped settings;

	private final List<Loaded> loaded = new CopyOnWriteArrayList<>();

	ShippedDatasets(ImportService imports, CatalogService catalog, JsonMapper json, ImportProperties properties) {
		this.imports = imports;
		this.catalog = catalog;
		this.json = json;
		this.settings = properties.shippedDatasets();
	}

	/**
	 * A shipped dataset after this start's load.
	 *
	 * @param result the import's answer; null when the data file is not installed
	 * @param refused the refused lines by reason (of those the answer lists)
	 */
	public record Loaded(ShippedDataset dataset, ImportResult result, List<Refused> refused) {

		public boolean installed() {
			return this.result != null;
		}

	}

	/** How many lines the import refused for one reason. */
	public record Refused(String reason, int lines) {
	}

	/** The datasets loaded by this start, in the order they were loaded. */
	public List<Loaded> loaded() {
		return List.copyOf(this.loaded);
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		if (!this.settings.enabled()) {
			return;
		}
		for (Resource metadata : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
			ShippedDataset dataset = read(metadata);
			try {
				load(dataset, dataOf(dataset, metadata));
			}
			catch (IOException | RuntimeException ex) {
				// damaged data, or another instance adding the same versions, must
				// not stop this start: a later one loads what is missing
				log.error("Could not load the shipped dataset {}: {}", dataset.name(), ex.getMessage(), ex);
			}
		}
	}

	ShippedDataset read(Resource metadata) throws IOException {
		try (InputStream in = metadata.getInputStream()) {
			return ShippedDataset.read(this.json.readTree(in));
		}
	}

	/**
	 * The data beside {@code dataset.json}, else in
	 * {@code app.imports.shipped-datasets.directory}.
	 */
	private Resource dataOf(ShippedDataset dataset, Resource metadata) throws IOException {
		Resource beside = metadata.createRelative(dataset.dataFile());
		if (beside.exists() || this.settings.directory().isBlank()) {
			return beside;
		}
		return new FileSystemResource(Path.of(this.settings.directory(), dataset.name(), dataset.dataFile()));
	}

	/**
	 * Adds the dataset's versions the catalog lacks, then imports its runs as the dataset
	 * of its name; a missing data file loads nothing.
	 */
	Loaded load(ShippedDataset dataset, Resource data) throws IOException {
		if (!data.exists()) {
			log.info("Shipped dataset {}: its data file {} is not installed (docs/datasets.md)", dataset.name(),
					dataset.dataFile());
			Loaded none = new Loaded(dataset, null, List.of());
			this.loaded.add(none);
			return none;
		}
		int added = addVersions(dataset);
		ImportResult result;
		try (InputStream raw = data.getInputStream();
				InputStream in = dataset.dataFile().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
			result = this.imports.importLines(dataset.name(), in, null,
					new ImportService.Source(dataset.sourceUrl(), dataset.licence()));
		}
		Map<String, Integer> refused = new TreeMap<>();
		for (Rejected r : result.rejected()) {
			refused.merge(r.error(), 1, Integer::sum);
		}
		log.info("Shipped dataset {} ({}, {}): {} versions added; {} runs added, {} stored before, {} lines refused {}",
				dataset.name(), dataset.sourceUrl(), dataset.licence(), added, result.added(), result.duplicates(),
				result.rejectedCount(), refused);
		Loaded done = new Loaded(dataset, result,
				refused.entrySet().stream().map(e -> new Refused(e.getKey(), e.getValue())).toList());
		this.loaded.add(done);
		return done;
	}

	/**
	 * Each version after its predecessor, through the catalog's own checks; a version the
	 * catalog has is left as it is.
	 */
	private int addVersions(ShippedDataset dataset) {
		List<ShippedDataset.Version> waiting = new ArrayList<>(dataset.versions());
		int added = 0;
		boolean progress = true;
		while (!waiting.isEmpty() && progress) {
			progress = false;
			for (var it = waiting.iterator(); it.hasNext();) {
				ShippedDataset.Version v = it.next();
				if (v.predecessor() != null && this.catalog.find(v.predecessor()).isEmpty()) {
					continue;
				}
				if (this.catalog.find(v.key()).isEmpty()) {
					this.catalog.add(new NewModelVersion(v.key(), v.family(), v.predecessor(), ModelVersion.EXTERNAL,
							v.label(), List.of("default"), false, null, true, null));
					added++;
				}
				it.remove();
				progress = true;
			}
		}
		if (!waiting.isEmpty()) {
			throw new IllegalArgumentException("dataset.json: predecessors not among its versions or the catalog: "
					+ waiting.stream().map(ShippedDataset.Version::predecessor).toList());
		}
		return added;
	}

}
