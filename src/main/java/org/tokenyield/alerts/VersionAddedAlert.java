package org.tokenyield.alerts;

import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.catalog.ModelVersionAdded;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A new version is an alert, recorded in the transaction that adds it (all or nothing).
 */
@Component
class VersionAddedAlert {

	private final CatalogService catalog;

	private final AlertLog alerts;

	VersionAddedAlert(CatalogService catalog, AlertLog alerts) {
		this.catalog = catalog;
		this.alerts = alerts;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(ModelVersionAdded event) {
		ModelVersion v = this.catalog.require(event.key());
		String summary = "Version " + v.key() + " (family " + v.family() + ") was added"
				+ (v.predecessor() != null ? " as the successor of " + v.predecessor() : "") + "; settings "
				+ String.join(", ", v.settings()) + (v.simulated() ? " (simulated)" : "") + ".";
		this.alerts.record(AlertKind.VERSION_ADDED, v.key(), v.simulated(), "New version " + v.key(), summary,
				"version_added:" + v.key());
	}

}
