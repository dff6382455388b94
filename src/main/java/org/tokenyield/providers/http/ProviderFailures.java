package org.tokenyield.providers.http;

import java.time.Duration;

import org.tokenyield.providers.ProviderException;

/**
 * What a provider's failure means for the run (PROVIDERS.md, "Retries"): retry later or
 * give up, with the provider's own message.
 */
public final class ProviderFailures {

	private ProviderFailures() {
	}

	/**
	 * Classifies a non-2xx status (PROVIDERS.md, "Retries"): 408, 429, 500, 502, 503, 504
	 * and 529 are retryable unless {@code finalAnyway} (quota exhausted); everything else
	 * is final.
	 */
	public static ProviderException failure(String provider, int status, String providerMessage, Duration retryAfter,
			boolean finalAnyway) {
		String message = provider + " HTTP " + status + ": " + providerMessage;
		if (!finalAnyway && isRetryableStatus(status)) {
			return ProviderException.retryable(message, status, retryAfter);
		}
		return ProviderException.fatal(message, status);
	}

	public static boolean isRetryableStatus(int status) {
		return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504
				|| status == 529;
	}

	/** A body cut for a message, when the error body is not the provider's JSON. */
	public static String snippet(String body) {
		if (body == null || body.isBlank()) {
			return "(empty body)";
		}
		String b = body.strip().replaceAll("\\s+", " ");
		return b.length() > 300 ? b.substring(0, 300) + "…" : b;
	}

}
