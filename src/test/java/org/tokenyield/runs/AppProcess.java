package org.tokenyield.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tokenyield.TokenYieldApplication;

import static org.awaitility.Awaitility.await;

/**
 * The application as a separate JVM (this test JVM's classpath), on the test's
 * PostgreSQL, so that it can be killed with SIGKILL like a crashed server. Its output
 * goes to target/.
 */
public final class AppProcess implements AutoCloseable {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private final Process process;

	private final Path log;

	private AppProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	public static AppProcess start(String name, String jdbcUrl, List<String> properties) throws IOException {
		Path log = Path.of("target", "app-process-" + name + ".log").toAbsolutePath();
		Files.createDirectories(log.getParent());
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx384m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(TokenYieldApplication.class.getName());
		command.add("--spring.datasource.url=" + jdbcUrl);
		command.add("--spring.datasource.username=postgres");
		command.add("--spring.datasource.password=");
		command.add("--server.port=0");
		command.add("--spring.datasource.hikari.maximum-pool-size=8");
		// only the queue matters here: no figure refreshes competing for two cores
		command.add("--app.analytics.refresh=PT1H");
		for (String p : properties) {
			command.add("--" + p);
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new AppProcess(process, log);
	}

	/** Waits for Spring Boot's "Started" line (its worker polls from then on). */
	public void awaitStarted(Duration timeout) {
		await("the application started; see " + this.log).atMost(timeout)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				if (!this.process.isAlive()) {
					throw new AssertionError("the application exited early; see " + this.log);
				}
				return Files.exists(this.log) && Files.readString(this.log).contains("Started TokenYieldApplication");
			});
	}

	/** SIGKILL: no shutdown hook, no lease given back, a call possibly in flight. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	/** SIGTERM, as docker stop or Kubernetes sends it; waits for the process to exit. */
	void terminate(Duration timeout) throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
			throw new AssertionError("the application did not stop within " + timeout + " of SIGTERM; see " + this.log);
		}
	}

	/**
	 * The HTTP port the instance took (it starts on port 0); call after
	 * {@link #awaitStarted}.
	 */
	public int port() throws IOException {
		Matcher m = PORT.matcher(log());
		if (!m.find()) {
			throw new AssertionError("no HTTP port in the log; see " + this.log);
		}
		return Integer.parseInt(m.group(1));
	}

	public String log() throws IOException {
		return Files.readString(this.log);
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
	}

}
