package org.tokenyield.system;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The system module's settings under {@code app}: the demo switch, the public base URL
 * and the request body limits. Other modules bind their own keys under the same prefixes
 * ({@code app.limits.sign-ups-per-hour} and the like); each record takes only its own
 * keys.
 *
 * @param demo {@code app.demo}: simulated versions in public figures. Read only by
 * {@link SimulatedVisibility} (ArchitectureTests keeps it so)
 * @param publicBaseUrl {@code app.public-base-url}: where readers reach the site, the
 * start of every absolute link ({@link PublicBaseUrl}); never taken from a request
 * @param limits {@code app.limits.max-body}, {@code max-import} and {@code body-deadline}
 */
@ConfigurationProperties("app")
@Validated
public record SystemProperties(@DefaultValue("false") boolean demo,
		@DefaultValue("http://localhost:8080") String publicBaseUrl, @DefaultValue @Valid BodyLimits limits) {

	public SystemProperties {
		publicBaseUrl = publicBaseUrl == null ? null : publicBaseUrl.strip().replaceAll("/+$", "");
	}

	// an absolute link needs a scheme and a host; a path, query or user part would be
	// repeated in every link
	@AssertTrue(message = "app.public-base-url must be an absolute http(s) URL without path, query or user, "
			+ "like https://tokenyield.example")
	boolean isPublicBaseUrlAbsolute() {
		if (this.publicBaseUrl == null) {
			return false;
		}
		try {
			URI uri = new URI(this.publicBaseUrl);
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
					&& uri.getRawUserInfo() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
					&& uri.getRawQuery() == null && uri.getRawFragment() == null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/**
	 * The largest request bodies {@link RequestSizeLimit} lets through, and how long one
	 * may take to arrive.
	 *
	 * @param maxBody JSON, form and upload requests (a prompt is at most 20,000
	 * characters)
	 * @param maxImport the import API and the import page, which stream
	 * @param bodyDeadline how long a body (all but an import's file) may take from the
	 * request's start; a slower one is cut (408) and its connection closed
	 */
	record BodyLimits(@DefaultValue("1MB") DataSize maxBody, @DefaultValue("4GB") DataSize maxImport,
			@DefaultValue("30s") Duration bodyDeadline) {

		// a limit of 0 bytes would refuse every request with a body
		@AssertTrue(message = "app.limits.max-body must be positive")
		boolean isMaxBodyPositive() {
			return this.maxBody.toBytes() > 0;
		}

		@AssertTrue(message = "app.limits.max-import must be positive")
		boolean isMaxImportPositive() {
			return this.maxImport.toBytes() > 0;
		}

		@AssertTrue(message = "app.limits.body-deadline must be positive")
		boolean isBodyDeadlinePositive() {
			return !this.bodyDeadline.isNegative() && !this.bodyDeadline.isZero();
		}

	}

}
