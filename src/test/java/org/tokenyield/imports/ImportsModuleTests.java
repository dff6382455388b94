package org.tokenyield.imports;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tokenyield.accounts.AccountService;
import org.tokenyield.accounts.AccountView;
import org.tokenyield.imports.ImportService.ImportResult;
import org.tokenyield.prompts.PromptService;
import org.tokenyield.system.InvalidInputException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The imports module with the modules it writes through (prompts, catalog, runs) on the
 * shared embedded PostgreSQL, called as a service rather than over HTTP: the
 * orchestration ({@link ImportService}) and the writing ({@link ImportBatch} through the
 * runs module's {@code ImportedRuns}) together.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class ImportsModuleTests {

	@Autowired
	ImportService imports;

	@Autowired
	PromptService prompts;

	@Autowired
	AccountService accounts;

	private ImportResult importLines(String dataset, String body) throws Exception {
		AccountView admin = this.accounts.find("admin").orElseThrow();
		return this.imports.importLines(dataset, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
				admin);
	}

	private static String line(String key, String model, int sample) {
		return """
				{"prompt_key":"%s","prompt_text":"Module question %s","category":"math","model":"%s","setting":"default","sample":%d,"input_tokens":50,"output_tokens":70,"score":1.0,"finished_at":"2026-11-20T10:00:00Z"}"""
			.formatted(key, key, model, sample);
	}

	@Test
	void linesAreWrittenOnceWithNewPromptsAndBadLinesNamed() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String model = "harness/module-" + tag;
		String body = String.join("\n", line("k1-" + tag, model, 0), "{broken", line("k1-" + tag, model, 1),
				line("k2-" + tag, model, 0));

		ImportResult first = importLines("mod-" + tag, body);

		assertThat(first.accepted()).isEqualTo(3);
		assertThat(first.added()).isEqualTo(3);
		assertThat(first.rejectedCount()).isEqualTo(1);
		assertThat(first.rejected()).singleElement().satisfies(r -> assertThat(r.line()).isEqualTo(2));
		assertThat(this.prompts.idsByKey(java.util.List.of("k1-" + tag, "k2-" + tag))).hasSize(2);

		ImportResult again = importLines("mod-" + tag, body);
		assertThat(again.added()).as("the same file twice adds nothing").isZero();
		assertThat(again.duplicates()).isEqualTo(3);
	}

	@Test
	void theLiveDatasetIsRefusedBeforeAnythingIsRead() {
		assertThatThrownBy(() -> importLines("live", line("x", "harness/x", 0)))
			.isInstanceOf(InvalidInputException.class)
			.satisfies(ex -> assertThat(((InvalidInputException) ex).fieldErrors()).containsKey("dataset"));
	}

}
