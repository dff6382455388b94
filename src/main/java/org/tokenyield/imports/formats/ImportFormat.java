package org.tokenyield.imports.formats;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The files an import reads, each named by the harness that writes it. */
public enum ImportFormat {

	/** This project's own JSONL: one run per line (docs/imports.md). */
	JSONL("jsonl", "tokenyield"),

	/** An Inspect AI log written as one JSON document. */
	INSPECT_JSON("inspect-json", "inspect_ai"),

	/** An Inspect AI log written as a {@code .eval} zip archive. */
	INSPECT_EVAL("inspect-eval", "inspect_ai"),

	/** promptfoo's output JSON ({@code promptfoo eval -o}, {@code promptfoo export}). */
	PROMPTFOO("promptfoo", "promptfoo"),

	/** An OpenAI Evals JSONL record log ({@code oaieval --record_path}). */
	OPENAI_EVALS("openai-evals", "openai-evals");

	private final String id;

	private final String harness;

	ImportFormat(String id, String harness) {
		this.id = id;
		this.harness = harness;
	}

	/** The name {@code ?format=} takes and the answer reports. */
	public String id() {
		return this.id;
	}

	/** The harness that writes this format. */
	public String harness() {
		return this.harness;
	}

	public static Optional<ImportFormat> of(String id) {
		return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
	}

	/** The names, for messages: "jsonl, inspect-json, ...". */
	public static String names() {
		return Arrays.stream(values()).map(ImportFormat::id).collect(Collectors.joining(", "));
	}

}
