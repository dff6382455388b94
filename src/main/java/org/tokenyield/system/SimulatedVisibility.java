package org.tokenyield.system;

import org.springframework.stereotype.Component;

/**
 * Whether readers see simulated versions (PRODUCT.md): only in demo mode, and then
 * labelled. The one place that reads {@code app.demo}; every page, API, figure query,
 * feed and export that shows or hides simulated data asks this class, so the rule cannot
 * drift between them.
 */
@Component
public class SimulatedVisibility {

	private final boolean demo;

	SimulatedVisibility(SystemProperties properties) {
		this.demo = properties.demo();
	}

	/**
	 * Demo mode: simulated versions, runs and figures are public (labelled simulated).
	 */
	public boolean showsSimulated() {
		return this.demo;
	}

	/** Whether a reader may see a thing that is or is not simulated. */
	public boolean isPublic(boolean simulated) {
		return this.demo || !simulated;
	}

}
