package org.tokenyield.imports;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A real dataset this project ships, as its {@code dataset.json} describes it: where it
 * comes from, under which licence, which file holds its runs (this project's JSONL, gzip
 * when its name ends in {@code .gz}) and the versions it names, each with its predecessor
 * when the source has a real successor.
 *
 * @param sourceCommit the source's commit the data was converted from, null when not
 * given
 */
public record ShippedDataset(String name, String title, String sourceUrl, String sourceCommit, String licence,
		String attribution, String dataFile, List<Version> versions) {

	/** A version as the source labels it and as the catalog knows it. */
	public record Version(String label, String key, String family, String predecessor) {
	}

	static ShippedDataset read(JsonNode node) {
		List<Version> versions = new ArrayList<>();
		for (JsonNode v : node.path("versions")) {
			versions.add(new Version(text(v, "label"), text(v, "key"), text(v, "family"),
					v.hasNonNull("predecessor") ? text(v, "predecessor") : null));
		}
		return new ShippedDataset(text(node, "name"), text(node, "title"), text(node, "source_url"),
				node.hasNonNull("source_commit") ? text(node, "source_commit") : null, text(node, "licence"),
				text(node, "attribution"), text(node, "data_file"), List.copyOf(versions));
	}

	private static String text(JsonNode node, String field) {
		if (!node.hasNonNull(field) || !node.get(field).isString()) {
			throw new IllegalArgumentException("dataset.json: '" + field + "' is required");
		}
		return node.get(field).asString();
	}

}
