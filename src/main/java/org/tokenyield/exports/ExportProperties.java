package org.tokenyield.exports;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code app.exports.*}: when an instance looks for a finished UTC day without a
 * snapshot, and how its files are stored.
 *
 * @param firstCheck after the start
 * @param check then every
 * @param chunkSize the gzipped bytes of a file per stored chunk (one row of
 * {@code export_file_chunks}): what a snapshot or a download holds in memory at once per
 * file, whatever the number of runs
 */
@ConfigurationProperties("app.exports")
public record ExportProperties(@DefaultValue("PT2M") Duration firstCheck, @DefaultValue("PT1H") Duration check,
		@DefaultValue("1MB") DataSize chunkSize) {

	public ExportProperties {
		if (chunkSize.toBytes() < 1 || chunkSize.toBytes() > DataSize.ofMegabytes(256).toBytes()) {
			throw new IllegalArgumentException("app.exports.chunk-size must be between 1B and 256MB, got " + chunkSize);
		}
	}

}
