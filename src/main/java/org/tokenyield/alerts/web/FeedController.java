package org.tokenyield.alerts.web;

import java.time.Instant;

import org.tokenyield.alerts.AlertLog;
import org.tokenyield.alerts.AtomFeed;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.system.NotFoundException;
import org.tokenyield.system.PublicBaseUrl;
import org.tokenyield.system.SimulatedVisibility;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /feed.atom} (every version) and {@code /models/{provider}/{model}/feed.atom}
 * (one).
 */
@RestController
class FeedController {

	static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

	/**
	 * The feed's {@code updated} before its first entry: the schema version that
	 * introduced it.
	 */
	private static final Instant STARTED = Instant.parse("2026-11-29T00:00:00Z");

	private final AlertLog alerts;

	private final CatalogService catalog;

	private final SimulatedVisibility visibility;

	private final PublicBaseUrl publicBaseUrl;

	FeedController(AlertLog alerts, CatalogService catalog, SimulatedVisibility visibility,
			PublicBaseUrl publicBaseUrl) {
		this.alerts = alerts;
		this.catalog = catalog;
		this.visibility = visibility;
		this.publicBaseUrl = publicBaseUrl;
	}

	@GetMapping("/feed.atom")
	ResponseEntity<String> all() {
		return feed("/feed.atom", "Token Yield: changes", null);
	}

	@GetMapping("/models/{provider}/{name}/feed.atom")
	ResponseEntity<String> model(@PathVariable String provider, @PathVariable String name) {
		String key = provider + "/" + name;
		ModelVersion version = this.catalog.find(key)
			.filter(v -> this.visibility.isPublic(v.simulated()))
			.orElseThrow(() -> new NotFoundException("No model version '" + key + "'"));
		return feed("/models/" + key + "/feed.atom", "Token Yield: changes of " + version.key(), version.key());
	}

	private ResponseEntity<String> feed(String self, String title, String modelKey) {
		// links name the configured site, never the Host a client sent
		return ResponseEntity.ok()
			.contentType(ATOM)
			.body(AtomFeed.write(this.publicBaseUrl.base(), self, title, this.alerts.recent(modelKey), STARTED));
	}

}
