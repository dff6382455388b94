package org.tokenyield.alerts;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tokenyield.alerts.WebhookTargets.RefusedTargetException;

/**
 * One webhook POST, on a socket connected to the address {@link WebhookTargets} checked:
 * the JDK's HTTP client resolves the host again by itself, so a DNS answer changed after
 * the check (rebinding) would reach an address nobody checked. HTTPS wraps the same
 * socket with the URL's host name for SNI and the certificate check. HTTP/1.1 with
 * {@code Connection: close}; only the status line is read, and no redirect is followed.
 * <p>
 * The outcome is a status or one of two fixed texts: why a connection failed (refused,
 * reset, not HTTP, timed out) goes to the log only, so the admin page cannot tell a
 * closed port from an open one.
 */
final class WebhookPost {

	static final String REFUSED = "delivery refused: the target's address is not allowed";

	static final String FAILED = "delivery failed: connection error or timeout";

	private static final Logger log = LoggerFactory.getLogger(WebhookPost.class);

	private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([1-5][0-9][0-9])(?: .*)?");

	/** Status line and the headers of any interim (1xx) answers. */
	private static final int MAX_ANSWER_BYTES = 16 * 1024;

	private final WebhookTargets targets;

	private final Duration connectTimeout;

	private final Duration timeout;

	/**
	 * @param timeout the whole exchange, connection included
	 */
	WebhookPost(WebhookTargets targets, Duration connectTimeout, Duration timeout) {
		this.targets = targets;
		this.connectTimeout = connectTimeout;
		this.timeout = timeout;
	}

	/** A status received (delivered when 2xx), or an error for the admin page. */
	record Outcome(Integer status, String error) {

		boolean delivered() {
			return this.status != null && this.status / 100 == 2;
		}

	}

	Outcome send(String url, Map<String, String> headers, byte[] body) {
		URI uri;
		InetAddress address;
		try {
			uri = URI.create(url);
			address = this.targets.address(uri);
		}
		catch (IllegalArgumentException | RefusedTargetException ex) {
			log.info("Webhook {} refused: {}", url, ex.getMessage());
			return new Outcome(null, REFUSED);
		}
		long deadline = System.nanoTime() + this.timeout.toNanos();
		boolean https = "https".equals(uri.getScheme());
		int port = (uri.getPort() != -1) ? uri.getPort() : (https ? 443 : 80);
		try (Socket socket = connect(uri, address, port, https, deadline)) {
			OutputStream out = socket.getOutputStream();
			out.write(head(uri, headers, body.length).getBytes(StandardCharsets.ISO_8859_1));
			out.write(body);
			out.flush();
			int status = status(socket, new BufferedInputStream(socket.getInputStream()), deadline);
			return new Outcome(status, (status / 100 == 2) ? null : "HTTP " + status);
		}
		catch (IOException | RuntimeException ex) {
			log.info("Webhook delivery to {} ({}) failed: {}", url, address.getHostAddress(), ex.toString());
			return new Outcome(null, FAILED);
		}
	}

	private Socket connect(URI uri, InetAddress address, int port, boolean https, long deadline) throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(address, port), (int) this.connectTimeout.toMillis());
			if (!https) {
				return socket;
			}
			String host = uri.getHost();
			SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, host,
					port, true);
			SSLParameters parameters = tls.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			if (!host.startsWith("[") && !host.matches("[0-9.]+")) {
				parameters.setServerNames(List.of(new SNIHostName(host)));
			}
			tls.setSSLParameters(parameters);
			tls.setSoTimeout(remaining(deadline));
			tls.startHandshake();
			return tls;
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	/**
	 * The request line and headers. The URL passed {@link URI}'s parser, so its path and
	 * query hold no space or line break; the headers are the dispatcher's own.
	 */
	private static String head(URI uri, Map<String, String> headers, int length) {
		String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
		String target = (uri.getRawQuery() != null) ? path + "?" + uri.getRawQuery() : path;
		StringBuilder head = new StringBuilder("POST ").append(target).append(" HTTP/1.1\r\n");
		head.append("Host: ").append(uri.getHost());
		if (uri.getPort() != -1) {
			head.append(':').append(uri.getPort());
		}
		head.append("\r\n");
		headers.forEach((name, value) -> {
			if ((name + value).indexOf('\r') >= 0 || (name + value).indexOf('\n') >= 0) {
				throw new IllegalArgumentException("A header holds a line break: " + name);
			}
			head.append(name).append(": ").append(value).append("\r\n");
		});
		head.append("Content-Length: ").append(length).append("\r\n");
		head.append("Connection: close\r\n\r\n");
		return head.toString();
	}

	/** The final status: interim (1xx) answers are skipped with their headers. */
	private static int status(Socket socket, InputStream in, long deadline) throws IOException {
		int[] budget = { MAX_ANSWER_BYTES };
		while (true) {
			String line = line(socket, in, deadline, budget);
			Matcher matcher = STATUS_LINE.matcher(line);
			if (!matcher.matches()) {
				throw new IOException("not an HTTP status line");
			}
			int status = Integer.parseInt(matcher.group(1));
			if (status >= 200) {
				return status;
			}
			while (!line(socket, in, deadline, budget).isEmpty()) {
				// the interim answer's headers
			}
		}
	}

	private static String line(Socket socket, InputStream in, long deadline, int[] budget) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		while (true) {
			socket.setSoTimeout(remaining(deadline));
			int b = in.read();
			if (b < 0) {
				throw new IOException("closed before an HTTP answer");
			}
			if (--budget[0] < 0) {
				throw new IOException("answer head too long");
			}
			if (b == '\n') {
				String text = line.toString(StandardCharsets.ISO_8859_1);
				return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
			}
			line.write(b);
		}
	}

	private static int remaining(long deadline) throws SocketTimeoutException {
		long millis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
		if (millis <= 0) {
			throw new SocketTimeoutException("no answer in time");
		}
		return (int) millis;
	}

}
