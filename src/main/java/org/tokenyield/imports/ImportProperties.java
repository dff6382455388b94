package org.tokenyield.imports;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.imports.*} (the size limit of an import body, {@code app.limits.max-import},
 * is the system module's request limit).
 *
 * @param batchSize runs parsed, then written, together
 * @param writers batches of one import written at once, each in its own transaction
 * (docs/imports.md, "Batches in flight")
 * @param maxRejectedListed rejected lines listed in the answer (all are counted)
 * @param shippedDatasets {@code app.imports.shipped-datasets.*}: the real datasets loaded
 * at start ({@link ShippedDatasets})
 */
@ConfigurationProperties("app.imports")
@Validated
public record ImportProperties(@DefaultValue("10000") @Min(1) @Max(1_000_000) int batchSize,
		@DefaultValue("2") @Min(1) @Max(8) int writers, @DefaultValue("1000") @Min(0) int maxRejectedListed,
		@DefaultValue @Valid Shipped shippedDatasets) {

	/**
	 * @param enabled whether the start loads them (each start checks them again: a line
	 * stored before adds nothing)
	 * @param directory a folder holding {@code <name>/<data file>} for datasets whose
	 * data is not on the classpath beside their {@code dataset.json}; empty: the
	 * classpath only
	 */
	public record Shipped(@DefaultValue("true") boolean enabled, @DefaultValue("") String directory) {
	}

}
