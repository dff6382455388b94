package org.tokenyield.imports.web;

import java.util.List;
import java.util.regex.Pattern;

import org.tokenyield.runs.ImportedRuns;
import org.tokenyield.runs.ImportedRuns.ImportRecord;
import org.tokenyield.system.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A dataset's public page (its API is {@link DatasetApi}): where its runs come from, one
 * record per import (harness and version, the file's SHA-256, who imported it, source and
 * licence). A dataset is the label its imports gave their runs; it has no page of its own
 * besides this one, and the leaderboard's {@code dataset=} filter shows its figures.
 */
@Controller
class DatasetPages {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

	private final ImportedRuns runs;

	DatasetPages(ImportedRuns runs) {
		this.runs = runs;
	}

	/** A dataset and the records of its imports. */
	record DatasetView(String dataset, List<ImportRecord> imports) {
	}

	DatasetView dataset(String name) {
		List<ImportRecord> imports = NAME.matcher(name).matches() ? this.runs.imports(name) : List.of();
		if (imports.isEmpty()) {
			throw new NotFoundException("No imported dataset " + name);
		}
		return new DatasetView(name, imports);
	}

	@GetMapping("/datasets/{name}")
	String page(@PathVariable String name, Model model) {
		model.addAttribute("dataset", dataset(name));
		return "dataset";
	}

}
