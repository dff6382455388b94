package org.tokenyield.imports.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.tokenyield.imports.LineReader;
import org.tokenyield.system.InvalidInputException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the formats apart by their content, never by a file name or content type: a zip
 * is an Inspect {@code .eval}; otherwise the names of the first JSON object's fields say
 * which harness wrote it ({@code eval}: Inspect, {@code evalId} or {@code results}:
 * promptfoo, {@code spec} or an event's {@code run_id} and {@code type}: OpenAI Evals,
 * {@code prompt_key}: this project's JSONL). Only the top-level names are read; their
 * values are skipped.
 */
public final class FormatDetection {

	/** What an unknown file is told it should have been. */
	public static final String EXPECTED = "expected one of: this project's JSONL (one run per line with prompt_key "
			+ "and model), an Inspect AI log (.json or .eval), promptfoo's output JSON (results.results[]), "
			+ "an OpenAI Evals record log (JSONL with spec and sampling events); or name it with ?format= ("
			+ ImportFormat.names() + ")";

	/** Lines looked at for a JSONL whose first lines are broken. */
	private static final int LINES_LOOKED_AT = 100;

	private final JsonMapper json;

	public FormatDetection(JsonMapper json) {
		// the formats read values one by one from a stream that goes on after each, and a
		// log is streamed, never held: its length is bounded by the body's limit, not by
		// the limit of a document read whole (the string, nesting and number limits stay)
		JsonFactory factory = json.tokenStreamFactory();
		StreamReadConstraints limits = factory.streamReadConstraints().rebuild().maxDocumentLength(0).build();
		this.json = JsonMapper.builder(factory.rebuild().streamReadConstraints(limits).build())
			.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();
	}

	public ImportFormat detect(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] magic = in.readNBytes(4);
			if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
				return ImportFormat.INSPECT_EVAL;
			}
		}
		ImportFormat byFirstValue = byFirstValue(file);
		if (byFirstValue != null) {
			return byFirstValue;
		}
		ImportFormat byLine = byFirstObjectLine(file);
		if (byLine != null) {
			return byLine;
		}
		throw new InvalidInputException("format", "not a file this import reads; " + EXPECTED);
	}

	private ImportFormat byFirstValue(Path file) throws IOException {
		try (JsonParser parser = this.json.createParser(file)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			Set<String> names = new HashSet<>();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				names.add(parser.currentName());
				parser.nextToken();
				parser.skipChildren();
			}
			return classify(names);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private ImportFormat byFirstObjectLine(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			LineReader lines = new LineReader(reader, 1024 * 1024);
			LineReader.Line line;
			for (int i = 0; i < LINES_LOOKED_AT && (line = lines.next()) != null; i++) {
				if (line.tooLong() || line.text().isBlank()) {
					continue;
				}
				try {
					JsonNode node = this.json.readTree(line.text());
					if (node != null && node.isObject()) {
						return classify(node.propertyNames());
					}
				}
				catch (JacksonException ex) {
					// a broken line: the next one may say
				}
			}
		}
		catch (java.nio.charset.MalformedInputException ex) {
			return null;
		}
		return null;
	}

	static ImportFormat classify(java.util.Collection<String> names) {
		if (names.contains("eval") && (names.contains("plan") || names.contains("samples") || names.contains("results")
				|| names.contains("version"))) {
			return ImportFormat.INSPECT_JSON;
		}
		if (names.contains("results") && (names.contains("evalId") || names.contains("config")
				|| names.contains("shareableUrl") || names.contains("metadata"))) {
			return ImportFormat.PROMPTFOO;
		}
		if (names.contains("spec") || names.contains("final_report")
				|| (names.contains("run_id") && names.contains("type") && names.contains("event_id"))) {
			return ImportFormat.OPENAI_EVALS;
		}
		if (names.contains("prompt_key") || (names.contains("model") && (names.contains("output_tokens")
				|| names.contains("input_tokens") || names.contains("prompt_text")))) {
			return ImportFormat.JSONL;
		}
		return null;
	}

	/** The log of a harness format, its header read. */
	public HarnessLog open(ImportFormat format, Path file, String scorer) throws IOException {
		try {
			return switch (format) {
				case INSPECT_JSON -> new InspectLog(this.json, file, scorer);
				case INSPECT_EVAL -> new InspectEvalArchive(this.json, file, scorer);
				case PROMPTFOO -> new PromptfooResults(this.json, file);
				case OPENAI_EVALS -> new OpenAiEvalsLog(this.json, file);
				case JSONL -> throw new IllegalArgumentException("the native JSONL is read line by line");
			};
		}
		catch (SampleError ex) {
			throw new InvalidInputException("file", "not a readable " + format.id() + " file: " + ex.getMessage());
		}
		catch (JacksonException ex) {
			throw new InvalidInputException("file",
					"not a readable " + format.id() + " file: not valid JSON (" + ex.getOriginalMessage() + ")");
		}
		catch (java.util.zip.ZipException ex) {
			throw new InvalidInputException("file", "not a readable " + format.id() + " file: " + ex.getMessage());
		}
	}

}
