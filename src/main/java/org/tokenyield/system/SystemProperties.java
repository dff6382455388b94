package org.tokenyield.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The system module's settings under {@code app}: the demo switch and the request body
 * limits. Other modules bind their own keys under the same prefixes
 * ({@code app.limits.sign-ups-per-hour} and the like); each record takes only its own
 * keys.
 *
 * @param demo {@code app.demo}: simulated versions in public figures. Read only by
 * {@link SimulatedVisibility} (ArchitectureTests keeps it so)
 * @param limits {@code app.limits.max-body} and {@code app.limits.max-import}
 */
@ConfigurationProperties("app")
@Validated
public record SystemProperties(@DefaultValue("false") boolean demo, @DefaultValue @Valid BodyLimits limits) {

	/**
	 * The largest request bodies {@link RequestSizeLimit} lets through.
	 *
	 * @param maxBody JSON and form requests (a prompt is at most 20,000 characters)
	 * @param maxImport the import API and the import page, which stream
	 */
	record BodyLimits(@DefaultValue("1MB") DataSize maxBody, @DefaultValue("4GB") DataSize maxImport) {

		// a limit of 0 bytes would refuse every request with a body
		@AssertTrue(message = "app.limits.max-body must be positive")
		boolean isMaxBodyPositive() {
			return this.maxBody.toBytes() > 0;
		}

		@AssertTrue(message = "app.limits.max-import must be positive")
		boolean isMaxImportPositive() {
			return this.maxImport.toBytes() > 0;
		}

	}

}
