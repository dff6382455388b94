package org.tokenyield.imports.formats;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.tokenyield.imports.LineReader;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI Evals record log: a {@code spec} line, then one event per line
 * ({@code sampling} with {@code data.usage}, {@code match} with {@code data.correct}),
 * then the {@code final_report}. Events of a sample may be far apart, so the file is read
 * twice: first the counts, scores and times of each sample (a few numbers each), then the
 * samples' prompts at their first {@code sampling} event. A sample's several
 * {@code sampling} events (a multi-turn eval) add up to one run.
 */
final class OpenAiEvalsLog implements HarnessLog {

	private static final int MAX_LINE = 16 * 1024 * 1024;

	private final JsonMapper json;

	private final Path file;

	private JsonNode spec;

	private final Map<String, Tally> samples = new HashMap<>();

	/** What the first reading keeps of a sample. */
	private static final class Tally {

		Long input;

		Long cached;

		Long output;

		Long reasoning;

		String providerModel;

		String finishedAt;

		Boolean correct;

		String picked;

		boolean emitted;

	}

	OpenAiEvalsLog(JsonMapper json, Path file) throws IOException {
		this.json = json;
		this.file = file;
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			LineReader lines = new LineReader(reader, MAX_LINE);
			LineReader.Line line;
			while ((line = lines.next()) != null) {
				JsonNode event = parse(line);
				if (event == null) {
					continue;
				}
				if (event.has("spec")) {
					this.spec = event.get("spec");
					continue;
				}
				String id = sampleId(event);
				if (id == null) {
					continue;
				}
				String type = LogFields.text(event, "type");
				JsonNode data = event.path("data");
				if ("sampling".equals(type)) {
					Tally tally = this.samples.computeIfAbsent(id, k -> new Tally());
					JsonNode usage = data.path("usage");
					tally.input = LogFields.plus(tally.input, usage.path("prompt_tokens").isIntegralNumber()
							? usage.get("prompt_tokens").asLong() : null);
					tally.output = LogFields.plus(tally.output, usage.path("completion_tokens").isIntegralNumber()
							? usage.get("completion_tokens").asLong() : null);
					JsonNode reasoning = usage.path("completion_tokens_details").path("reasoning_tokens");
					tally.reasoning = LogFields.plus(tally.reasoning,
							reasoning.isIntegralNumber() ? reasoning.asLong() : null);
					JsonNode cached = usage.path("prompt_tokens_details").path("cached_tokens");
					tally.cached = LogFields.plus(tally.cached, cached.isIntegralNumber() ? cached.asLong() : null);
					if (tally.providerModel == null) {
						tally.providerModel = LogFields.text(data, "model");
					}
					tally.finishedAt = LogFields.text(event, "created_at");
				}
				else if ("match".equals(type) && data.path("correct").isBoolean()) {
					Tally tally = this.samples.computeIfAbsent(id, k -> new Tally());
					tally.correct = data.get("correct").asBoolean();
					JsonNode picked = data.get("picked");
					tally.picked = picked != null && picked.isString() ? picked.asString() : null;
				}
			}
		}
	}

	private JsonNode parse(LineReader.Line line) {
		if (line.tooLong() || line.text().isBlank()) {
			return null;
		}
		try {
			JsonNode node = this.json.readTree(line.text());
			return node != null && node.isObject() ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String sampleId(JsonNode event) {
		JsonNode id = event.get("sample_id");
		return id == null || id.isNull() ? null : id.isString() ? id.asString() : id.toString();
	}

	@Override
	public String harnessVersion() {
		// the record log does not name the version of evals that wrote it
		return null;
	}

	@Override
	public String scorer() {
		return "match";
	}

	@Override
	public void samples(SampleSink sink) throws IOException {
		String model = model();
		String category = LogFields.category(this.spec == null ? null : LogFields.text(this.spec, "base_eval"));
		int position = 0;
		Map<String, Integer> repeats = new HashMap<>();
		try (Reader reader = Files.newBufferedReader(this.file, StandardCharsets.UTF_8)) {
			LineReader lines = new LineReader(reader, MAX_LINE);
			LineReader.Line line;
			while ((line = lines.next()) != null) {
				JsonNode event = parse(line);
				String id = event == null ? null : sampleId(event);
				if (id == null || !"sampling".equals(LogFields.text(event, "type"))) {
					continue;
				}
				Tally tally = this.samples.get(id);
				if (tally == null || tally.emitted) {
					continue;
				}
				tally.emitted = true;
				position++;
				try {
					ObjectNode run = line(event, tally, model, category);
					// samples of the same prompt are its samples 0, 1, ... in file order
					run.put("sample", repeats.merge(run.get("prompt_key").asString(), 1, Integer::sum) - 1);
					sink.sample(position, id, run);
				}
				catch (SampleError ex) {
					sink.reject(position, id, ex.getMessage());
				}
			}
		}
	}

	/**
	 * The completion function the spec names, as a catalog key (OpenAI's, unless named).
	 */
	private String model() {
		JsonNode fns = this.spec == null ? null : this.spec.path("completion_fns");
		String name = fns != null && fns.path(0).isString() ? fns.path(0).asString() : null;
		if (name == null) {
			return null;
		}
		return name.contains("/") ? LogFields.modelKey(name) : LogFields.modelKey("openai", name);
	}

	private ObjectNode line(JsonNode event, Tally tally, String model, String category) throws SampleError {
		if (model == null) {
			throw new SampleError("spec.completion_fns: no model named");
		}
		String text = LogFields.promptText(event.path("data").get("prompt"));
		if (text == null) {
			throw new SampleError("data.prompt: no prompt text");
		}
		ObjectNode line = this.json.createObjectNode();
		line.put("prompt_key", LogFields.promptKey(text));
		line.put("prompt_text", text);
		line.put("category", category);
		line.put("model", model);
		line.put("setting", "default");
		line.put("sample", 0);
		if (LogFields.instant(tally.finishedAt) != null) {
			line.put("finished_at", LogFields.instant(tally.finishedAt).toString());
		}
		putCount(line, "input_tokens", tally.input);
		putCount(line, "cached_input_tokens", tally.cached == null || tally.cached == 0 ? null : tally.cached);
		putCount(line, "output_tokens", tally.output);
		putCount(line, "reasoning_tokens", tally.reasoning);
		if (tally.providerModel != null) {
			line.put("provider_model", tally.providerModel);
		}
		if (tally.correct != null) {
			line.put("score", tally.correct ? 1.0 : 0.0);
		}
		if (tally.picked != null && tally.picked.length() <= 2000) {
			line.put("answer", tally.picked);
		}
		return line;
	}

	private static void putCount(ObjectNode line, String field, Long value) {
		if (value != null) {
			line.put(field, value);
		}
	}

}
