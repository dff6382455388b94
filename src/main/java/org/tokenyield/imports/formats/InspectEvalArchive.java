package org.tokenyield.imports.formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An Inspect AI log written as a {@code .eval} zip: {@code header.json} (or, for a log
 * still being written, {@code _journal/start.json}) and one
 * {@code samples/{id}_epoch_{n}.json} per sample. The samples are read from their own
 * files, each streamed: older logs' {@code summaries.json} lacks usage, and its
 * {@code model_usage} would count graders as the model. The zip is read from the spooled
 * file, where the header need not come first.
 */
final class InspectEvalArchive implements HarnessLog {

	private final JsonMapper json;

	private final Path file;

	private final JsonNode header;

	private final InspectSamples samples;

	InspectEvalArchive(JsonMapper json, Path file, String scorer) throws IOException, SampleError {
		this.json = json;
		this.file = file;
		try (ZipFile zip = new ZipFile(file.toFile())) {
			ZipEntry entry = zip.getEntry("header.json");
			if (entry == null) {
				entry = zip.getEntry("_journal/start.json");
			}
			if (entry == null) {
				throw new SampleError("the .eval archive has no header.json");
			}
			try (InputStream in = zip.getInputStream(entry)) {
				this.header = json.readTree(in);
			}
		}
		this.samples = new InspectSamples(json, this.header, scorer);
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
		try (ZipFile zip = new ZipFile(this.file.toFile())) {
			List<ZipEntry> entries = new ArrayList<>();
			Enumeration<? extends ZipEntry> all = zip.entries();
			while (all.hasMoreElements()) {
				ZipEntry entry = all.nextElement();
				if (entry.getName().startsWith("samples/") && entry.getName().endsWith(".json")) {
					entries.add(entry);
				}
			}
			for (ZipEntry entry : entries) {
				try (InputStream in = zip.getInputStream(entry); JsonParser parser = this.json.createParser(in)) {
					if (parser.nextToken() == JsonToken.START_OBJECT) {
						this.samples.read(parser, sink);
					}
				}
			}
		}
	}

}
