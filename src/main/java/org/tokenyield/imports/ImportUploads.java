package org.tokenyield.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Component;

/**
 * Uploads of the import page kept between their preview and the maintainer's
 * confirmation, so the file is sent once: each is a spooled file named by an unguessable
 * token, kept for its uploader only, for an hour at most; at most {@link #MAX_KEPT} wait
 * at once (the oldest goes first), so the disk they take stays bounded.
 */
@Component
class ImportUploads {

	static final int MAX_KEPT = 20;

	static final Duration KEPT_FOR = Duration.ofHours(1);

	private record Upload(SpooledFile file, long owner, Instant until) {
	}

	private final Map<String, Upload> uploads = new LinkedHashMap<>();

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	ImportUploads(Clock clock) {
		this.clock = clock;
	}

	synchronized String keep(InputStream body, long owner) throws IOException {
		expire();
		if (this.uploads.size() >= MAX_KEPT) {
			Iterator<Map.Entry<String, Upload>> oldest = this.uploads.entrySet().iterator();
			delete(oldest.next().getValue());
			oldest.remove();
		}
		SpooledFile file = SpooledFile.of(body);
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		String token = HexFormat.of().formatHex(bytes);
		this.uploads.put(token, new Upload(file, owner, this.clock.instant().plus(KEPT_FOR)));
		return token;
	}

	/** The upload, if it is still kept for this maintainer. */
	synchronized Optional<SpooledFile> find(String token, long owner) {
		expire();
		Upload upload = token == null ? null : this.uploads.get(token);
		return upload == null || upload.owner() != owner ? Optional.empty() : Optional.of(upload.file());
	}

	synchronized void forget(String token) {
		Upload upload = this.uploads.remove(token);
		if (upload != null) {
			delete(upload);
		}
	}

	private void expire() {
		Instant now = this.clock.instant();
		this.uploads.values().removeIf(upload -> {
			if (upload.until().isBefore(now)) {
				delete(upload);
				return true;
			}
			return false;
		});
	}

	private static void delete(Upload upload) {
		try {
			upload.file().close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@PreDestroy
	synchronized void deleteAll() {
		this.uploads.values().forEach(ImportUploads::delete);
		this.uploads.clear();
	}

}
