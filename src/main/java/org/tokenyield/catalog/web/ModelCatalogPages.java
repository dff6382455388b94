package org.tokenyield.catalog.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.catalog.NewModelVersion;
import org.tokenyield.catalog.Prices;
import org.tokenyield.system.ConflictException;
import org.tokenyield.system.InvalidInputException;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin model catalog: every version with its prices over time, a form to add a version
 * (settings a provider cannot take are refused with its reason, by {@link CatalogService#add})
 * and a form to add a price from a date.
 */
@Controller
class ModelCatalogPages {

	private final CatalogService catalog;

	ModelCatalogPages(CatalogService catalog) {
		this.catalog = catalog;
	}

	/** The add form as submitted; settings separated by commas. */
	record ModelForm(String key, String family, String predecessor, String provider, String apiModel, String settings,
			Integer samples, BigDecimal inputPerMtok, BigDecimal cachedInputPerMtok, BigDecimal outputPerMtok,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveFrom) {

		static ModelForm empty() {
			return new ModelForm("", "", "", "", "", "default", null, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
					null);
		}

	}

	record Row(ModelVersion model, List<Prices> prices) {
	}

	@GetMapping("/admin/models")
	String models(Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", ModelForm.empty());
		}
		model.addAttribute("rows",
				this.catalog.all().stream().map(m -> new Row(m, this.catalog.priceHistory(m.id()))).toList());
		model.addAttribute("providers", this.catalog.knownProviders());
		return "admin-models";
	}

	@PostMapping("/admin/models")
	String add(ModelForm form, Model model, RedirectAttributes redirect) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (blank(form.key()) || blank(form.family()) || blank(form.provider())) {
			errors.put("key", "key, family and provider are required");
		}
		List<String> settings = form.settings() == null ? List.of()
				: Arrays.stream(form.settings().split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
		if (settings.isEmpty()) {
			errors.put("settings", "at least one setting, e.g. default");
		}
		if (errors.isEmpty()) {
			try {
				Prices prices = new Prices(orZero(form.inputPerMtok()), orZero(form.cachedInputPerMtok()),
						orZero(form.outputPerMtok()), form.effectiveFrom());
				ModelVersion saved = this.catalog.add(new NewModelVersion(form.key().strip(), form.family().strip(),
						blank(form.predecessor()) ? null : form.predecessor().strip(), form.provider().strip(),
						blank(form.apiModel()) ? null : form.apiModel().strip(), settings, null, prices, true,
						form.samples()));
				redirect.addFlashAttribute("done", "Added " + saved.key() + "; its backfill is queued.");
				return "redirect:/admin/models";
			}
			catch (InvalidInputException ex) {
				errors.putAll(ex.fieldErrors().isEmpty() ? Map.of("form", ex.getMessage()) : ex.fieldErrors());
			}
			catch (ConflictException ex) {
				errors.put("key", ex.getMessage());
			}
		}
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return models(model);
	}

	@PostMapping("/admin/models/prices")
	String addPrice(@RequestParam String key, @RequestParam BigDecimal inputPerMtok,
			@RequestParam BigDecimal cachedInputPerMtok, @RequestParam BigDecimal outputPerMtok,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveFrom,
			RedirectAttributes redirect) {
		try {
			if (inputPerMtok.signum() < 0 || cachedInputPerMtok.signum() < 0 || outputPerMtok.signum() < 0) {
				throw new InvalidInputException("prices", "must not be negative");
			}
			this.catalog.addPrice(key, new Prices(inputPerMtok, cachedInputPerMtok, outputPerMtok, effectiveFrom));
			redirect.addFlashAttribute("done", "Price of " + key + " from " + effectiveFrom + " saved.");
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/admin/models";
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	private static BigDecimal orZero(BigDecimal b) {
		return b == null ? BigDecimal.ZERO : b;
	}

}
