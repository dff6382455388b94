package org.tokenyield.runs.execution;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.tokenyield.providers.ProviderReply;
import org.tokenyield.providers.Usage;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import org.tokenyield.runs.RunTransitions;
import org.tokenyield.runs.queue.RunClock;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes what a call produced. The reply is stored (and committed) no later than the run
 * is marked done: on the hot path both happen in one transaction
 * ({@link #storeReplyAndSucceed}), so a crash either keeps both or neither (then the call
 * was in flight, as before the reply came back); when finishing fails, the reply is still
 * stored on its own ({@link #storeReply}) so that a retry finishes from it instead of
 * paying for a second call.
 */
@Component
public class RunRecorder {

	private final ReplyRepository replies;

	private final AttemptRepository attempts;

	private final JsonMapper json;

	private final RunTransitions transitions;

	private final RunClock clock;

	RunRecorder(ReplyRepository replies, AttemptRepository attempts, JsonMapper json, RunTransitions transitions,
			RunClock clock) {
		this.replies = replies;
		this.attempts = attempts;
		this.json = json;
		this.transitions = transitions;
		this.clock = clock;
	}

	/**
	 * The reply as stored: enough to finish the run without calling the provider again.
	 */
	public record StoredReply(String text, Usage usage, String finishReason, long latencyMs) {
	}

	/**
	 * What a failed attempt was billed: the usage the provider reported with the failure
	 * and its cost as billed (CostCalculator). Null where an attempt was not billed.
	 */
	record Billed(Usage usage, BigDecimal cost) {
	}

	/**
	 * The reply stored and the run marked done, in one transaction (one commit per run).
	 */
	@Transactional
	void storeReplyAndSucceed(long runId, ProviderReply reply, int attempt, Instant startedAt, StoredReply stored,
			BigDecimal cost, BigDecimal billedCost, Double score, String extractedAnswer, String votingKey,
			String gradingError, boolean judgeDue) {
		insertReply(runId, reply);
		succeed(runId, attempt, startedAt, stored, cost, billedCost, score, extractedAnswer, votingKey, gradingError,
				judgeDue);
	}

	@Transactional
	void storeReply(long runId, ProviderReply reply) {
		insertReply(runId, reply);
	}

	private void insertReply(long runId, ProviderReply reply) {
		Map<String, Object> stored = new java.util.LinkedHashMap<>();
		stored.put("text", reply.text());
		stored.put("finish_reason", reply.finishReason());
		stored.put("latency_ms", reply.latencyMs());
		Usage u = reply.usage();
		stored.put("input_tokens", u.inputTokens());
		stored.put("cached_input_tokens", u.cachedInputTokens());
		stored.put("cache_write_tokens", u.cacheWriteTokens());
		stored.put("output_tokens", u.outputTokens());
		stored.put("reasoning_tokens", u.reasoningTokens());
		Map<String, Object> headers = new java.util.LinkedHashMap<>(reply.headers());
		headers.put("x-token-yield-normalized", stored);
		this.replies.store(runId, reply.requestBody(), reply.rawBody(), this.json.writeValueAsString(headers),
				this.clock.now());
	}

	@Transactional(readOnly = true)
	Optional<StoredReply> storedReply(long runId) {
		return this.replies.headers(runId).map(h -> {
			Map<?, ?> all = this.json.readValue(h, Map.class);
			Map<?, ?> n = (Map<?, ?>) all.get("x-token-yield-normalized");
			Usage usage = new Usage(number(n, "input_tokens"), nullableNumber(n, "cached_input_tokens"),
					nullableNumber(n, "cache_write_tokens"), nullableNumber(n, "output_tokens"),
					nullableNumber(n, "reasoning_tokens"));
			return new StoredReply((String) n.get("text"), usage, (String) n.get("finish_reason"),
					number(n, "latency_ms"));
		});
	}

	/**
	 * Marks the run done with its usage, cost and grade, and records the attempt (with
	 * the reply's usage and billed cost: the attempt that finishes a run carries its
	 * reply's bill, once).
	 * @param cost the reply's list cost; {@code billedCost} its cost as billed, added to
	 * what earlier billed attempts of the run cost
	 */
	@Transactional
	void succeed(long runId, int attempt, Instant startedAt, StoredReply reply, BigDecimal cost, BigDecimal billedCost,
			Double score, String extractedAnswer, String votingKey, String gradingError, boolean judgeDue) {
		if (this.transitions.succeed(runId, reply, cost, billedCost, score, clip(extractedAnswer), votingKey,
				gradingError, judgeDue)) {
			attempt(runId, attempt, startedAt, 200, "SUCCEEDED", null, new Billed(reply.usage(), billedCost));
		}
	}

	@Transactional
	void fail(long runId, int attempt, Instant startedAt, int httpStatus, String message) {
		fail(runId, attempt, startedAt, httpStatus, message, null);
	}

	/**
	 * @param billed what the failed attempt was billed, null when it was not
	 */
	@Transactional
	void fail(long runId, int attempt, Instant startedAt, int httpStatus, String message, Billed billed) {
		boolean failed = this.transitions.fail(runId, clip(message), cost(billed));
		attempt(runId, attempt, startedAt, httpStatus, "FINAL", message, failed ? billed : null);
	}

	/**
	 * @param billed what the failed attempt was billed, null when it was not
	 */
	@Transactional
	void retryLater(long runId, int attempt, Instant startedAt, int httpStatus, String message, Duration delay,
			Billed billed) {
		boolean requeued = this.transitions.retryLater(runId, clip(message), delay, cost(billed));
		attempt(runId, attempt, startedAt, httpStatus, "RETRYABLE", message, requeued ? billed : null);
	}

	private static BigDecimal cost(Billed billed) {
		return billed == null ? null : billed.cost();
	}

	private void attempt(long runId, int attempt, Instant startedAt, int httpStatus, String outcome, String message,
			Billed billed) {
		Usage u = billed == null ? null : billed.usage();
		this.attempts.insert(new AttemptRepository.Attempt(runId, attempt, RunClock.at(startedAt), this.clock.now(),
				httpStatus == 0 ? null : httpStatus, outcome, clip(message), u == null ? null : u.inputTokens(),
				u == null ? null : u.cachedInputTokens(), u == null ? null : u.outputTokens(), cost(billed)));
	}

	/**
	 * Texts stored with a run (extracted answer, error, attempt message) are at most 2000
	 * characters.
	 */
	public static String clip(String s) {
		return s == null ? null : s.length() > 2000 ? s.substring(0, 2000) : s;
	}

	private static long number(Map<?, ?> map, String key) {
		Object v = map.get(key);
		return v == null ? 0 : ((Number) v).longValue();
	}

	private static Long nullableNumber(Map<?, ?> map, String key) {
		Object v = map.get(key);
		return v == null ? null : ((Number) v).longValue();
	}

}
