package org.tokenyield.imports.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Inspect AI log written as one JSON document ({@code version}, {@code eval},
 * {@code plan}, {@code results}, {@code stats}, {@code samples}). Read twice with
 * Jackson's streaming parser: first everything but the samples (whatever their order in
 * the file), then the samples one at a time.
 */
final class InspectLog implements HarnessLog {

	private static final Set<String> HEADER = Set.of("version", "status", "eval", "plan", "results", "stats");

	private final JsonMapper json;

	private final Path file;

	private final ObjectNode header;

	private final InspectSamples samples;

	InspectLog(JsonMapper json, Path file, String scorer) throws IOException, SampleError {
		this.json = json;
		this.file = file;
		this.header = json.createObjectNode();
		try (JsonParser parser = json.createParser(file)) {
			expectObject(parser);
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = parser.currentName();
				parser.nextToken();
				if (HEADER.contains(field)) {
					this.header.set(field, json.readTree(parser));
				}
				else {
					parser.skipChildren();
				}
			}
		}
		this.samples = new InspectSamples(json, this.header, scorer);
	}

	static void expectObject(JsonParser parser) throws SampleError {
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			throw new SampleError("the log must be a JSON object");
		}
	}

	@Override
	public String harnessVersion() {
		return InspectSamples.harnessVersion(this.header);
	}

	@Override
	public String scorer() {
		return this.samples.scorer();
	}

	@Override
	public void samples(SampleSink sink) throws IOException {
		try (JsonParser parser = this.json.createParser(this.file)) {
			parser.nextToken();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("samples".equals(field) && value == JsonToken.START_ARRAY) {
					while (parser.nextToken() == JsonToken.START_OBJECT) {
						this.samples.read(parser, sink);
					}
				}
				else {
					parser.skipChildren();
				}
			}
		}
	}

}
