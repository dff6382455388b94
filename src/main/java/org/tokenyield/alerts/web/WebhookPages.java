package org.tokenyield.alerts.web;

import org.tokenyield.alerts.Webhooks;
import org.tokenyield.alerts.Webhooks.Created;
import org.tokenyield.system.InvalidInputException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /admin/webhooks} (admins only, under {@code /admin/**}): add, list and remove webhooks. */
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

	@PostMapping("/admin/webhooks")
	String add(@RequestParam(required = false) String url, @RequestParam(required = false) String secret, Model model,
			RedirectAttributes redirect) {
		try {
			Created created = this.webhooks.add(url, secret);
			redirect.addFlashAttribute("created", created);
			return "redirect:/admin/webhooks";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("error", ex.getMessage());
			model.addAttribute("url", url);
			model.addAttribute("webhooks", this.webhooks.list());
			return "admin-webhooks";
		}
	}

	@PostMapping("/admin/webhooks/{id}/delete")
	String remove(@PathVariable long id) {
		this.webhooks.remove(id);
		return "redirect:/admin/webhooks";
	}

}
