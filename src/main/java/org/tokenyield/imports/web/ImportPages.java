package org.tokenyield.imports.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.imports.ImportService;
import org.tokenyield.system.FormErrors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.multipart.MultipartFile;

/**
 * The maintainers' import page: upload a JSONL file of another harness's runs, see what
 * was kept.
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
	String form() {
		return "import";
	}

	/**
	 * The upload form; an empty or missing file is refused before the service reads
	 * anything.
	 */
	record ImportForm(String dataset, MultipartFile file) {
	}

	@PostMapping("/moderation/import")
	String upload(@ModelAttribute ImportForm form, BindingResult result, Model model) throws IOException {
		model.addAttribute("dataset", form.dataset() == null ? "" : form.dataset());
		if (form.file() == null || form.file().isEmpty()) {
			result.reject("required", "Choose a JSONL file: one run per line.");
		}
		else {
			try (InputStream in = form.file().getInputStream()) {
				FormErrors.attempt(result, null, () -> importLines(form.dataset(), in))
					.ifPresent(imported -> model.addAttribute("result", imported));
			}
		}
		if (result.hasErrors()) {
			model.addAttribute("error", FormErrors.summary(result));
		}
		return "import";
	}

	private ImportService.ImportResult importLines(String dataset, InputStream in) {
		try {
			return this.imports.importLines(dataset == null ? "" : dataset, in, this.current.require());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex); // a broken upload: the error page, as
												// before
		}
	}

}
