package org.tokenyield.imports.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.imports.ImportService;
import org.tokenyield.imports.ImportService.ImportRequest;
import org.tokenyield.imports.ImportService.ImportResult;
import org.tokenyield.imports.ImportService.Source;
import org.tokenyield.imports.formats.ImportFormat;
import org.tokenyield.system.FormErrors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.multipart.MultipartFile;

/**
 * The maintainers' import page: upload a file (this project's JSONL or a harness's log),
 * see what would be imported, then import it. The upload is kept between the two steps
 * ({@link ImportService#stage}), so nothing is written before the maintainer confirms.
 */
@Controller
class ImportPages {

	private final ImportService imports;

	private final CurrentAccount current;

	ImportPages(ImportService imports, CurrentAccount current) {
		this.imports = imports;
		this.current = current;
	}

	@GetMapping("/moderation/import")
	String form(Model model) {
		model.addAttribute("formats", ImportFormat.values());
		return "import";
	}

	/**
	 * The upload form; an empty or missing file is refused before the service reads
	 * anything.
	 */
	record ImportForm(String dataset, MultipartFile file, String format, String sourceUrl, String licence,
			String scorer) {

		ImportRequest request(boolean dryRun) {
			return new ImportRequest(this.dataset == null ? "" : this.dataset.strip(), blankToNull(this.format), dryRun,
					new Source(blankToNull(this.sourceUrl), blankToNull(this.licence)), blankToNull(this.scorer));
		}

	}

	/** The confirmation of a previewed upload: its token and the same choices. */
	record ConfirmForm(String upload, String dataset, String format, String sourceUrl, String licence, String scorer) {

		ImportRequest request() {
			return new ImportForm(this.dataset, null, this.format, this.sourceUrl, this.licence, this.scorer)
				.request(false);
		}

	}

	@PostMapping("/moderation/import")
	String upload(@ModelAttribute ImportForm form, BindingResult result, Model model) throws IOException {
		keepChoices(model, form.dataset(), form.format(), form.sourceUrl(), form.licence(), form.scorer());
		if (form.file() == null || form.file().isEmpty()) {
			result.reject("required", "Choose a file: a JSONL of runs or a harness's log.");
		}
		else {
			try (InputStream in = form.file().getInputStream()) {
				String token = this.imports.stage(in, this.current.require());
				FormErrors.attempt(result, null, () -> preview(token, form.request(true))).ifPresent(preview -> {
					model.addAttribute("preview", preview);
					model.addAttribute("upload", token);
				});
			}
		}
		if (result.hasErrors()) {
			model.addAttribute("error", FormErrors.summary(result));
		}
		return "import";
	}

	@PostMapping("/moderation/import/confirm")
	String confirm(@ModelAttribute ConfirmForm form, BindingResult result, Model model) {
		keepChoices(model, form.dataset(), form.format(), form.sourceUrl(), form.licence(), form.scorer());
		FormErrors.attempt(result, null, () -> preview(form.upload(), form.request()))
			.ifPresent(imported -> model.addAttribute("result", imported));
		if (result.hasErrors()) {
			model.addAttribute("error", FormErrors.summary(result));
		}
		return "import";
	}

	private void keepChoices(Model model, String dataset, String format, String sourceUrl, String licence,
			String scorer) {
		model.addAttribute("formats", ImportFormat.values());
		model.addAttribute("dataset", dataset == null ? "" : dataset);
		model.addAttribute("format", format == null ? "" : format);
		model.addAttribute("sourceUrl", sourceUrl == null ? "" : sourceUrl);
		model.addAttribute("licence", licence == null ? "" : licence);
		model.addAttribute("scorer", scorer == null ? "" : scorer);
	}

	private ImportResult preview(String token, ImportRequest request) {
		try {
			return this.imports.importStaged(token, request, this.current.require());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex); // a broken upload: the error page, as
												// before
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
