package org.tokenyield.alerts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tokenyield.alerts.WebhookTargets.RefusedTargetException;

/**
 * Webhook POSTs through one Apache HttpClient whose DNS resolver is
 * {@link WebhookTargets}: the host is resolved once per connection and only addresses the
 * rule allows are handed back, so the connection goes to an address checked and a DNS
 * answer that changes after the check (rebinding) reaches nothing else. HTTPS keeps the
 * URL's host name for SNI and the certificate check. No redirects, retries, cookies,
 * proxies or kept-alive connections; the status is read, never the body.
 * <p>
 * The outcome is a status or one of two fixed texts: why a connection failed (refused,
 * reset, not HTTP, timed out) goes to the log only, so the admin page cannot tell a
 * closed port from an open one.
 */
final class WebhookPost implements AutoCloseable {

	static final String REFUSED = "delivery refused: the target's address is not allowed";

	static final String FAILED = "delivery failed: connection error or timeout";

	private static final Logger log = LoggerFactory.getLogger(WebhookPost.class);

	/** IPv4 in any form the JDK reads as an address rather than a name. */
	private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9.]+");

	private final WebhookTargets targets;

	private final Duration timeout;

	private final CloseableHttpClient client;

	/**
	 * @param connectTimeout the TCP connection, and the TLS handshake
	 * @param timeout the whole exchange, connection included
	 */
	WebhookPost(WebhookTargets targets, Duration connectTimeout, Duration timeout) {
		this.targets = targets;
		this.timeout = timeout;
		Timeout whole = Timeout.of(timeout);
		this.client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(new CheckedResolver(targets))
				.setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.of(connectTimeout))
					.setSocketTimeout(whole)
					.build())
				.build())
			.setDefaultRequestConfig(
					RequestConfig.custom().setConnectionRequestTimeout(whole).setResponseTimeout(whole).build())
			// each delivery looks its host up and checks it afresh
			.setConnectionReuseStrategy((request, response, context) -> false)
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			.build();
	}

	/** A status received (delivered when 2xx), or an error for the admin page. */
	record Outcome(Integer status, String error) {

		boolean delivered() {
			return this.status != null && this.status / 100 == 2;
		}

	}

	Outcome send(String url, Map<String, String> headers, byte[] body) {
		URI uri;
		try {
			uri = URI.create(url);
			checkBeforeSending(uri.getHost());
		}
		catch (IllegalArgumentException | RefusedTargetException ex) {
			log.info("Webhook {} refused: {}", url, ex.getMessage());
			return new Outcome(null, REFUSED);
		}
		HttpPost post = new HttpPost(pathAndQuery(uri));
		headers.forEach(post::addHeader);
		post.setEntity(new ByteArrayEntity(body, null));
		// read timeouts restart with each byte: the deadline aborts the exchange itself
		CompletableFuture<Void> deadline = CompletableFuture.runAsync(post::cancel, after(this.timeout));
		try {
			// a host without an address: the client asks the resolver, which checks it
			HttpHost target = new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort());
			ClassicHttpResponse response = this.client.executeOpen(target, post, null);
			int status = response.getCode();
			// closed at once: closing gracefully would read the body to its end
			((CloseableHttpResponse) response).close(CloseMode.IMMEDIATE);
			return new Outcome(status, (status / 100 == 2) ? null : "HTTP " + status);
		}
		catch (RefusedAddressException ex) {
			log.info("Webhook {} refused: {}", url, ex.getMessage());
			return new Outcome(null, REFUSED);
		}
		catch (IOException | RuntimeException ex) {
			log.info("Webhook delivery to {} failed: {}", url,
					post.isCancelled() ? "no answer within " + this.timeout : ex.toString());
			return new Outcome(null, FAILED);
		}
		finally {
			deadline.cancel(false);
		}
	}

	/**
	 * A host is required, and one written as an address ({@code [::1]}, {@code 127.0.0.2}
	 * or a legacy form such as {@code 2130706434}) is checked here, whether or not the
	 * client would ask the resolver about it; names are checked by the resolver.
	 */
	private void checkBeforeSending(String host) throws RefusedTargetException {
		if (host == null) {
			throw new RefusedTargetException("must name a host");
		}
		if (host.startsWith("[") || ADDRESS_LITERAL.matcher(host).matches()) {
			this.targets.addresses(host);
		}
	}

	private static String pathAndQuery(URI uri) {
		String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
		return (uri.getRawQuery() != null) ? path + "?" + uri.getRawQuery() : path;
	}

	private static Executor after(Duration delay) {
		return CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public void close() {
		this.client.close(CloseMode.IMMEDIATE);
	}

	/**
	 * Resolves through {@link WebhookTargets}: all the host's addresses when every one is
	 * allowed, else a {@link RefusedAddressException}.
	 */
	private static final class CheckedResolver implements DnsResolver {

		private final WebhookTargets targets;

		CheckedResolver(WebhookTargets targets) {
			this.targets = targets;
		}

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			try {
				return this.targets.addresses(host).toArray(InetAddress[]::new);
			}
			catch (RefusedTargetException ex) {
				throw new RefusedAddressException(ex.getMessage());
			}
		}

		@Override
		public String resolveCanonicalHostname(String host) throws UnknownHostException {
			// only for Kerberos, which webhooks do not use
			throw new UnknownHostException(host);
		}

	}

	/**
	 * The rule's refusal, an {@link UnknownHostException} because that is all a resolver
	 * may throw; told apart from the client's own failures by its type.
	 */
	static final class RefusedAddressException extends UnknownHostException {

		RefusedAddressException(String reason) {
			super(reason);
		}

	}

}
