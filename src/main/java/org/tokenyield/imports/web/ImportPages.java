package org.tokenyield.imports.web;

import java.io.IOException;
import java.io.InputStream;

import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.imports.ImportService;
import org.tokenyield.system.InvalidInputException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The maintainers' import page: upload a JSONL file of another harness's runs, see what was kept. */
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

	@PostMapping("/moderation/import")
	String upload(@RequestParam(defaultValue = "") String dataset, @RequestParam(required = false) MultipartFile file,
			Model model) throws IOException {
		model.addAttribute("dataset", dataset);
		if (file == null || file.isEmpty()) {
			model.addAttribute("error", "Choose a JSONL file: one run per line.");
			return "import";
		}
		try (InputStream in = file.getInputStream()) {
			model.addAttribute("result", this.imports.importLines(dataset, in, this.current.require()));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("error", ex.getMessage());
		}
		return "import";
	}

}
