package org.tokenyield.exports;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tokenyield.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The daily export at scale (docs/exports.md "Measured"). Not part of the default build
 * (the name matches no surefire pattern, tagged "benchmark", skipped without
 * {@code -Dbenchmark=true}). Run it with a small heap to show the bound:
 * {@code ./mvnw -q -B test -Dtest=ExportBenchmark -Dbenchmark=true -Dbench.runs=1000000 -DargLine=-Xmx256m -Dsurefire.failIfNoSpecifiedTests=false}.
 * <p>
 * Writes the runs straight into the table with SQL (faster than the import API, and the
 * export reads the same rows either way), then takes the day's snapshot with the default
 * chunk size while sampling the heap, then downloads {@code runs.jsonl} and checks its
 * SHA-256.
 */
@IntegrationTest
@TestPropertySource(properties = { "app.exports.first-check=P1D", "app.exports.chunk-size=1MB" })
@Tag("benchmark")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ExportBenchmark {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ExportService exports;

	@Test
	void snapshotAtScale() throws Exception {
		int runs = Integer.getInteger("bench.runs", 1_000_000);
		LocalDate day = LocalDate.of(2001, 1, 1);
		print("max heap %d MB, %d CPUs", Runtime.getRuntime().maxMemory() >> 20,
				Runtime.getRuntime().availableProcessors());
		for (int m = 0; m < 5; m++) {
			this.jdbc.sql("""
					insert into model_versions (model_key, family, provider, api_model, settings, simulated, active)
					values (?, 'xbench', 'external', ?, array['default','thinking:1024','thinking:4096','effort:high'],
					        false, false)""").params("external/xbench-" + m, "xbench-" + m).update();
		}
		this.jdbc
			.sql("""
					insert into prompts (title, text, text_hash, category, grader, status, approved_at, source)
					select 'xbench ' || g, 'xbench prompt ' || g, md5('xbench' || g), (array['math','code','factual'])[1 + g % 3],
					       '{"type":"exact","expected":"42"}', 'APPROVED', now(), 'xbench'
					  from generate_series(1, 1000) g""")
			.update();
		long t0 = System.nanoTime();
		for (int from = 0; from < runs; from += 100_000) {
			this.jdbc
				.sql("""
						insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, simulated,
						                  input_tokens, output_tokens, reasoning_tokens, cost_usd, score, finish_reason,
						                  finished_at)
						select 'xbench-' || g, p.ids[1 + g % 1000], m.ids[1 + (g / 1000) % 5],
						       (array['default','thinking:1024','thinking:4096','effort:high'])[1 + (g / 5000) % 4], g / 20000,
						       'SUCCEEDED', 'bench', false, 100 + g % 900, 200 + (g * 7) % 4000,
						       case when g % 4 = 0 then null else (g * 3) % 200 end, 0.00001 * (1 + g % 997),
						       case when g % 9 = 0 then null else (g % 5) / 4.0 end, 'stop',
						       timestamp with time zone '2001-01-01 00:00:00Z' + g * interval '10 millisecond'
						  from generate_series(?, ?) g,
						       (select array_agg(id order by id) ids from prompts where source = 'xbench') p,
						       (select array_agg(id order by id) ids from model_versions where family = 'xbench') m""")
				.params(from, Math.min(runs, from + 100_000) - 1)
				.update();
		}
		print("inserted %,d runs in %.1f s", runs, (System.nanoTime() - t0) / 1e9);

		System.gc();
		long before = heapUsed();
		AtomicLong peak = new AtomicLong();
		AtomicLong peakAfterGc = new AtomicLong();
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				peak.accumulateAndGet(heapUsed(), Math::max);
				peakAfterGc.accumulateAndGet(heapAfterLastGc(), Math::max);
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		sampler.setDaemon(true);
		sampler.start();
		long t1 = System.nanoTime();
		ExportService.ExportSnapshot snapshot = this.exports.snapshot(day).orElseThrow();
		double seconds = (System.nanoTime() - t1) / 1e9;
		sampler.interrupt();
		sampler.join();
		print("snapshot of %,d runs in %.1f s; heap before %d MB, peak used %d MB, peak live after a GC %d MB",
				snapshot.runs(), seconds, before >> 20, peak.get() >> 20, peakAfterGc.get() >> 20);
		for (ExportService.ExportFile f : snapshot.files()) {
			long gzip = this.jdbc.sql("""
					select coalesce(sum(octet_length(content_gzip)), 0) from export_file_chunks
					 where snapshot_date = ? and name = ?""").params(day, f.name()).query(Long.class).single();
			long chunks = this.jdbc.sql("select count(*) from export_file_chunks where snapshot_date = ? and name = ?")
				.params(day, f.name())
				.query(Long.class)
				.single();
			print("%s: %,d bytes, %,d gzipped in %d chunks (%.1f gzipped bytes per run)", f.name(), f.bytes(), gzip,
					chunks, (double) gzip / snapshot.runs());
		}

		long t2 = System.nanoTime();
		HttpResponse<InputStream> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port
					+ snapshot.files()
						.stream()
						.filter(f -> f.name().equals("runs.jsonl"))
						.findFirst()
						.orElseThrow()
						.url()))
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		MessageDigest sha = MessageDigest.getInstance("SHA-256");
		long read = 0;
		try (InputStream in = response.body()) {
			byte[] buffer = new byte[1 << 16];
			for (int n; (n = in.read(buffer)) > 0;) {
				sha.update(buffer, 0, n);
				read += n;
			}
		}
		String hash = HexFormat.of().formatHex(sha.digest());
		print("downloaded runs.jsonl: %,d bytes in %.1f s, SHA-256 %s", read, (System.nanoTime() - t2) / 1e9,
				hash.equals(response.headers().firstValue("ETag").orElse("").replace("\"", "")) ? "matches the ETag"
						: "DIFFERS from the ETag");
	}

	private static long heapUsed() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static long heapAfterLastGc() {
		long used = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
				used += pool.getCollectionUsage().getUsed();
			}
		}
		return used;
	}

	private static void print(String format, Object... args) {
		System.out.println("[export-bench] " + String.format(Locale.ROOT, format, args));
	}

}
