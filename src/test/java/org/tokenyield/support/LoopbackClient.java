package org.tokenyield.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP from another loopback address (127.0.0.2, 127.0.0.3, ...): the server sees another
 * client by its socket's remote address, with no forwarded header to trust. One request
 * per connection, on a raw socket, since java.net.http cannot choose its local address.
 */
public final class LoopbackClient {

	private final InetAddress local;

	private final int port;

	public LoopbackClient(String localAddress, int port) {
		try {
			this.local = InetAddress.getByName(localAddress);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		if (!this.local.isLoopbackAddress()) {
			throw new IllegalArgumentException(localAddress + " is not a loopback address");
		}
		this.port = port;
	}

	public record Reply(int status, Map<String, String> headers, String body) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	/** A JSON post signed in with HTTP Basic (how API tokens are created). */
	public Reply basicPost(String path, String username, String password, String json) {
		String credentials = Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		return send("POST", path, Map.of("Authorization", "Basic " + credentials, "Content-Type", "application/json",
				"Accept", "application/json"), json);
	}

	public Reply send(String method, String path, Map<String, String> headers, String body) {
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		StringBuilder head = new StringBuilder(method).append(' ')
			.append(path)
			.append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: ")
			.append(content.length)
			.append("\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		head.append("\r\n");
		try (Socket socket = new Socket()) {
			socket.setSoTimeout(60_000);
			socket.bind(new InetSocketAddress(this.local, 0));
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 5_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			return parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Reply parse(String response) {
		int end = response.indexOf("\r\n\r\n");
		String[] lines = (end < 0 ? response : response.substring(0, end)).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
		}
		return new Reply(status, headers, end < 0 ? "" : response.substring(end + 4));
	}

}
