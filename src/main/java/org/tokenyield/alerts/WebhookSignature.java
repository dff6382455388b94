package org.tokenyield.alerts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a receiver checks: {@code sha256=} hex HMAC-SHA256 with the webhook's
 * secret over {@code <timestamp>.<body>}, the timestamp being the
 * {@code X-TokenYield-Timestamp} header (so a captured delivery cannot be replayed later
 * under a fresh timestamp).
 */
public final class WebhookSignature {

	public static final String HEADER = "X-TokenYield-Signature";

	public static final String TIMESTAMP_HEADER = "X-TokenYield-Timestamp";

	private WebhookSignature() {
	}

	public static String sign(String secret, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "sha256=" + HexFormat.of().formatHex(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every JVM has HmacSHA256", ex);
		}
	}

}
