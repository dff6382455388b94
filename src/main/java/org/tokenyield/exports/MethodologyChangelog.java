package org.tokenyield.exports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Every change to how a figure is computed, with its date
 * ({@code methodology/changelog.json}, edited in the same commit as the change). A
 * snapshot's manifest names the latest change in force on its date, so a reader knows
 * which rules reproduce it.
 */
@Component
public class MethodologyChangelog {

	/** One dated change. */
	public record Change(LocalDate date, String figure, String change) {

	}

	private final List<Change> changes;

	MethodologyChangelog(JsonMapper json) {
		try (InputStream in = new ClassPathResource("methodology/changelog.json").getInputStream()) {
			List<Change> read = json.readValue(in, new TypeReference<List<Change>>() {
			});
			this.changes = read.stream().sorted(Comparator.comparing(Change::date)).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("methodology/changelog.json is unreadable", ex);
		}
	}

	/** Oldest first. */
	public List<Change> changes() {
		return this.changes;
	}

	/** The date of the latest change on or before {@code date}, or "none". */
	public String versionOn(LocalDate date) {
		return this.changes.stream()
			.map(Change::date)
			.filter(d -> !d.isAfter(date))
			.max(Comparator.naturalOrder())
			.map(LocalDate::toString)
			.orElse("none");
	}

}
