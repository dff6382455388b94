package org.tokenyield.system;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class PageModel {

	private final SimulatedVisibility visibility;

	PageModel(SimulatedVisibility visibility) {
		this.visibility = visibility;
	}

	@ModelAttribute("demoMode")
	boolean demoMode() {
		return this.visibility.showsSimulated();
	}

}
