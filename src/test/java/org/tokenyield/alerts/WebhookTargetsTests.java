package org.tokenyield.alerts;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.tokenyield.alerts.WebhookTargets.RefusedTargetException;
import org.tokenyield.system.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Where a webhook may go, without Spring: the address rule at its defaults and with an
 * operator's allowance, host names checked on every address they resolve to, the delivery
 * connected to the address checked, and one error text for every failure that is not an
 * HTTP answer. Host names resolve through a test resolver, so a name can be made to point
 * anywhere (as a DNS answer under an attacker's control can).
 */
class WebhookTargetsTests {

	private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json");

	private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private HttpServer receiver;

	@BeforeEach
	void receiver() throws IOException {
		this.receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		this.receiver.createContext("/", exchange -> {
			this.received.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Host"));
			exchange.getRequestBody().readAllBytes();
			if (exchange.getRequestURI().getPath().equals("/moved")) {
				exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/elsewhere");
				exchange.sendResponseHeaders(302, -1);
			}
			else {
				exchange.sendResponseHeaders(204, -1);
			}
			exchange.close();
		});
		this.receiver.start();
	}

	@AfterEach
	void stop() throws Exception {
		this.receiver.stop(0);
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void byDefaultOnlyPublicAddressesAreAllowed() throws Exception {
		WebhookTargets targets = new WebhookTargets(List.of(), InetAddress::getAllByName);
		for (String special : List.of("127.0.0.1", "127.8.9.10", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
				"192.168.0.10", "169.254.169.254", "100.64.0.1", "192.0.0.8", "198.18.0.1", "224.0.0.251",
				"239.255.255.250", "255.255.255.255", "240.0.0.1", "::", "::1", "::127.0.0.1", "fe80::1", "fd00::1",
				"fc12:3456::1", "ff02::1", "fec0::1", "64:ff9b::a00:1", "2002:a00:1::1", "2001:0:4136:e378::1",
				"2001:db8::1")) {
			assertThat(targets.allowed(InetAddress.getByName(special))).as(special).isFalse();
		}
		for (String open : List.of("93.184.215.14", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1",
				"2606:4700:4700::1111", "2a00:1450:4001:80b::200e")) {
			assertThat(targets.allowed(InetAddress.getByName(open))).as(open).isTrue();
		}
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> targets.checkedUrl("http://127.0.0.1:5432/"))
			.satisfies(ex -> assertThat(ex.fieldErrors()).containsKey("url"))
			.withMessageContaining("must not point to");
		assertThat(targets.checkedUrl(" https://93.184.215.14/hook ")).isEqualTo("https://93.184.215.14/hook");
	}

	@Test
	void anAllowedNetworkAdmitsItsAddressesOnly() throws Exception {
		WebhookTargets targets = new WebhookTargets(List.of("10.20.0.0/16", "fd00:1::/32"), InetAddress::getAllByName);
		assertThat(targets.allowed(InetAddress.getByName("10.20.3.4"))).isTrue();
		assertThat(targets.allowed(InetAddress.getByName("fd00:1:2::3"))).isTrue();
		assertThat(targets.allowed(InetAddress.getByName("10.21.0.1"))).isFalse();
		assertThat(targets.allowed(InetAddress.getByName("fd00:2::1"))).isFalse();
		assertThat(targets.allowed(InetAddress.getByName("127.0.0.1"))).isFalse();
		for (String bad : List.of("intranet", "10.0.0.0/33", "::/129", "10.0.0.0/x", "localhost", "ad.be", "10.0.0")) {
			assertThatExceptionOfType(IllegalArgumentException.class).as(bad)
				.isThrownBy(() -> new WebhookTargets(List.of(bad), InetAddress::getAllByName));
		}
	}

	/**
	 * Which address a connection would pick is not ours to choose: one special address
	 * among a host's answers refuses the host.
	 */
	@Test
	void aHostNameIsCheckedOnEveryAddressItResolvesTo() throws Exception {
		WebhookTargets targets = new WebhookTargets(List.of(), host -> switch (host) {
			case "mixed.example" -> addresses("93.184.215.14", "10.0.0.1");
			case "public.example" -> addresses("93.184.215.14");
			default -> throw new UnknownHostException(host);
		});
		assertThatExceptionOfType(RefusedTargetException.class).isThrownBy(() -> targets.addresses("mixed.example"))
			.withMessageContaining("10.0.0.1");
		assertThat(targets.addresses("public.example")).containsExactly(InetAddress.getByName("93.184.215.14"));
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> targets.checkedUrl("https://nowhere.example/hook"))
			.withMessageContaining("does not resolve");
	}

	@Test
	void aHostNameThatResolvesToLoopbackIsRefusedAtDelivery() {
		WebhookPost post = post(List.of(), host -> addresses("127.0.0.1"));
		WebhookPost.Outcome outcome = post.send("http://rebound.example:" + port() + "/hook", HEADERS, BODY);
		assertThat(outcome.delivered()).isFalse();
		assertThat(outcome.error()).isEqualTo(WebhookPost.REFUSED);
		assertThat(this.received).isEmpty();
	}

	/**
	 * The host is resolved once, and the connection goes to the address checked: a DNS
	 * answer that changes right after the check (rebinding) is never asked for.
	 */
	@Test
	void theAddressCheckedIsTheAddressConnectedTo() {
		AtomicInteger lookups = new AtomicInteger();
		WebhookPost post = post(List.of("127.0.0.1/32"),
				host -> (lookups.getAndIncrement() == 0) ? addresses("127.0.0.1") : addresses("10.0.0.1"));
		WebhookPost.Outcome outcome = post.send("http://rebound.example:" + port() + "/hook?x=1", HEADERS, BODY);
		assertThat(outcome.delivered()).as(String.valueOf(outcome)).isTrue();
		assertThat(outcome.status()).isEqualTo(204);
		assertThat(lookups).hasValue(1);
		assertThat(this.received).containsExactly("/hook?x=1 rebound.example:" + port());
	}

	@Test
	void aRedirectIsNotFollowed() {
		WebhookPost post = post(List.of("127.0.0.1/32"), InetAddress::getAllByName);
		WebhookPost.Outcome outcome = post.send("http://127.0.0.1:" + port() + "/moved", HEADERS, BODY);
		assertThat(outcome.delivered()).isFalse();
		assertThat(outcome.error()).isEqualTo("HTTP 302");
		assertThat(this.received).containsExactly("/moved 127.0.0.1:" + port());
	}

	/**
	 * A closed port, a port whose service greets in another protocol, one that hangs up,
	 * one that stays silent past the deadline and a failed TLS handshake all read the
	 * same, so the admin page is no port scanner (the log keeps the detail for the
	 * operator).
	 */
	@Test
	void everyFailureWithoutAnHttpAnswerReadsTheSame() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			closed = socket.getLocalPort();
		}
		int greets = serve((out) -> out.write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII)));
		int hangsUp = serve((out) -> {
		});
		int silent = serve(null);
		WebhookPost post = post(List.of("127.0.0.1/32"), host -> addresses("127.0.0.1"), Duration.ofMillis(500));
		List<String> errors = new ArrayList<>();
		List<String> urls = new ArrayList<>();
		for (int port : List.of(closed, greets, hangsUp, silent)) {
			urls.add("http://127.0.0.1:" + port + "/hook");
		}
		// TLS to a server that speaks plain HTTP, by address and by name (with SNI)
		urls.add("https://127.0.0.1:" + port() + "/hook");
		urls.add("https://receiver.example:" + port() + "/hook");
		for (String url : urls) {
			WebhookPost.Outcome outcome = post.send(url, HEADERS, BODY);
			assertThat(outcome.status()).as(url).isNull();
			errors.add(outcome.error());
		}
		assertThat(errors).containsOnly(WebhookPost.FAILED);
	}

	/**
	 * HTTPS to a name connects to the address checked and still names the URL's host in
	 * the TLS handshake (SNI, and the certificate is checked against it): the client
	 * hello a local service receives carries {@code receiver.example}.
	 */
	@Test
	void tlsNamesTheUrlsHostAtTheAddressChecked() throws Exception {
		List<String> hellos = new CopyOnWriteArrayList<>();
		int tls = listen((socket) -> {
			// one TLS record: a five-byte header whose last two bytes are its length
			DataInputStream in = new DataInputStream(socket.getInputStream());
			byte[] header = new byte[5];
			in.readFully(header);
			byte[] hello = new byte[((header[3] & 0xff) << 8) | (header[4] & 0xff)];
			in.readFully(hello);
			hellos.add(new String(hello, StandardCharsets.ISO_8859_1));
		}, false);
		WebhookPost post = post(List.of("127.0.0.1/32"), host -> addresses("127.0.0.1"));
		WebhookPost.Outcome outcome = post.send("https://receiver.example:" + tls + "/hook", HEADERS, BODY);
		assertThat(outcome.error()).isEqualTo(WebhookPost.FAILED);
		assertThat(hellos).singleElement().asString().contains("receiver.example");
	}

	/**
	 * An address written in the URL is checked at delivery like a name's answer: outside
	 * the allowance it is refused before any connection (a connection to 127.0.0.2 would
	 * have failed instead).
	 */
	@Test
	void anAddressInTheUrlIsCheckedAtDelivery() {
		WebhookPost post = post(List.of("127.0.0.1/32"), InetAddress::getAllByName);
		for (String url : List.of("http://127.0.0.2:" + port() + "/hook", "http://2130706434:" + port() + "/hook",
				"http://[::1]:" + port() + "/hook", "http://[::ffff:127.0.0.2]:" + port() + "/hook")) {
			assertThat(post.send(url, HEADERS, BODY).error()).as(url).isEqualTo(WebhookPost.REFUSED);
		}
		assertThat(this.received).isEmpty();
	}

	/**
	 * The status is all a delivery needs: an answer announcing a huge body that never
	 * comes is not waited for.
	 */
	@Test
	void theAnswerBodyIsNotRead() throws Exception {
		int huge = serve((out) -> {
			out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}, true);
		WebhookPost post = post(List.of("127.0.0.1/32"), InetAddress::getAllByName, Duration.ofMillis(500));
		WebhookPost.Outcome outcome = post.send("http://127.0.0.1:" + huge + "/hook", HEADERS, BODY);
		assertThat(outcome.delivered()).as(String.valueOf(outcome)).isTrue();
		assertThat(outcome.status()).isEqualTo(200);
	}

	/**
	 * A receiver that keeps sending, a byte at a time, never runs into a read timeout:
	 * the exchange as a whole has a deadline. (Without it the send never returns; the
	 * test's own timeout, on a thread of its own, fails it instead of hanging.)
	 */
	@Test
	@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void aTricklingAnswerEndsAtTheDeadline() throws Exception {
		ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
		this.closeables.add(trickle::shutdownNow);
		int slow = serve((out) -> {
			out.write("HTTP/1.1 200 ".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			trickle.scheduleAtFixedRate(() -> {
				try {
					out.write('x');
					out.flush();
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}, 0, 50, TimeUnit.MILLISECONDS);
		}, true);
		WebhookPost post = post(List.of("127.0.0.1/32"), InetAddress::getAllByName, Duration.ofMillis(500));
		WebhookPost.Outcome outcome = post.send("http://127.0.0.1:" + slow + "/hook", HEADERS, BODY);
		assertThat(outcome.status()).isNull();
		assertThat(outcome.error()).isEqualTo(WebhookPost.FAILED);
	}

	interface Reply {

		void write(OutputStream out) throws IOException;

	}

	interface Exchange {

		void with(Socket socket) throws IOException;

	}

	/**
	 * A local non-HTTP service: writes its reply to each connection and hangs up, or
	 * (null) holds the connection open without a word.
	 */
	private int serve(Reply reply) throws IOException {
		return serve(reply, false);
	}

	/** As above; when held, the connection stays open after the reply. */
	private int serve(Reply reply, boolean hold) throws IOException {
		return listen((socket) -> {
			if (reply != null) {
				reply.write(socket.getOutputStream());
			}
		}, reply == null || hold);
	}

	/**
	 * A local service that runs the exchange on each connection, then hangs up, or (when
	 * held) keeps the connection open.
	 */
	private int listen(Exchange exchange, boolean hold) throws IOException {
		ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
		List<Socket> held = new CopyOnWriteArrayList<>();
		this.closeables.add(() -> {
			server.close();
			for (Socket s : held) {
				s.close();
			}
		});
		Thread thread = new Thread(() -> {
			while (!server.isClosed()) {
				try {
					Socket socket = server.accept();
					if (hold) {
						held.add(socket);
						exchange.with(socket);
						continue;
					}
					try (socket) {
						exchange.with(socket);
					}
				}
				catch (IOException ex) {
					// closed at the end of the test
				}
			}
		}, "webhook-test-service");
		thread.setDaemon(true);
		thread.start();
		return server.getLocalPort();
	}

	private WebhookPost post(List<String> allowed, WebhookTargets.Resolver resolver) {
		return post(allowed, resolver, Duration.ofSeconds(5));
	}

	private WebhookPost post(List<String> allowed, WebhookTargets.Resolver resolver, Duration timeout) {
		WebhookPost post = new WebhookPost(new WebhookTargets(allowed, resolver), Duration.ofSeconds(2), timeout);
		this.closeables.add(post);
		return post;
	}

	private int port() {
		return this.receiver.getAddress().getPort();
	}

	private static InetAddress[] addresses(String... literals) throws UnknownHostException {
		InetAddress[] out = new InetAddress[literals.length];
		for (int i = 0; i < literals.length; i++) {
			out[i] = InetAddress.getByName(literals[i]);
		}
		return out;
	}

}
