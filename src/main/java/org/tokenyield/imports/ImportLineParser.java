package org.tokenyield.imports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

import org.tokenyield.providers.FinishReason;
import org.tokenyield.system.Setting;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads and checks one JSONL line; a problem is reported with the field it concerns. */
final class ImportLineParser {

	static final Set<String> FIELDS = Set.of("prompt_key", "prompt_text", "category", "model", "setting", "sample",
			"input_tokens", "output_tokens", "reasoning_tokens", "score", "latency_ms", "cost_usd", "finished_at",
			"answer", "stop_reason", "cached_input_tokens", "judge_input_tokens", "judge_output_tokens", "error",
			"provider_model");

	/** The runs' extracted answer holds at most this many characters. */
	static final int MAX_ANSWER = 2000;

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/-]{0,119}");

	private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9-]{0,31}");

	private static final Pattern MODEL = Pattern.compile("[a-z0-9][a-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.:-]*");

	private final JsonMapper json;

	ImportLineParser(JsonMapper json) {
		this.json = json;
	}

	static final class LineError extends Exception {

		LineError(String message) {
			super(message, null, false, false);
		}

	}

	ImportLine parse(int lineNumber, String text) throws LineError {
		JsonNode node;
		try {
			node = this.json.readTree(text);
		}
		catch (JacksonException ex) {
			throw new LineError("not valid JSON: " + ex.getOriginalMessage());
		}
		return parse(lineNumber, null, node);
	}

	/**
	 * Checks one run in the native JSONL's shape: a line, or a harness's sample mapped to
	 * it, so every format passes the same rules.
	 */
	ImportLine parse(int lineNumber, String sampleId, JsonNode node) throws LineError {
		if (node == null || !node.isObject()) {
			throw new LineError("not a JSON object");
		}
		for (String name : node.propertyNames()) {
			if (!FIELDS.contains(name)) {
				throw new LineError("unknown field '" + clip(name) + "'");
			}
		}
		String promptKey = requiredText(node, "prompt_key", KEY, "letters, digits and _.:/- (at most 120)");
		String promptText = optionalText(node, "prompt_text", 20_000);
		String category = node.hasNonNull("category") ? requiredText(node, "category", CATEGORY, "a lower-case slug")
				: "imported";
		String model = requiredText(node, "model", MODEL, "provider/model, e.g. openai/gpt-5");
		if (model.length() > 160) {
			throw new LineError("model: at most 160 characters");
		}
		String setting = node.hasNonNull("setting") ? text(node, "setting") : "default";
		if (!Setting.valid(setting)) {
			throw new LineError("setting: must be " + Setting.DESCRIPTION);
		}
		int sample = (int) integer(node, "sample", 0, 1_000_000, 0L);
		Long input = nullableInteger(node, "input_tokens");
		Long output = nullableInteger(node, "output_tokens");
		Long reasoning = nullableInteger(node, "reasoning_tokens");
		String error = optionalText(node, "error", 2000);
		if (input == null && output == null && error == null) {
			throw new LineError("input_tokens or output_tokens is required");
		}
		Long cached = nullableInteger(node, "cached_input_tokens");
		if (cached != null && (input == null || cached > input)) {
			throw new LineError("cached_input_tokens must not exceed input_tokens (input includes cache reads)");
		}
		Long judgeInput = nullableInteger(node, "judge_input_tokens");
		Long judgeOutput = nullableInteger(node, "judge_output_tokens");
		String providerModel = optionalText(node, "provider_model", 200);
		if (reasoning != null && (output == null || reasoning > output)) {
			throw new LineError("reasoning_tokens must not exceed output_tokens (output includes reasoning)");
		}
		Double score = null;
		if (node.hasNonNull("score")) {
			JsonNode s = node.get("score");
			if (!s.isNumber() || s.asDouble() < 0 || s.asDouble() > 1 || Double.isNaN(s.asDouble())) {
				throw new LineError("score: must be a number from 0 to 1");
			}
			score = s.asDouble();
		}
		Long latency = nullableInteger(node, "latency_ms");
		BigDecimal cost = null;
		if (node.hasNonNull("cost_usd")) {
			JsonNode c = node.get("cost_usd");
			if (!c.isNumber() || c.decimalValue().signum() < 0
					|| c.decimalValue().compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
				throw new LineError("cost_usd: must be a number from 0 to 1000000");
			}
			cost = c.decimalValue();
		}
		Instant finishedAt = null;
		if (node.hasNonNull("finished_at")) {
			try {
				finishedAt = Instant.parse(text(node, "finished_at"));
			}
			catch (DateTimeParseException ex) {
				throw new LineError("finished_at: must be an ISO-8601 instant like 2026-11-24T10:15:30Z");
			}
			// PostgreSQL's timestamptz ends long before Instant.MAX; a year outside this
			// is a typo
			if (finishedAt.isBefore(EARLIEST) || finishedAt.isAfter(LATEST)) {
				throw new LineError("finished_at: must be between 2000-01-01 and 2100-01-01");
			}
		}
		String answer = optionalText(node, "answer", MAX_ANSWER);
		String finishReason = null;
		if (node.hasNonNull("stop_reason")) {
			// the providers' own table, so an import's cut-off counts as theirs does
			finishReason = FinishReason.of(text(node, "stop_reason")).orElse(null);
			if (finishReason == null) {
				throw new LineError("stop_reason: must be a stop reason providers report: " + FinishReason.known());
			}
		}
		if (error != null) {
			// a sample the harness could not finish is a failed run, never a wrong answer
			score = null;
		}
		return new ImportLine(lineNumber, sampleId, promptKey, promptText, category, model, setting, sample, input,
				output, reasoning, score, latency, cost, finishedAt, answer, finishReason, cached, judgeInput,
				judgeOutput, error, providerModel);
	}

	private static String requiredText(JsonNode node, String field, Pattern pattern, String expected) throws LineError {
		if (!node.hasNonNull(field)) {
			throw new LineError(field + ": is required");
		}
		String value = text(node, field);
		if (!pattern.matcher(value).matches()) {
			throw new LineError(field + ": must be " + expected);
		}
		return value;
	}

	private static String optionalText(JsonNode node, String field, int max) throws LineError {
		if (!node.hasNonNull(field)) {
			return null;
		}
		String value = text(node, field);
		if (value.length() > max) {
			throw new LineError(field + ": at most " + max + " characters");
		}
		return value;
	}

	private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

	private static String text(JsonNode node, String field) throws LineError {
		JsonNode v = node.get(field);
		if (!v.isString()) {
			throw new LineError(field + ": must be a string");
		}
		String value = v.asString();
		// PostgreSQL text cannot hold NUL, and no field needs other control characters
		// but line breaks and tabs
		if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
			throw new LineError(field + ": must not contain control characters (such as NUL)");
		}
		return value;
	}

	private static long integer(JsonNode node, String field, long min, long max, Long fallback) throws LineError {
		Long value = nullableInteger(node, field);
		if (value == null) {
			return fallback;
		}
		if (value < min || value > max) {
			throw new LineError(field + ": must be from " + min + " to " + max);
		}
		return value;
	}

	private static Long nullableInteger(JsonNode node, String field) throws LineError {
		if (!node.hasNonNull(field)) {
			return null;
		}
		JsonNode v = node.get(field);
		if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0 || v.asLong() > 100_000_000_000L) {
			throw new LineError(field + ": must be a whole number >= 0");
		}
		return v.asLong();
	}

	private static String clip(String s) {
		return s.length() > 40 ? s.substring(0, 40) + "..." : s;
	}

}
