package org.tokenyield.analytics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import com.sun.management.OperatingSystemMXBean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.freshness.FigureCache;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The figures at scale (docs/benchmark.md). Not a test of the default build: the class
 * name does not match surefire's patterns and it is tagged "benchmark". Run it with
 * {@code ./mvnw -q -B test -Dtest=LeaderboardBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false}
 * (skipped without {@code -Dbenchmark=true}, so a
 * {@code -Dtest='org.tokenyield.analytics.**'} run never starts it) (system properties
 * {@code bench.runs}, {@code bench.max-import-seconds}; {@code bench.import-only=true}
 * stops after the import and reports what it cost PostgreSQL).
 * <p>
 * Imports the generated runs through {@code POST /api/v1/imports?dataset=bench} (NDJSON,
 * the API.md contract) in chunks, timing the requests apart from generating the lines.
 * Then it measures the leaderboard API (cold, then warm p50/p95) against a static
 * response of the same bytes served by the same server, and {@code /api/v1/scaling}.
 */
@IntegrationTest
// the daily export snapshots every run finished before the day ended, in memory (1M runs:
// about 700 MB of heap); at 10M it does not fit (docs/benchmark.md), so it stays out of
// these measurements
@TestPropertySource(properties = "app.exports.first-check=P1D")
@Tag("benchmark")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class LeaderboardBenchmark {

	static final int PROMPTS = 1000;

	static final String[] SETTINGS = { "default", "thinking:1024", "thinking:4096", "effort:high" };

	static final String[] CATEGORIES = { "math", "code", "factual", "reasoning", "prose", "multilingual" };

	static final int MODELS = 5;

	/**
	 * The same bytes as a leaderboard response, served by the same server: the floor of
	 * any GET.
	 */
	@TestConfiguration
	static class StaticJson {

		static volatile byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

		@Bean
		RouterFunction<ServerResponse> benchStatic() {
			return RouterFunctions.route()
				.GET("/api/v1/bench-static",
						r -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(body))
				.build();
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SummaryVersionStamper stamper;

	@Autowired
	FigureCache cache;

	final HttpClient http = HttpClient.newHttpClient();

	final StringBuilder report = new StringBuilder();

	@Test
	void leaderboardAtScale() throws Exception {
		int runs = Integer.getInteger("bench.runs", 1_000_000);
		int maxSeconds = Integer.getInteger("bench.max-import-seconds", 1200);
		int samples = Math.max(1, runs / (PROMPTS * MODELS * SETTINGS.length));
		int total = PROMPTS * MODELS * SETTINGS.length * samples;
		line("# Benchmark %s", Instant.now());
		line("CPUs: %d, max heap: %d MB", Runtime.getRuntime().availableProcessors(),
				Runtime.getRuntime().maxMemory() >> 20);
		line("Runs: %,d = %d prompts x %d versions x %d settings x %d samples", total, PROMPTS, MODELS, SETTINGS.length,
				samples);

		IntFunction<String> lineOf = i -> ndjson(i, samples);
		String auth = "Basic "
				+ Base64.getEncoder().encodeToString("admin:admin-test-password".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> probe = post("/api/v1/imports?dataset=bench", auth, lineOf.apply(0) + "\n");
		if (probe.statusCode() / 100 != 2) {
			throw new IllegalStateException("import probe: " + probe.statusCode() + " " + probe.body());
		}
		// a client importing an NDJSON file it has: the lines are written once (kept in
		// target/ for the next run of the same size), then sent in requests of `chunk`
		// lines as they are read
		// with a kept cluster (-Dapp.embedded-db.ephemeral=false -Dapp.data-dir=...) a
		// second run measures the same history without importing it again: the table is
		// then quiet (no autovacuum of a fresh import)
		long stored = this.jdbc.sql("select count(*) from runs where dataset = 'bench'").query(Long.class).single();
		boolean reuse = Boolean.getBoolean("bench.reuse") && stored >= total;
		if (reuse) {
			line("Import skipped (bench.reuse): the kept database already holds %,d runs of dataset bench", stored);
		}
		Path file = Path.of("target", "bench-import-" + total + ".ndjson");
		if (!reuse && !Files.exists(file)) {
			long g0 = System.nanoTime();
			Path partial = Path.of(file + ".partial");
			try (java.io.BufferedWriter out = Files.newBufferedWriter(partial)) {
				for (int i = 0; i < total; i++) {
					out.write(lineOf.apply(i));
					out.write('\n');
				}
			}
			Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			line("Import file written (not timed below): %,d MB in %.1f s", Files.size(file) >> 20,
					(System.nanoTime() - g0) / 1e9);
		}
		int chunk = 20_000;
		boolean importOnly = Boolean.getBoolean("bench.import-only");
		if (importOnly) {
			// time spent in the summary trigger, as PostgreSQL counts it per function
			this.jdbc.sql("alter system set track_functions = 'pl'").update();
			this.jdbc.sql("select pg_reload_conf()").query(Boolean.class).single();
			this.jdbc.sql("select pg_stat_reset()").query(Object.class).list();
			this.jdbc.sql("select pg_stat_reset_shared('bgwriter')").query(Object.class).list();
		}
		String wal0 = this.jdbc.sql("select pg_current_wal_lsn()::text").query(String.class).single();
		// the rate of each tenth of the import: how it changes as runs grows
		List<String> tenths = new ArrayList<>();
		// CPU time of PostgreSQL (every process of the server) and of this JVM per run:
		// what an import costs, less noisy than the wall clock on a shared machine
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		long pgCpu = postgresCpuNanos();
		long jvmCpu = os.getProcessCpuTime();
		long pgCpu0 = pgCpu;
		long jvmCpu0 = jvmCpu;
		long tenthStart = System.nanoTime();
		int tenthDone = 0;
		long start = System.nanoTime();
		long inEndpoint = 0;
		int done = 0;
		try (java.io.BufferedReader in = reuse ? new java.io.BufferedReader(new java.io.StringReader(""))
				: Files.newBufferedReader(file)) {
			StringBuilder body = new StringBuilder(chunk * 300);
			while (!reuse && done < total && (System.nanoTime() - start) / 1e9 < maxSeconds) {
				body.setLength(0);
				int lines = 0;
				String l;
				while (lines < chunk && (l = in.readLine()) != null) {
					body.append(l).append('\n');
					lines++;
				}
				if (lines == 0) {
					break;
				}
				long p0 = System.nanoTime();
				HttpResponse<String> r = post("/api/v1/imports?dataset=bench", auth, body.toString());
				inEndpoint += System.nanoTime() - p0;
				if (r.statusCode() / 100 != 2) {
					throw new IllegalStateException("import chunk at " + done + ": " + r.statusCode() + " " + r.body());
				}
				done += lines;
				if (done - tenthDone >= total / 10 || done == total) {
					long pgNow = postgresCpuNanos();
					long jvmNow = os.getProcessCpuTime();
					tenths.add(String.format(Locale.ROOT, "%,.0f (%.0f + %.0f)",
							(done - tenthDone) / ((System.nanoTime() - tenthStart) / 1e9),
							(pgNow - pgCpu) / 1e3 / (done - tenthDone), (jvmNow - jvmCpu) / 1e3 / (done - tenthDone)));
					pgCpu = pgNow;
					jvmCpu = jvmNow;
					tenthStart = System.nanoTime();
					tenthDone = done;
				}
			}
		}
		double importSeconds = (System.nanoTime() - start) / 1e9;
		double endpointSeconds = inEndpoint / 1e9;
		if (!reuse) {
			line("Import via POST /api/v1/imports (%,d-line requests read from the file): %,d runs in %.1f s"
					+ " = %,.0f runs/s in the endpoint; %.1f s = %,.0f runs/s end to end from the client%s", chunk,
					done, endpointSeconds, done / endpointSeconds, importSeconds, done / importSeconds,
					done < total ? " (stopped at the time cap of " + maxSeconds + " s)" : "");
			line("Import runs/s end to end per tenth of the runs (CPU µs per run of PostgreSQL + of this JVM): %s",
					String.join(", ", tenths));
			line("Import CPU: PostgreSQL %.1f s, this JVM (server and client) %.1f s", (pgCpu - pgCpu0) / 1e9,
					(jvmCpu - jvmCpu0) / 1e9);
			importStatistics(wal0);
		}
		if (importOnly) {
			this.jdbc.sql("alter system reset track_functions").update();
			this.jdbc.sql("select pg_reload_conf()").query(Boolean.class).single();
			Files.writeString(Path.of("target", "benchmark.md"), this.report.toString());
			System.out.println(this.report);
			return;
		}

		// the scheduled stamper may hold the lock: retry until this call is the one
		// that refreshes
		long t0 = System.nanoTime();
		while (!this.stamper.refreshNow(true)) {
			Thread.sleep(20);
			t0 = System.nanoTime();
		}
		line("New summary version after the import (the import's own transactions kept the summary): %.2f s",
				(System.nanoTime() - t0) / 1e9);
		long summaryRows = this.jdbc.sql("select count(*) from config_prompt_stats").query(Long.class).single();
		line("Summary rows: %,d", summaryRows);

		String lb = "/api/v1/leaderboard";
		long c0 = System.nanoTime();
		HttpResponse<byte[]> first = getBytes(lb);
		line("Leaderboard cold (first request after refresh): %.1f ms, %,d bytes, status %d",
				(System.nanoTime() - c0) / 1e6, first.body().length, first.statusCode());
		StaticJson.body = first.body();
		// interleaved, so background work after the import (autovacuum, statistics)
		// weighs on both alike
		measurePair("Leaderboard warm (cache hit)", lb, "Static response of the same bytes", "/api/v1/bench-static",
				300);
		measure("Leaderboard warm, category=math", lb + "?category=math", 300);

		String scaling = "/api/v1/scaling?model=external/bench-m0";
		long s0 = System.nanoTime();
		HttpResponse<byte[]> sc = getBytes(scaling);
		line("Scaling cold: %.1f ms (status %d, %,d bytes)", (System.nanoTime() - s0) / 1e6, sc.statusCode(),
				sc.body().length);
		measure("Scaling warm", scaling, 300);
		for (String fig : List.of("variance", "length", "parallel", "timeline", "adaptive")) {
			long f0 = System.nanoTime();
			HttpResponse<byte[]> r = getBytes("/api/v1/" + fig + "?model=external/bench-m0");
			line("%s cold (one config's runs): %.1f ms (status %d)", fig, (System.nanoTime() - f0) / 1e6,
					r.statusCode());
		}
		line("Cache: %d hits, %d misses", this.cache.hits(), this.cache.misses());
		underWrites(Integer.getInteger("bench.write-seconds", 60), samples);
		Path out = Path.of("target", "benchmark.md");
		Files.writeString(out, this.report.toString());
		System.out.println(this.report);
	}

	/**
	 * CPU time of the embedded PostgreSQL so far: the postmaster, its live processes and
	 * those it reaped (autovacuum workers), from /proc (Linux, 100 ticks a second); -1
	 * elsewhere.
	 */
	private long postgresCpuNanos() {
		try {
			String dir = this.jdbc.sql("show data_directory").query(String.class).single();
			long pid = Long.parseLong(Files.readAllLines(Path.of(dir, "postmaster.pid")).get(0).trim());
			long ticks = procTicks(pid, true);
			for (String child : Files.readString(Path.of("/proc", "" + pid, "task", "" + pid, "children"))
				.trim()
				.split("\\s+")) {
				if (!child.isEmpty()) {
					ticks += procTicks(Long.parseLong(child), false);
				}
			}
			return ticks * 10_000_000L;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	private static long procTicks(long pid, boolean withReaped) throws IOException {
		String stat;
		try {
			stat = Files.readString(Path.of("/proc", "" + pid, "stat"));
		}
		catch (java.nio.file.NoSuchFileException ex) {
			return 0; // ended meanwhile: counted by its parent
		}
		String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// fields 14-17 of proc(5): utime, stime, cutime, cstime (f[0] is field 3)
		long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
		return withReaped ? ticks + Long.parseLong(f[13]) + Long.parseLong(f[14]) : ticks;
	}

	/**
	 * What the import cost PostgreSQL: WAL, checkpoints, autovacuum and analyze of runs,
	 * the size of each index of runs, and (with {@code bench.import-only}) the time in
	 * the summary trigger.
	 */
	private void importStatistics(String wal0) {
		line("Import WAL: %,d MB; checkpoints timed / requested: %s",
				this.jdbc.sql("select (pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn) / 1048576)::bigint")
					.param(wal0)
					.query(Long.class)
					.single(),
				this.jdbc.sql("select checkpoints_timed || ' / ' || checkpoints_req from pg_stat_bgwriter")
					.query(String.class)
					.single());
		line("runs: %s",
				this.jdbc
					.sql("select 'autovacuum ' || autovacuum_count || ', autoanalyze ' || autoanalyze_count"
							+ " || ', analyze ' || analyze_count || ', table ' || pg_size_pretty(pg_table_size('runs'))"
							+ " from pg_stat_user_tables where relname = 'runs'")
					.query(String.class)
					.single());
		line("Indexes of runs: %s", String.join(", ", this.jdbc
			.sql("select indexrelname || ' ' || pg_size_pretty(pg_relation_size(indexrelid))"
					+ " from pg_stat_user_indexes where relname = 'runs' order by pg_relation_size(indexrelid) desc")
			.query(String.class)
			.list()));
		List<String> functions = this.jdbc
			.sql("select funcname || ' ' || calls || ' calls, ' || round(total_time::numeric) || ' ms'"
					+ " from pg_stat_user_functions where calls > 0 order by total_time desc")
			.query(String.class)
			.list();
		if (!functions.isEmpty()) {
			line("Trigger functions: %s", String.join("; ", functions));
		}
	}

	/**
	 * Under writes (docs/benchmark.md): runs land at 20/s, in a plan's order over every
	 * version and setting, through the recorder's two statements (inserted queued, then
	 * marked SUCCEEDED with their tokens and score: the statements whose triggers keep
	 * the summary; no provider is called) while one reader polls the leaderboard, a model
	 * page, the scaling, drift and variance APIs and /actuator/health in turn. Freshness
	 * lag of a run: from its commit to the first leaderboard response whose as_of is
	 * later (a figure's as_of is when its computation started, so it includes every run
	 * committed before).
	 */
	private void underWrites(int seconds, int samples) throws Exception {
		line("");
		line("Under writes: 20 runs/s for %d s", seconds);
		List<Long> models = this.jdbc
			.sql("select id from model_versions where model_key like 'external/bench-m%' order by model_key")
			.query(Long.class)
			.list();
		List<Long> prompts = this.jdbc.sql("select id from prompts where prompt_key like 'bench-p%' order by id")
			.query(Long.class)
			.list();
		// time spent in the summary triggers, as PostgreSQL counts it per function
		// (superuser setting)
		this.jdbc.sql("alter system set track_functions = 'pl'").update();
		this.jdbc.sql("select pg_reload_conf()").query(Boolean.class).single();
		this.jdbc.sql("select pg_stat_reset()").query(Object.class).list();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		long cpu0 = os.getProcessCpuTime();
		long wall0 = System.nanoTime();
		ConcurrentLinkedQueue<long[]> commits = new ConcurrentLinkedQueue<>();
		List<Double> writeMs = Collections.synchronizedList(new ArrayList<>());
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		Thread writer = new Thread(() -> {
			int i = 0;
			long next = System.nanoTime();
			while (System.nanoTime() < end) {
				// in a plan's order (RunQueue: prompt, then version, then setting), so
				// every config of every version receives runs, a few per summary version
				long prompt = prompts.get(i / (models.size() * SETTINGS.length) % prompts.size());
				long model = models.get(i / SETTINGS.length % models.size());
				String setting = SETTINGS[i % SETTINGS.length];
				long id = this.jdbc
					.sql("insert into runs (idempotency_key, prompt_id, model_id, setting, sample, dataset)"
							+ " values (?, ?, ?, ?, ?, 'bench') returning id")
					.params("bench-live-" + System.nanoTime() + "-" + i, prompt, model, setting, samples + i)
					.query(Long.class)
					.single();
				long w0 = System.nanoTime();
				this.jdbc
					.sql("update runs set status = 'SUCCEEDED', input_tokens = 50, output_tokens = ?,"
							+ " reasoning_tokens = 0, cost_usd = 0.001, score = ?, finished_at = now() where id = ?")
					.params(150 + i % 300, i % 2, id)
					.update();
				long committed = System.currentTimeMillis();
				writeMs.add((System.nanoTime() - w0) / 1e6);
				commits.add(new long[] { committed, -1, -1 });
				i++;
				next += 50_000_000L;
				long sleep = next - System.nanoTime();
				if (sleep > 0) {
					LockSupport.parkNanos(sleep);
				}
			}
		}, "bench-writer");
		String[] paths = { "/api/v1/leaderboard", "/models/external/bench-m0",
				"/api/v1/scaling?model=external/bench-m0", "/api/v1/drift?from=external/bench-m1&to=external/bench-m0",
				"/api/v1/variance?model=external/bench-m0", "/actuator/health" };
		Map<String, List<Double>> latency = new LinkedHashMap<>();
		for (String p : paths) {
			latency.put(p, new ArrayList<>());
		}
		List<Double> lags = new ArrayList<>();
		WindowTrace trace = new WindowTrace(System.nanoTime(), System.currentTimeMillis());
		this.stamper.onTick((made, nanos) -> trace.ticks.add(new long[] { System.nanoTime(), nanos, made ? 1 : 0 }));
		this.cache.onComputed((trigger, nanos) -> trace.computations
			.add(new long[] { System.nanoTime(), nanos, WindowTrace.lane(trigger) }));
		Thread sampler = new Thread(() -> {
			while (System.nanoTime() < end) {
				// what PostgreSQL does beside the writes: autovacuum workers, a
				// checkpoint
				String busy = this.jdbc.sql("""
						select coalesce(string_agg(case when backend_type = 'autovacuum worker'
						                                then regexp_replace(query, '^autovacuum: ', '')
						                                else backend_type || ' ' || wait_event end, '; '), '')
						  from pg_stat_activity
						 where backend_type = 'autovacuum worker'
						    or (backend_type = 'checkpointer' and wait_event is distinct from 'CheckpointerMain')""")
					.query(String.class)
					.single();
				trace.database.add(new Object[] { System.nanoTime(), busy });
				LockSupport.parkNanos(250_000_000L);
			}
		}, "bench-sampler");
		sampler.setDaemon(true);
		sampler.start();
		writer.start();
		int k = 0;
		while (System.nanoTime() < end) {
			String p = paths[k++ % paths.length];
			long t = System.nanoTime();
			HttpResponse<byte[]> r = getBytes(p);
			long received = System.currentTimeMillis();
			latency.get(p).add((System.nanoTime() - t) / 1e6);
			if (r.statusCode() != 200) {
				throw new IllegalStateException(p + ": " + r.statusCode());
			}
			if (p.equals("/api/v1/leaderboard")) {
				long asOf = Instant.parse(r.headers().firstValue("As-Of").orElseThrow()).toEpochMilli();
				for (long[] c : commits) {
					if (c[1] < 0 && asOf > c[0]) {
						c[1] = received;
						c[2] = asOf;
						lags.add((received - c[0]) / 1000.0);
					}
				}
			}
		}
		writer.join();
		double wallSeconds = (System.nanoTime() - wall0) / 1e9;
		double jvmCpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
		long figureCpu = Arrays.stream(threads.getAllThreadIds()).filter(id -> {
			ThreadInfo info = threads.getThreadInfo(id);
			return info != null && info.getThreadName().startsWith("figure-revalidate");
		}).map(threads::getThreadCpuTime).sum();
		long pending = commits.stream().filter(c -> c[1] < 0).count();
		for (Map.Entry<String, List<Double>> e : latency.entrySet()) {
			line("%s: %s", e.getKey(), percentiles(e.getValue(), " ms"));
		}
		line("Runs written: %d; the recorder's update statement (with the summary trigger): %s", commits.size(),
				percentiles(writeMs, " ms"));
		line("Freshness lag (commit to the first leaderboard response including it): %s (%d runs not yet seen at the end)",
				percentiles(lags, " s"), pending);
		trace.report(commits, this::line, Boolean.getBoolean("bench.trace"));
		Thread.sleep(1500); // sessions send their function statistics at most every 0.5 s
							// (PostgreSQL 14)
		List<String> upkeep = this.jdbc
			.sql("select funcname || ': ' || calls || ' calls, ' || round(self_time::numeric, 1) || ' ms self, '"
					+ " || round(total_time::numeric, 1) || ' ms total' from pg_stat_user_functions"
					+ " where funcname like 'config_%_stats_%' or funcname = 'apply_summary_changes' order by funcname")
			.query(String.class)
			.list();
		double upkeepMs = this.jdbc
			.sql("select coalesce(sum(self_time), 0) from pg_stat_user_functions"
					+ " where funcname like 'config_%_stats_%' or funcname = 'apply_summary_changes'")
			.query(Double.class)
			.single();
		line("Summary upkeep in PostgreSQL (pg_stat_user_functions): %s", String.join("; ", upkeep));
		line("Summary upkeep: %.1f ms in %.0f s = %.2f %% of one core, %.3f ms per run written", upkeepMs, wallSeconds,
				upkeepMs / 10 / wallSeconds, commits.isEmpty() ? 0 : upkeepMs / commits.size());
		line("JVM CPU during the writes (server, reader and writer together): %.1f s in %.0f s = %.0f %% of one core;"
				+ " figure recomputes (threads figure-revalidate*, since start): %.1f s", jvmCpuSeconds, wallSeconds,
				100 * jvmCpuSeconds / wallSeconds, figureCpu / 1e9);
		this.jdbc.sql("alter system reset track_functions").update();
		this.jdbc.sql("select pg_reload_conf()").query(Boolean.class).single();
		// background recomputes may still be allocating: the old generation after two
		// full collections is what the server keeps
		System.gc();
		Thread.sleep(200);
		System.gc();
		long old = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(p -> p.getName().contains("Old Gen"))
			.mapToLong(p -> p.getUsage().getUsed())
			.sum();
		line("Heap used after GC: %d MB (old generation %d MB)",
				ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20, old >> 20);
		if (Boolean.getBoolean("bench.histogram")) {
			Process jcmd = new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()),
					"GC.class_histogram")
				.redirectErrorStream(true)
				.start();
			String histogram = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			histogram.lines().limit(25).forEach(l -> line("    %s", l));
		}
		line("Database size: %d MB",
				this.jdbc.sql("select pg_database_size(current_database())").query(Long.class).single() >> 20);
	}

	/**
	 * What made a freshness lag during the write window: when the summary version that
	 * served a run was made (commit to {@code as_of}) and when a leaderboard recompute
	 * served it ({@code as_of} to the response), the stamper's ticks, each lane's
	 * recomputes and what PostgreSQL did beside the writes; with {@code bench.trace} per
	 * second of the window.
	 */
	static final class WindowTrace {

		static final String[] LANES = { "first", "quick", "slow", "reader" };

		final long startNanos;

		final long startMillis;

		/** End (nanoTime), duration, whether it made a version. */
		final ConcurrentLinkedQueue<long[]> ticks = new ConcurrentLinkedQueue<>();

		/** End (nanoTime), duration, lane (index of LANES). */
		final ConcurrentLinkedQueue<long[]> computations = new ConcurrentLinkedQueue<>();

		/** Sampled at (nanoTime), autovacuum workers' and the checkpointer's work. */
		final ConcurrentLinkedQueue<Object[]> database = new ConcurrentLinkedQueue<>();

		WindowTrace(long startNanos, long startMillis) {
			this.startNanos = startNanos;
			this.startMillis = startMillis;
		}

		static long lane(String trigger) {
			if (!"background".equals(trigger)) {
				return 3;
			}
			if (Thread.currentThread().getName().equals("figure-revalidate-first")) {
				return 0;
			}
			return Thread.currentThread().getName().endsWith("-slow") ? 2 : 1;
		}

		void report(java.util.Collection<long[]> commits, java.util.function.BiConsumer<String, Object[]> out,
				boolean perSecond) {
			List<Double> version = new ArrayList<>();
			List<Double> serve = new ArrayList<>();
			for (long[] c : commits) {
				if (c[1] >= 0) {
					version.add((c[2] - c[0]) / 1000.0);
					serve.add((c[1] - c[2]) / 1000.0);
				}
			}
			out.accept("Lag split: commit to the as_of that served it %s; as_of to the response %s",
					new Object[] { percentiles(version, " s"), percentiles(serve, " s") });
			List<Double> tickMs = new ArrayList<>();
			long lastTick = this.startNanos;
			double maxGap = 0;
			for (long[] t : this.ticks) {
				tickMs.add(t[1] / 1e6);
				maxGap = Math.max(maxGap, (t[0] - t[1] - lastTick) / 1e9);
				lastTick = t[0];
			}
			out.accept("Refresher ticks: %s; longest pause between ticks %.2f s",
					new Object[] { percentiles(tickMs, " ms"), maxGap });
			for (int lane = 0; lane < LANES.length; lane++) {
				List<Double> ms = new ArrayList<>();
				for (long[] c : this.computations) {
					if (c[2] == lane) {
						ms.add(c[1] / 1e6);
					}
				}
				out.accept("Recomputes, %s lane: %s (max %.0f ms)", new Object[] { LANES[lane], percentiles(ms, " ms"),
						ms.stream().mapToDouble(Double::doubleValue).max().orElse(0) });
			}
			long sampled = this.database.size();
			long busy = this.database.stream().filter(d -> !((String) d[1]).isEmpty()).count();
			out.accept("PostgreSQL beside the writes: autovacuum or checkpoint in %d of %d samples",
					new Object[] { busy, sampled });
			if (!perSecond) {
				return;
			}
			int seconds = (int) ((System.nanoTime() - this.startNanos) / 1_000_000_000L) + 1;
			for (int sec = 0; sec < seconds; sec++) {
				long from = this.startNanos + sec * 1_000_000_000L;
				long to = from + 1_000_000_000L;
				long fromMs = this.startMillis + sec * 1000L;
				double maxLag = 0;
				double maxVersion = 0;
				int runs = 0;
				for (long[] c : commits) {
					if (c[0] >= fromMs && c[0] < fromMs + 1000 && c[1] >= 0) {
						runs++;
						maxLag = Math.max(maxLag, (c[1] - c[0]) / 1000.0);
						maxVersion = Math.max(maxVersion, (c[2] - c[0]) / 1000.0);
					}
				}
				int versions = 0;
				long maxTick = 0;
				for (long[] t : this.ticks) {
					if (t[0] >= from && t[0] < to) {
						versions += (int) t[2];
						maxTick = Math.max(maxTick, t[1]);
					}
				}
				StringBuilder lanes = new StringBuilder();
				for (int lane = 0; lane < LANES.length; lane++) {
					int n = 0;
					long max = 0;
					for (long[] c : this.computations) {
						if (c[2] == lane && c[0] >= from && c[0] < to) {
							n++;
							max = Math.max(max, c[1]);
						}
					}
					if (n > 0) {
						lanes.append(String.format(Locale.ROOT, " %s %d×≤%.0fms", LANES[lane], n, max / 1e6));
					}
				}
				java.util.Set<String> db = new java.util.TreeSet<>();
				for (Object[] d : this.database) {
					long at = (Long) d[0];
					if (at >= from && at < to && !((String) d[1]).isEmpty()) {
						db.add((String) d[1]);
					}
				}
				out.accept("    %3ds: %2d runs, lag ≤%.2f s (version ≤%.2f s), %d versions (tick ≤%.0f ms),%s%s",
						new Object[] { sec, runs, maxLag, maxVersion, versions, maxTick / 1e6, lanes,
								db.isEmpty() ? "" : ", db: " + String.join(" | ", db) });
			}
		}

	}

	private static String percentiles(List<Double> values, String unit) {
		if (values.isEmpty()) {
			return "none";
		}
		double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return String.format(Locale.ROOT, "p50 %.2f%s, p95 %.2f%s (n = %d)", v[v.length / 2], unit,
				v[(int) Math.ceil(v.length * 0.95) - 1], unit, v.length);
	}

	/** Like {@link #measure} for two paths, alternating their requests. */
	private void measurePair(String labelA, String pathA, String labelB, String pathB, int n) throws Exception {
		for (int i = 0; i < n; i++) {
			getBytes(pathA);
			getBytes(pathB);
		}
		double[] a = new double[n];
		double[] b = new double[n];
		for (int i = 0; i < n; i++) {
			a[i] = timed(pathA);
			b[i] = timed(pathB);
		}
		Arrays.sort(a);
		Arrays.sort(b);
		line("%s: p50 %.2f ms, p95 %.2f ms (n = %d)", labelA, a[n / 2], a[(int) Math.ceil(n * 0.95) - 1], n);
		line("%s: p50 %.2f ms, p95 %.2f ms (n = %d)", labelB, b[n / 2], b[(int) Math.ceil(n * 0.95) - 1], n);
		line("Ratio leaderboard / static: p50 %.2f, p95 %.2f", a[n / 2] / b[n / 2],
				a[(int) Math.ceil(n * 0.95) - 1] / b[(int) Math.ceil(n * 0.95) - 1]);
	}

	private double timed(String path) throws Exception {
		long t = System.nanoTime();
		HttpResponse<byte[]> r = getBytes(path);
		double ms = (System.nanoTime() - t) / 1e6;
		if (r.statusCode() != 200) {
			throw new IllegalStateException(path + ": " + r.statusCode());
		}
		return ms;
	}

	/**
	 * Times n requests after as many untimed ones, so every path is measured with its
	 * code paths compiled.
	 */
	private void measure(String label, String path, int n) throws Exception {
		for (int i = 0; i < n; i++) {
			getBytes(path);
		}
		double[] ms = new double[n];
		for (int i = 0; i < n; i++) {
			long t = System.nanoTime();
			HttpResponse<byte[]> r = getBytes(path);
			ms[i] = (System.nanoTime() - t) / 1e6;
			if (r.statusCode() != 200) {
				throw new IllegalStateException(path + ": " + r.statusCode());
			}
		}
		if (n < 10) {
			return;
		}
		Arrays.sort(ms);
		line("%s: p50 %.2f ms, p95 %.2f ms (n = %d)", label, ms[n / 2], ms[(int) Math.ceil(n * 0.95) - 1], n);
	}

	/**
	 * Run i: models slowest-varying, then settings, prompts, samples; numbers from a
	 * seeded generator.
	 */
	static String ndjson(int i, int samples) {
		int sample = i % samples;
		int prompt = (i / samples) % PROMPTS;
		int setting = (i / samples / PROMPTS) % SETTINGS.length;
		int model = i / samples / PROMPTS / SETTINGS.length;
		SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L + 17);
		double difficulty = (prompt % 10) / 10.0;
		long output = Math.round((200 + 40 * prompt % 300) * Math.pow(2, setting) * (0.7 + 0.6 * r.nextDouble()));
		long reasoning = setting == 0 ? 0 : output / 2;
		double p = Math.min(0.97, Math.max(0.03, 0.9 - difficulty + 0.04 * setting + 0.02 * model));
		int score = r.nextDouble() < p ? 1 : 0;
		Instant finished = Instant.parse("2026-01-05T00:00:00Z").plusSeconds(3600L * (sample * 24 + prompt % 24));
		return String.format(Locale.ROOT,
				"{\"prompt_key\":\"bench-p%d\",\"prompt_text\":\"Benchmark prompt %d: what is %d + %d?\",\"category\":\"%s\","
						+ "\"model\":\"external/bench-m%d\",\"setting\":\"%s\",\"sample\":%d,\"input_tokens\":%d,"
						+ "\"output_tokens\":%d,\"reasoning_tokens\":%d,\"score\":%d,\"latency_ms\":%d,\"cost_usd\":%.6f,"
						+ "\"finished_at\":\"%s\"}",
				prompt, prompt, prompt, prompt + 1, CATEGORIES[prompt % CATEGORIES.length], model, SETTINGS[setting],
				sample, 40 + prompt % 60, output, reasoning, score, 200 + output, output * 1e-5, finished);
	}

	// ---------------------------------------------------------------- HTTP

	private HttpResponse<String> post(String path, String auth, String body) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", auth)
			.header("Content-Type", "application/x-ndjson")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private void line(String format, Object... args) {
		this.report.append("- ").append(String.format(Locale.ROOT, format, args)).append('\n');
	}

}
