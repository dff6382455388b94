package org.tokenyield.exports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.tokenyield.exports.ExportService.ExportFile;
import org.tokenyield.exports.ExportService.ExportSnapshot;
import org.tokenyield.exports.ExportService.StoredFile;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tables {@code export_snapshots}, {@code export_files} and
 * {@code export_file_chunks} (which refuse updates and deletes): a snapshot is written
 * once, each file gzipped into chunks as it is written, and read back, chunk by chunk, as
 * the API lists and serves it.
 */
@Repository
class SnapshotRepository {

	private static final long LOCK = 0x7e11_0004L;

	private static final int GZIP_BUFFER = 64 * 1024;

	private final JdbcClient jdbc;

	SnapshotRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Waits for the transaction-scoped advisory lock of snapshot taking, so one instance
	 * at a time checks for a day and writes it.
	 */
	void lockForThisTransaction() {
		this.jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query((rs, i) -> 1).list();
	}

	/** Newest first. */
	List<LocalDate> dates() {
		return this.jdbc.sql("select snapshot_date from export_snapshots order by snapshot_date desc")
			.query(LocalDate.class)
			.list();
	}

	Optional<LocalDate> latestDate() {
		return this.jdbc.sql("select max(snapshot_date) from export_snapshots").query(LocalDate.class).optional();
	}

	Optional<ExportSnapshot> find(LocalDate date) {
		return this.jdbc.sql(
				"select snapshot_date, cutoff, runs, demo, manifest_sha256 from export_snapshots where snapshot_date = ?")
			.param(date)
			.query((rs, i) -> new ExportSnapshot(rs.getObject(1, LocalDate.class), rs.getTimestamp(2).toInstant(),
					rs.getInt(3), rs.getBoolean(4), rs.getString(5),
					ExportService.url(date, SnapshotBuilder.MANIFEST_JSON), files(date)))
			.optional();
	}

	/**
	 * A stored file, its content read when opened: chunk by chunk (or, for a file stored
	 * before chunks, its one gzipped value), each read on its own, so serving a file
	 * holds one chunk at a time and needs no transaction (the rows never change).
	 */
	Optional<StoredFile> file(LocalDate date, String name) {
		return this.jdbc.sql("""
				select name, content_type, bytes, sha256, content_gzip is null from export_files
				 where snapshot_date = ? and name = ?""")
			.params(date, name)
			.query((rs, i) -> new StoredFile(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
					rs.getBoolean(5) ? () -> gunzip(new ChunkInput(date, name)) : () -> gunzip(whole(date, name))))
			.optional();
	}

	private InputStream whole(LocalDate date, String name) {
		return new ByteArrayInputStream(
				this.jdbc.sql("select content_gzip from export_files where snapshot_date = ? and name = ?")
					.params(date, name)
					.query(byte[].class)
					.single());
	}

	private Optional<byte[]> chunk(LocalDate date, String name, int seq) {
		return this.jdbc
			.sql("select content_gzip from export_file_chunks where snapshot_date = ? and name = ? and seq = ?")
			.params(date, name, seq)
			.query(byte[].class)
			.optional();
	}

	/**
	 * A new file of a snapshot: what is written to it is gzipped and stored in chunks of
	 * {@code chunkSize} gzipped bytes as it comes, the last on close. Its
	 * {@code export_files} row follows with {@link #insert} in the same transaction (the
	 * chunks' foreign key is checked at commit).
	 */
	OutputStream newFile(LocalDate date, String name, int chunkSize) throws IOException {
		return new GZIPOutputStream(new ChunkOutput(date, name, chunkSize), GZIP_BUFFER);
	}

	/** The files of a snapshot but its manifest, by name. */
	private List<ExportFile> files(LocalDate date) {
		return this.jdbc
			.sql("select name, bytes, sha256 from export_files where snapshot_date = ? and name <> ? order by name")
			.params(date, SnapshotBuilder.MANIFEST_JSON)
			.query((rs, i) -> new ExportFile(rs.getString(1), rs.getLong(2), rs.getString(3),
					ExportService.url(date, rs.getString(1))))
			.list();
	}

	/**
	 * The snapshot's row and its files' rows, after the files' chunks ({@link #newFile}).
	 */
	void insert(SnapshotBuilder.Snapshot snapshot) {
		this.jdbc.sql(
				"insert into export_snapshots (snapshot_date, cutoff, runs, demo, manifest_sha256) values (?, ?, ?, ?, ?)")
			.params(snapshot.date(), java.sql.Timestamp.from(snapshot.cutoff()), snapshot.runs(), snapshot.demo(),
					snapshot.manifestSha256())
			.update();
		for (SnapshotBuilder.ManifestFile file : snapshot.files()) {
			this.jdbc.sql("""
					insert into export_files (snapshot_date, name, content_type, bytes, sha256)
					values (?, ?, ?, ?, ?)""")
				.params(snapshot.date(), file.name(), SnapshotBuilder.CONTENT_TYPES.get(file.name()), file.bytes(),
						file.sha256())
				.update();
		}
	}

	private static InputStream gunzip(InputStream gzipped) throws IOException {
		return new GZIPInputStream(gzipped, GZIP_BUFFER);
	}

	/** Gzipped bytes on their way into chunk rows. */
	private final class ChunkOutput extends OutputStream {

		private final LocalDate date;

		private final String name;

		private final byte[] chunk;

		private int filled;

		private int seq;

		ChunkOutput(LocalDate date, String name, int chunkSize) {
			this.date = date;
			this.name = name;
			this.chunk = new byte[chunkSize];
		}

		@Override
		public void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) {
			int written = 0;
			while (written < len) {
				int n = Math.min(len - written, this.chunk.length - this.filled);
				System.arraycopy(b, off + written, this.chunk, this.filled, n);
				this.filled += n;
				written += n;
				if (this.filled == this.chunk.length) {
					store();
				}
			}
		}

		@Override
		public void close() {
			if (this.filled > 0 || this.seq == 0) {
				store();
			}
		}

		private void store() {
			SnapshotRepository.this.jdbc.sql("""
					insert into export_file_chunks (snapshot_date, name, seq, content_gzip) values (?, ?, ?, ?)""")
				.params(this.date, this.name, this.seq, java.util.Arrays.copyOf(this.chunk, this.filled))
				.update();
			this.seq++;
			this.filled = 0;
		}

	}

	/** A stored file's chunks, read one at a time, in order, when needed. */
	private final class ChunkInput extends InputStream {

		private final LocalDate date;

		private final String name;

		private int next;

		private InputStream current = InputStream.nullInputStream();

		private boolean done;

		ChunkInput(LocalDate date, String name) {
			this.date = date;
			this.name = name;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (len == 0) {
				return 0;
			}
			while (!this.done) {
				int n = this.current.read(b, off, len);
				if (n > 0) {
					return n;
				}
				Optional<byte[]> chunk = chunk(this.date, this.name, this.next++);
				this.done = chunk.isEmpty();
				this.current = chunk.<InputStream>map(ByteArrayInputStream::new).orElse(InputStream.nullInputStream());
			}
			return -1;
		}

	}

}
