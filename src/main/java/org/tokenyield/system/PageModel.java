package org.tokenyield.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class PageModel {

	private final boolean demo;

	PageModel(@Value("${app.demo:false}") boolean demo) {
		this.demo = demo;
	}

	@ModelAttribute("demoMode")
	boolean demoMode() {
		return this.demo;
	}

}
