package org.tokenyield.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An import's body copied to a temporary file as it arrives, its SHA-256 counted on the
 * way: harness logs are read twice (their header may come after the samples) and a
 * {@code .eval} zip needs random access, while memory holds only a buffer. The body's
 * size was bounded before it got here ({@code app.limits.max-import}).
 */
final class SpooledFile implements AutoCloseable {

	private final Path path;

	private final String sha256;

	private SpooledFile(Path path, String sha256) {
		this.path = path;
		this.sha256 = sha256;
	}

	static SpooledFile of(InputStream body) throws IOException {
		Path path = Files.createTempFile("tokenyield-import-", ".upload");
		try {
			MessageDigest digest = digest();
			try (InputStream in = new DigestInputStream(body, digest); OutputStream out = Files.newOutputStream(path)) {
				in.transferTo(out);
			}
			return new SpooledFile(path, HexFormat.of().formatHex(digest.digest()));
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(path);
			throw ex;
		}
	}

	static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Path path() {
		return this.path;
	}

	String sha256() {
		return this.sha256;
	}

	long size() throws IOException {
		return Files.size(this.path);
	}

	@Override
	public void close() throws IOException {
		Files.deleteIfExists(this.path);
	}

}
