package org.tokenyield.imports.formats;

import java.util.Set;

import org.tokenyield.providers.FinishReason;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Inspect AI's samples as runs, the same for the JSON log and the {@code .eval} archive.
 * The header (eval, plan, stats) gives the version, the setting and the time; each sample
 * its tokens ({@code output.usage}, never {@code model_usage}, which also counts graders
 * and other roles), score, latency and error. Samples are read field by field: messages,
 * attachments and the store are skipped, events are looked at one by one for a grader's
 * usage.
 */
final class InspectSamples {

	private static final Set<String> KEPT = Set.of("id", "epoch", "input", "output", "scores", "error", "total_time",
			"working_time", "model_usage");

	private final JsonMapper json;

	private final String model;

	private final String setting;

	private final String category;

	private final String finishedAt;

	private final String scorer;

	private final String graderModel;

	private final boolean cacheApart;

	private int position;

	/**
	 * @param header the log's header: {@code eval}, {@code plan}, {@code results} and
	 * {@code stats}
	 * @param scorer the scorer asked for, null for the log's first
	 */
	InspectSamples(JsonMapper json, JsonNode header, String scorer) throws SampleError {
		this.json = json;
		JsonNode eval = header.path("eval");
		String name = LogFields.text(eval, "model");
		this.model = LogFields.modelKey(name);
		if (this.model == null) {
			throw new SampleError("eval.model: must be provider/model, was " + name);
		}
		// Anthropic's input_tokens leave cache reads and writes out; the other providers
		// count them in, as this project does
		this.cacheApart = this.model.startsWith("anthropic/");
		ObjectNode config = json.createObjectNode();
		if (eval.path("model_generate_config").isObject()) {
			config.setAll((ObjectNode) eval.get("model_generate_config"));
		}
		if (header.path("plan").path("config").isObject()) {
			config.setAll((ObjectNode) header.path("plan").get("config"));
		}
		this.setting = LogFields.setting(config);
		this.category = LogFields.category(LogFields.text(eval, "task"));
		String completed = LogFields.text(header.path("stats"), "completed_at");
		this.finishedAt = completed != null ? completed : LogFields.text(eval, "created");
		this.scorer = scorer != null ? scorer : firstScorer(header.path("results"));
		String grader = LogFields.text(eval.path("model_roles").path("grader"), "model");
		this.graderModel = grader != null && !grader.equals(name) ? grader : null;
	}

	String scorer() {
		return this.scorer;
	}

	static String harnessVersion(JsonNode header) {
		return LogFields.text(header.path("eval").path("packages"), "inspect_ai");
	}

	private static String firstScorer(JsonNode results) {
		for (JsonNode score : results.path("scores")) {
			String name = LogFields.text(score, "name");
			if (name != null) {
				return name;
			}
		}
		return null;
	}

	/** Reads the sample the parser stands on (its START_OBJECT) and hands it on. */
	void read(JsonParser parser, SampleSink sink) {
		this.position++;
		ObjectNode sample = this.json.createObjectNode();
		long[] grader = new long[3]; // input, output, model calls seen
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			if (KEPT.contains(field)) {
				sample.set(field, this.json.readTree(parser));
			}
			else if ("events".equals(field) && value == JsonToken.START_ARRAY) {
				while (parser.nextToken() == JsonToken.START_OBJECT) {
					graderUsage(event(parser), grader);
				}
			}
			else {
				parser.skipChildren();
			}
		}
		String id = sampleId(sample);
		try {
			sink.sample(this.position, id, line(sample, grader));
		}
		catch (SampleError ex) {
			sink.reject(this.position, id, ex.getMessage());
		}
	}

	/**
	 * What an event says of usage: its kind, role and {@code output.usage}; the rest (the
	 * model's whole input, images included) streams by unread.
	 */
	private ObjectNode event(JsonParser parser) {
		ObjectNode event = this.json.createObjectNode();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			if (("event".equals(field) || "role".equals(field)) && value == JsonToken.VALUE_STRING) {
				event.put(field, parser.getString());
			}
			else if ("output".equals(field) && value == JsonToken.START_OBJECT) {
				ObjectNode output = event.putObject("output");
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String inner = parser.currentName();
					parser.nextToken();
					if ("usage".equals(inner)) {
						output.set("usage", this.json.readTree(parser));
					}
					else {
						parser.skipChildren();
					}
				}
			}
			else {
				parser.skipChildren();
			}
		}
		return event;
	}

	/** A model event whose role is the grader's counts as judge usage. */
	private static void graderUsage(JsonNode event, long[] grader) {
		if (!"model".equals(LogFields.text(event, "event")) || !"grader".equals(LogFields.text(event, "role"))) {
			return;
		}
		JsonNode usage = event.path("output").path("usage");
		grader[0] += usage.path("input_tokens").asLong(0) + usage.path("input_tokens_cache_read").asLong(0);
		grader[1] += usage.path("output_tokens").asLong(0);
		grader[2]++;
	}

	private static String sampleId(JsonNode sample) {
		JsonNode id = sample.get("id");
		String text = id == null || id.isNull() ? "?" : id.isString() ? id.asString() : id.toString();
		JsonNode epoch = sample.get("epoch");
		return epoch != null && epoch.isIntegralNumber() ? text + " (epoch " + epoch.asInt() + ")" : text;
	}

	private ObjectNode line(JsonNode sample, long[] grader) throws SampleError {
		String text = LogFields.promptText(sample.get("input"));
		if (text == null) {
			throw new SampleError("input: no prompt text");
		}
		ObjectNode line = this.json.createObjectNode();
		line.put("prompt_key", LogFields.promptKey(text));
		line.put("prompt_text", text);
		line.put("category", this.category);
		line.put("model", this.model);
		line.put("setting", this.setting);
		JsonNode epoch = sample.get("epoch");
		line.put("sample", epoch != null && epoch.isIntegralNumber() && epoch.asInt() >= 1 ? epoch.asInt() - 1 : 0);
		if (this.finishedAt != null && LogFields.instant(this.finishedAt) != null) {
			line.put("finished_at", LogFields.instant(this.finishedAt).toString());
		}
		JsonNode output = sample.path("output");
		String providerModel = LogFields.text(output, "model");
		if (providerModel != null) {
			line.put("provider_model", providerModel);
		}
		JsonNode usage = output.path("usage");
		Long input = LogFields.count(usage, "input_tokens", "output.usage.input_tokens");
		Long cacheRead = LogFields.count(usage, "input_tokens_cache_read", "output.usage.input_tokens_cache_read");
		Long cacheWrite = LogFields.count(usage, "input_tokens_cache_write", "output.usage.input_tokens_cache_write");
		if (input != null && (this.cacheApart || (cacheRead != null && cacheRead > input))) {
			input = LogFields.plus(LogFields.plus(input, cacheRead), cacheWrite);
		}
		putCount(line, "input_tokens", input);
		putCount(line, "cached_input_tokens", cacheRead == null || cacheRead == 0 ? null : cacheRead);
		putCount(line, "output_tokens", LogFields.count(usage, "output_tokens", "output.usage.output_tokens"));
		putCount(line, "reasoning_tokens", LogFields.count(usage, "reasoning_tokens", "output.usage.reasoning_tokens"));
		Long latency = LogFields.millis(sample.get("working_time"));
		putCount(line, "latency_ms", latency != null ? latency : LogFields.millis(sample.get("total_time")));
		JsonNode choice = output.path("choices").path(0);
		String stop = LogFields.text(choice, "stop_reason");
		FinishReason.of(stop).ifPresent(reason -> line.put("stop_reason", reason));
		judge(sample, grader, line);
		JsonNode error = sample.get("error");
		if (error != null && !error.isNull()) {
			String message = error.isString() ? error.asString() : LogFields.text(error, "message");
			line.put("error", clip(message == null || message.isBlank() ? "error" : message));
			return line;
		}
		score(sample.path("scores"), line);
		return line;
	}

	private void judge(JsonNode sample, long[] grader, ObjectNode line) {
		if (grader[2] > 0) {
			line.put("judge_input_tokens", grader[0]);
			line.put("judge_output_tokens", grader[1]);
		}
		else if (this.graderModel != null && sample.path("model_usage").has(this.graderModel)) {
			// a grader named as its own model: its entry in model_usage is its usage
			// alone
			JsonNode usage = sample.path("model_usage").get(this.graderModel);
			line.put("judge_input_tokens",
					usage.path("input_tokens").asLong(0) + usage.path("input_tokens_cache_read").asLong(0));
			line.put("judge_output_tokens", usage.path("output_tokens").asLong(0));
		}
	}

	private void score(JsonNode scores, ObjectNode line) throws SampleError {
		if (this.scorer == null || !scores.isObject() || scores.isEmpty()) {
			return;
		}
		JsonNode score = scores.get(this.scorer);
		if (score == null) {
			throw new SampleError("scores: no score of scorer '" + this.scorer + "'");
		}
		JsonNode value = score.get("value");
		line.put("score", value(value));
		String answer = LogFields.text(score, "answer");
		// an answer longer than a run keeps is left out (no vote), never cut
		if (answer != null && answer.length() <= 2000) {
			line.put("answer", answer);
		}
	}

	/** Inspect's score values: C, I, P, N or a number from 0 to 1 (or true, false). */
	static double value(JsonNode value) throws SampleError {
		if (value != null && value.isString()) {
			switch (value.asString()) {
				case "C":
					return 1;
				case "I":
				case "N":
					return 0;
				case "P":
					return 0.5;
				default:
					break;
			}
		}
		if (value != null && value.isBoolean()) {
			return value.asBoolean() ? 1 : 0;
		}
		if (value != null && value.isNumber() && value.asDouble() >= 0 && value.asDouble() <= 1) {
			return value.asDouble();
		}
		throw new SampleError("score value: must be C, I, P, N or a number from 0 to 1, was "
				+ (value == null ? "nothing" : clip(value.toString())));
	}

	private static void putCount(ObjectNode line, String field, Long value) {
		if (value != null) {
			line.put(field, value);
		}
	}

	private static String clip(String s) {
		return s.length() > 2000 ? s.substring(0, 1997) + "..." : s;
	}

}
