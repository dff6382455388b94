package org.tokenyield.exports;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.exports.*}: when an instance looks for a finished UTC day without a
 * snapshot.
 *
 * @param firstCheck after the start
 * @param check then every
 */
@ConfigurationProperties("app.exports")
public record ExportProperties(@DefaultValue("PT2M") Duration firstCheck, @DefaultValue("PT1H") Duration check) {
}
