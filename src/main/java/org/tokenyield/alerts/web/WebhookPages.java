package org.tokenyield.alerts.web;

import org.tokenyield.alerts.Webhooks;
import org.tokenyield.system.FormErrors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/webhooks} (admins only, under {@code /admin/**}): add, list and remove
 * webhooks.
 */
@Controller
class WebhookPages {

	private final Webhooks webhooks;

	WebhookPages(Webhooks webhooks) {
		this.webhooks = webhooks;
	}

	@GetMapping("/admin/webhooks")
	String list(Model model) {
		model.addAttribute("webhooks", this.webhooks.list());
		return "admin-webhooks";
	}

	/**
	 * The add form: a URL and an optional secret (empty: one is generated and shown
	 * once).
	 */
	record WebhookForm(String url, String secret) {
	}

	@PostMapping("/admin/webhooks")
	String add(@ModelAttribute WebhookForm form, BindingResult result, Model model, RedirectAttributes redirect) {
		var created = FormErrors.attempt(result, null, () -> this.webhooks.add(form.url(), form.secret()));
		if (created.isPresent()) {
			redirect.addFlashAttribute("created", created.get());
			return "redirect:/admin/webhooks";
		}
		model.addAttribute("error", FormErrors.summary(result));
		model.addAttribute("url", form.url());
		model.addAttribute("webhooks", this.webhooks.list());
		return "admin-webhooks";
	}

	@PostMapping("/admin/webhooks/{id}/delete")
	String remove(@PathVariable long id) {
		this.webhooks.remove(id);
		return "redirect:/admin/webhooks";
	}

}
