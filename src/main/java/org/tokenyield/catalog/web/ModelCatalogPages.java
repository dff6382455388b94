package org.tokenyield.catalog.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.catalog.NewModelVersion;
import org.tokenyield.catalog.Prices;
import org.tokenyield.system.FormErrors;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin model catalog: every version with its prices over time, a form to add a
 * version (settings a provider cannot take are refused with its reason, by
 * {@link CatalogService#add}) and a form to add a price from a date.
 */
@Controller
class ModelCatalogPages {

	private final CatalogService catalog;

	ModelCatalogPages(CatalogService catalog) {
		this.catalog = catalog;
	}

	private static final String NO_SETTING = "at least one setting, e.g. default";

	/** The add form as submitted; settings separated by commas. */
	record ModelForm(@NotBlank(message = "is required") String key, @NotBlank(message = "is required") String family,
			String predecessor, @NotBlank(message = "is required") String provider, String apiModel,
			@NotNull(message = NO_SETTING) @Pattern(regexp = "(?s).*[^,\\s].*", message = NO_SETTING) String settings,
			Integer samples, BigDecimal inputPerMtok, BigDecimal cachedInputPerMtok, BigDecimal outputPerMtok,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveFrom,
			@PositiveOrZero(message = "must not be negative") BigDecimal cacheWritePerMtok) {

		List<String> settingList() {
			return Arrays.stream(this.settings.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
		}

		static ModelForm empty() {
			return new ModelForm("", "", "", "", "", "default", null, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
					null, null);
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
	String add(@Valid @ModelAttribute("form") ModelForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			Optional<ModelVersion> saved = FormErrors.attempt(result, "form", () -> this.catalog.add(newVersion(form)));
			if (saved.isPresent()) {
				redirect.addFlashAttribute("done", "Added " + saved.get().key() + "; its backfill is queued.");
				return "redirect:/admin/models";
			}
		}
		// a value of the wrong type leaves no form in the model: show the empty one
		model.addAttribute("form", form != null ? form : ModelForm.empty());
		model.addAttribute("errors", FormErrors.byField(result));
		return models(model);
	}

	private static NewModelVersion newVersion(ModelForm form) {
		Prices prices = new Prices(orZero(form.inputPerMtok()), orZero(form.cachedInputPerMtok()),
				orZero(form.outputPerMtok()), form.effectiveFrom(), null, form.cacheWritePerMtok());
		return new NewModelVersion(form.key().strip(), form.family().strip(),
				blank(form.predecessor()) ? null : form.predecessor().strip(), form.provider().strip(),
				blank(form.apiModel()) ? null : form.apiModel().strip(), form.settingList(), null, prices, true,
				form.samples());
	}

	/** A price from a date; prices are never negative. */
	record PriceForm(@NotBlank(message = "is required") String key,
			@NotNull(message = "is required") @PositiveOrZero(message = "must not be negative") BigDecimal inputPerMtok,
			@NotNull(message = "is required") @PositiveOrZero(
					message = "must not be negative") BigDecimal cachedInputPerMtok,
			@NotNull(message = "is required") @PositiveOrZero(
					message = "must not be negative") BigDecimal outputPerMtok,
			@NotNull(message = "is required") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveFrom,
			@PositiveOrZero(message = "must not be negative") BigDecimal cacheWritePerMtok) {
	}

	@PostMapping("/admin/models/prices")
	String addPrice(@Valid PriceForm form, BindingResult result, RedirectAttributes redirect) {
		if (!result.hasErrors() && FormErrors.succeeded(result, null,
				() -> this.catalog.addPrice(form.key(), new Prices(form.inputPerMtok(), form.cachedInputPerMtok(),
						form.outputPerMtok(), form.effectiveFrom(), null, form.cacheWritePerMtok())))) {
			redirect.addFlashAttribute("done", "Price of " + form.key() + " from " + form.effectiveFrom() + " saved.");
		}
		else {
			redirect.addFlashAttribute("error", FormErrors.summary(result));
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
