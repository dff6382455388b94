package org.tokenyield.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP written by hand on a socket, for what a well-behaved client cannot send: a forged
 * {@code Host}, a malformed request line, a chunked form, a body that trickles in.
 */
public final class RawHttp implements AutoCloseable {

	private final Socket socket;

	public RawHttp(int port, Duration readTimeout) throws IOException {
		this.socket = new Socket("127.0.0.1", port);
		this.socket.setSoTimeout((int) readTimeout.toMillis());
	}

	/**
	 * Sends a whole request (head and body) and reads the answer until the server closes.
	 */
	public static Response exchange(int port, String head, byte[] body) throws IOException {
		try (RawHttp http = new RawHttp(port, Duration.ofSeconds(60))) {
			http.write(head.getBytes(StandardCharsets.ISO_8859_1));
			http.write(body);
			return http.read();
		}
	}

	public static Response exchange(int port, String head) throws IOException {
		return exchange(port, head, new byte[0]);
	}

	public void write(byte[] bytes) throws IOException {
		this.socket.getOutputStream().write(bytes);
		this.socket.getOutputStream().flush();
	}

	/** One chunk of a chunked body; an empty one ends the body. */
	public void chunk(byte[] bytes) throws IOException {
		write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
		write(bytes);
		write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
	}

	/**
	 * Reads until the server closes the connection (or the read timeout passes, which
	 * throws {@link SocketTimeoutException}).
	 */
	public Response read() throws IOException {
		InputStream in = this.socket.getInputStream();
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n; (n = in.read(buffer)) >= 0;) {
				all.write(buffer, 0, n);
			}
		}
		catch (java.net.SocketException ex) {
			// a reset after the answer: what was read is the answer
			if (all.size() == 0) {
				throw ex;
			}
		}
		return Response.parse(all.toString(StandardCharsets.ISO_8859_1));
	}

	/** Reads the status line only. */
	public int status() throws IOException {
		InputStream in = this.socket.getInputStream();
		StringBuilder line = new StringBuilder();
		for (int b; (b = in.read()) >= 0 && b != '\n';) {
			line.append((char) b);
		}
		String[] parts = line.toString().split(" ");
		return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/** An answer as read from the wire, a chunked body joined (as ISO-8859-1 text). */
	public record Response(int status, String head, String body) {

		static Response parse(String raw) {
			int end = raw.indexOf("\r\n\r\n");
			String head = end < 0 ? raw : raw.substring(0, end);
			String body = end < 0 ? "" : raw.substring(end + 4);
			String[] statusLine = head.split("\r\n", 2)[0].split(" ");
			int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1;
			Response response = new Response(status, head, body);
			return "chunked".equalsIgnoreCase(response.header("Transfer-Encoding"))
					? new Response(status, head, unchunked(body)) : response;
		}

		private static String unchunked(String body) {
			StringBuilder out = new StringBuilder();
			int at = 0;
			while (at < body.length()) {
				int lineEnd = body.indexOf("\r\n", at);
				if (lineEnd < 0) {
					break;
				}
				int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
				if (size == 0) {
					break;
				}
				int start = lineEnd + 2;
				out.append(body, start, Math.min(body.length(), start + size));
				at = start + size + 2;
			}
			return out.toString();
		}

		/** The first value of a header, or null. */
		public String header(String name) {
			for (String line : this.head.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon)
					.trim()
					.toLowerCase(Locale.ROOT)
					.equals(name.toLowerCase(Locale.ROOT))) {
					return line.substring(colon + 1).trim();
				}
			}
			return null;
		}

	}

}
