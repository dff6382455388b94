package org.tokenyield.exports.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.tokenyield.exports.MethodologyChangelog;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /methodology/changelog}: every change to how a figure is computed, newest first.
 */
@Controller
class ChangelogPage {

	private final MethodologyChangelog changelog;

	ChangelogPage(MethodologyChangelog changelog) {
		this.changelog = changelog;
	}

	@GetMapping("/methodology/changelog")
	String changelog(Model model) {
		List<MethodologyChangelog.Change> newestFirst = new ArrayList<>(this.changelog.changes());
		Collections.reverse(newestFirst);
		model.addAttribute("changes", newestFirst);
		return "methodology-changelog";
	}

}
