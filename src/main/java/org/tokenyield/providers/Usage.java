package org.tokenyield.providers;

/**
 * Normalized usage of one call (PROVIDERS.md). {@code outputTokens} includes reasoning;
 * {@code reasoningTokens} is null when the provider does not report it (never estimated).
 * {@code cachedInputTokens} is part of {@code inputTokens}.
 */
public record Usage(long inputTokens, Long cachedInputTokens, Long cacheWriteTokens, Long outputTokens,
		Long reasoningTokens) {

	public Usage {
		if (inputTokens < 0) {
			throw new IllegalArgumentException("inputTokens must be >= 0");
		}
		if (reasoningTokens != null && outputTokens != null && reasoningTokens > outputTokens) {
			throw new IllegalArgumentException("reasoningTokens cannot exceed outputTokens");
		}
		if (cachedInputTokens != null && cachedInputTokens > inputTokens) {
			throw new IllegalArgumentException("cachedInputTokens cannot exceed inputTokens");
		}
	}

	public static Usage inputOnly(long inputTokens) {
		return new Usage(inputTokens, null, null, null, null);
	}

}
