package org.tokenyield.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts a real PostgreSQL inside the JVM when no {@code spring.datasource.url} is
 * configured, so that the first command on a fresh machine needs nothing installed. The
 * server is one per JVM: every Spring context of a test run shares it.
 *
 * <p>
 * With {@code app.data-dir} the cluster persists there (under {@code pg/}); with
 * {@code app.embedded-db.ephemeral=true} (the tests) it lives in a temporary folder.
 */
public class EmbeddedPostgresLauncher implements EnvironmentPostProcessor, Ordered {

	private static volatile EmbeddedPostgres server;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
		if (StringUtils.hasText(env.getProperty("spring.datasource.url"))
				|| !env.getProperty("app.embedded-db.enabled", Boolean.class, true)) {
			return;
		}
		EmbeddedPostgres pg = start(env);
		Map<String, Object> props = new HashMap<>();
		props.put("spring.datasource.url", pg.getJdbcUrl("postgres", "postgres"));
		props.put("spring.datasource.username", "postgres");
		props.put("spring.datasource.password", "");
		// the embedded run is a demo instance unless APP_DEMO says otherwise
		props.put("app.embedded-db.demo", "true");
		env.getPropertySources().addFirst(new MapPropertySource("embeddedPostgres", props));
	}

	private static synchronized EmbeddedPostgres start(ConfigurableEnvironment env) {
		if (server != null) {
			return server;
		}
		boolean ephemeral = env.getProperty("app.embedded-db.ephemeral", Boolean.class, false);
		int port = env.getProperty("app.embedded-db.port", Integer.class, 0);
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setPGStartupWait(Duration.ofSeconds(60))
				.setServerConfig("max_connections", "200")
				// sized for a 10M-run history (docs/benchmark.md): the indexes of runs an
				// import maintains stay in PostgreSQL's own cache, and a large import is
				// not cut into a checkpoint per gigabyte of WAL
				.setServerConfig("shared_buffers", "1GB")
				.setServerConfig("max_wal_size", "2GB")
				// stopped by Spring Boot after its contexts have closed (below), not by a
				// JVM hook of its own running beside theirs
				.setRegisterShutdownHook(false);
			if (port > 0) {
				builder.setPort(port);
			}
			if (!ephemeral) {
				Path dataDir = Path.of(env.getProperty("app.data-dir", "./data"))
					.toAbsolutePath()
					.normalize()
					.resolve("pg");
				Files.createDirectories(dataDir);
				stopStalePostmaster(dataDir);
				// zonky starts postgres with -F (no fsync) for throwaway test clusters;
				// data kept under
				// ./data deserves durable writes
				builder.setDataDirectory(dataDir)
					.setCleanDataDirectory(false)
					.setServerConfig("fsync", "on")
					.setServerConfig("synchronous_commit", "on");
			}
			EmbeddedPostgres started = builder.start();
			// Spring Boot runs its shutdown handlers once every context of the JVM has
			// closed: a context still closing when PostgreSQL was gone waited 30 s for a
			// connection (and surefire killed the test JVM)
			SpringApplication.getShutdownHandlers().add(() -> close(started));
			server = started;
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL", ex);
		}
	}

	/**
	 * A JVM killed with SIGKILL leaves its postgres child running and its postmaster.pid
	 * behind, which would refuse the next start. Stop that orphan (only if it really is a
	 * postgres serving this data directory) and clear the lock.
	 */
	static void stopStalePostmaster(Path dataDir) throws IOException {
		Path pidFile = dataDir.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
		long pid = lines.isEmpty() ? -1 : parsePid(lines.get(0));
		Optional<ProcessHandle> orphan = ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
		if (orphan.isPresent()) {
			ProcessHandle p = orphan.get();
			p.destroy(); // SIGTERM: postgres "smart" shutdown; escalate if it lingers
			try {
				p.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				p.destroyForcibly();
			}
		}
		Files.deleteIfExists(pidFile);
	}

	private static void close(EmbeddedPostgres pg) {
		try {
			pg.close();
		}
		catch (IOException ex) {
			// the JVM is ending; nothing is left to tell
		}
	}

	private static long parsePid(String line) {
		try {
			return Long.parseLong(line.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
