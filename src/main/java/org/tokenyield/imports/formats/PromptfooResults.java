package org.tokenyield.imports.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.tokenyield.providers.FinishReason;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * promptfoo's output JSON ({@code evalId}, {@code results.results[]}, {@code config},
 * {@code metadata}). {@code config} comes after the results, so the file is read twice:
 * first all but the results, then the results one at a time. A result's provider label
 * (else its id) is the version, its entry in {@code config.providers[]} the setting;
 * repeats of the same prompt for the same provider are samples 0, 1, ... in file order.
 */
final class PromptfooResults implements HarnessLog {

	/** promptfoo's ResultFailureReason.ERROR: the provider failed, nothing was graded. */
	private static final int ERROR = 2;

	private final JsonMapper json;

	private final Path file;

	private JsonNode config;

	private JsonNode metadata;

	private Instant timestamp;

	/** Samples seen per version, setting and prompt text hash. */
	private final Map<String, Integer> repeats = new HashMap<>();

	PromptfooResults(JsonMapper json, Path file) throws IOException, SampleError {
		this.json = json;
		this.file = file;
		try (JsonParser parser = json.createParser(file)) {
			InspectLog.expectObject(parser);
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("config".equals(field) || "metadata".equals(field)) {
					JsonNode node = json.readTree(parser);
					if ("config".equals(field)) {
						this.config = node;
					}
					else {
						this.metadata = node;
					}
				}
				else if ("results".equals(field) && value == JsonToken.START_OBJECT) {
					while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
						String inner = parser.currentName();
						parser.nextToken();
						if ("timestamp".equals(inner) && parser.currentToken() == JsonToken.VALUE_STRING) {
							this.timestamp = LogFields.instant(parser.getString());
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
		}
		if (this.timestamp == null && this.metadata != null) {
			this.timestamp = LogFields.instant(LogFields.text(this.metadata, "evaluationCreatedAt"));
		}
	}

	@Override
	public String harnessVersion() {
		return LogFields.text(this.metadata, "promptfooVersion");
	}

	@Override
	public String scorer() {
		return "score";
	}

	@Override
	public void samples(SampleSink sink) throws IOException {
		int position = 0;
		try (JsonParser parser = this.json.createParser(this.file)) {
			parser.nextToken();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = parser.currentName();
				JsonToken value = parser.nextToken();
				if (!"results".equals(field) || value != JsonToken.START_OBJECT) {
					parser.skipChildren();
					continue;
				}
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String inner = parser.currentName();
					JsonToken innerValue = parser.nextToken();
					if (!"results".equals(inner) || innerValue != JsonToken.START_ARRAY) {
						parser.skipChildren();
						continue;
					}
					while (parser.nextToken() == JsonToken.START_OBJECT) {
						position++;
						JsonNode result = this.json.readTree(parser);
						String id = sampleId(result, position);
						try {
							sink.sample(position, id, line(result));
						}
						catch (SampleError ex) {
							sink.reject(position, id, ex.getMessage());
						}
					}
				}
			}
		}
	}

	private static String sampleId(JsonNode result, int position) {
		String id = LogFields.text(result, "id");
		return id != null ? id : "result " + position;
	}

	private ObjectNode line(JsonNode result) throws SampleError {
		JsonNode provider = result.path("provider");
		String providerId = provider.isString() ? provider.asString() : LogFields.text(provider, "id");
		String label = provider.isString() ? null : LogFields.text(provider, "label");
		String model = label == null || label.isBlank() ? null : modelKey(label);
		if (model == null) {
			model = modelKey(providerId);
		}
		if (model == null) {
			throw new SampleError("provider: '" + providerId + "' is not provider:model");
		}
		String text = LogFields.text(result.path("prompt"), "raw");
		if (text == null || text.isBlank()) {
			throw new SampleError("prompt.raw: no prompt text");
		}
		String setting = setting(providerId, label);
		ObjectNode line = this.json.createObjectNode();
		String key = LogFields.promptKey(text);
		line.put("prompt_key", key);
		line.put("prompt_text", text);
		line.put("model", model);
		line.put("setting", setting);
		line.put("sample", this.repeats.merge(model + "|" + setting + "|" + key, 1, Integer::sum) - 1);
		if (this.timestamp != null) {
			line.put("finished_at", this.timestamp.toString());
		}
		JsonNode response = result.path("response");
		JsonNode usage = response.path("tokenUsage");
		Long prompt = LogFields.count(usage, "prompt", "response.tokenUsage.prompt");
		Long cached = LogFields.count(usage, "cached", "response.tokenUsage.cached");
		putCount(line, "input_tokens", prompt);
		putCount(line, "cached_input_tokens", cached == null || cached == 0 ? null : cached);
		putCount(line, "output_tokens", LogFields.count(usage, "completion", "response.tokenUsage.completion"));
		putCount(line, "reasoning_tokens", LogFields.count(usage.path("completionDetails"), "reasoning",
				"response.tokenUsage.completionDetails.reasoning"));
		putCount(line, "latency_ms", LogFields.count(result, "latencyMs", "latencyMs"));
		JsonNode cost = result.has("cost") ? result.get("cost") : response.get("cost");
		if (cost != null && cost.isNumber() && cost.asDouble() >= 0) {
			line.put("cost_usd", cost.decimalValue());
		}
		String finish = LogFields.text(response, "finishReason");
		FinishReason.of(finish).ifPresent(reason -> line.put("stop_reason", reason));
		JsonNode grader = result.path("gradingResult").path("tokensUsed");
		Long judgeInput = LogFields.count(grader, "prompt", "gradingResult.tokensUsed.prompt");
		Long judgeOutput = LogFields.count(grader, "completion", "gradingResult.tokensUsed.completion");
		if (LogFields.plus(judgeInput, judgeOutput) != null && LogFields.plus(judgeInput, judgeOutput) > 0) {
			putCount(line, "judge_input_tokens", judgeInput);
			putCount(line, "judge_output_tokens", judgeOutput);
		}
		if (result.path("failureReason").asInt(0) == ERROR) {
			String error = LogFields.text(result, "error");
			line.put("error", error == null || error.isBlank() ? "error" : clip(error));
			return line;
		}
		JsonNode score = result.get("score");
		if (score != null && score.isNumber() && score.asDouble() >= 0 && score.asDouble() <= 1) {
			line.put("score", score.asDouble());
		}
		else if (result.path("success").isBoolean()) {
			line.put("score", result.get("success").asBoolean() ? 1.0 : 0.0);
		}
		return line;
	}

	/**
	 * promptfoo's {@code provider:model} ids ({@code openai:gpt-5},
	 * {@code openai:chat:gpt-4o}, {@code anthropic:messages:claude-...}) as catalog keys:
	 * the API's kind in the middle is dropped.
	 */
	static String modelKey(String id) {
		if (id == null) {
			return null;
		}
		int colon = id.indexOf(':');
		if (colon < 0) {
			return LogFields.modelKey(id);
		}
		String provider = id.substring(0, colon);
		String model = id.substring(colon + 1);
		for (String kind : new String[] { "chat:", "completion:", "messages:", "responses:" }) {
			if (model.startsWith(kind)) {
				model = model.substring(kind.length());
			}
		}
		return LogFields.modelKey(provider, model);
	}

	/** The setting of the provider's entry in {@code config.providers[]}. */
	private String setting(String id, String label) {
		if (this.config == null) {
			return "default";
		}
		for (JsonNode entry : this.config.path("providers")) {
			if (entry.isObject()
					&& (same(LogFields.text(entry, "id"), id) || same(LogFields.text(entry, "label"), label))
					&& (label == null || label.isBlank() || LogFields.text(entry, "label") == null
							|| label.equals(LogFields.text(entry, "label")))) {
				return setting(entry.path("config"));
			}
		}
		return "default";
	}

	private static boolean same(String a, String b) {
		return a != null && b != null && !a.isBlank() && a.equals(b);
	}

	/**
	 * {@code reasoning_effort} (or the Responses API's {@code reasoning.effort}) is an
	 * effort; Anthropic's {@code thinking.budget_tokens} a thinking budget.
	 */
	private static String setting(JsonNode config) {
		String effort = LogFields.text(config, "reasoning_effort");
		if (effort == null) {
			effort = LogFields.text(config.path("reasoning"), "effort");
		}
		if (effort != null) {
			return "effort:" + effort.toLowerCase(Locale.ROOT);
		}
		JsonNode budget = config.path("thinking").path("budget_tokens");
		if (budget.isIntegralNumber()) {
			return "thinking:" + budget.asLong();
		}
		return "default";
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
