package org.tokenyield.vocabularies;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenyield.catalog.CatalogService;
import org.tokenyield.catalog.ModelVersion;
import org.tokenyield.catalog.Prices;
import org.tokenyield.support.SomeModulesOnly;
import org.tokenyield.system.InvalidInputException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.BDDMockito.given;

/**
 * The vocabularies module alone (Spring Modulith bootstraps only its beans) on the shared
 * embedded PostgreSQL: its query reads the stored tokenizer counts and its service turns
 * them into the cross-family figure. The one neighbour it calls, the catalog, is mocked
 * at the module edge; the whole application answers the same figure in
 * {@code CrossFamilyDriftIntegrationTests}. <pre>
 *            chars   X   Y
 * prose        30   10  10
 * japanese     10   20  10
 * </pre>
 */
@ApplicationModuleTest
@SomeModulesOnly
class VocabulariesModuleTests {

	@Autowired
	CrossFamilyService service;

	@Autowired
	JdbcClient jdbc;

	@MockitoBean
	CatalogService catalog;

	String tag;

	String dataset;

	String x;

	String y;

	/**
	 * A world of its own per test (the module test may share one instance between tests).
	 */
	@BeforeEach
	void world() {
		this.tag = UUID.randomUUID().toString().substring(0, 8);
		this.dataset = "vm-" + this.tag;
		this.x = "tokenizer/vm-x-" + this.tag;
		this.y = "tokenizer/vm-y-" + this.tag;
		long xId = model(this.x, false);
		long yId = model(this.y, false);
		long prose = prompt("Hello plain Latin prose, thirty", "prose");
		long japanese = prompt("東京は日本の首都です", "multilingual");
		run(xId, prose, 10, false);
		run(xId, japanese, 20, false);
		run(yId, prose, 10, false);
		run(yId, japanese, 10, false);
		// a simulated count never enters the figure, even under the tokenizer provider
		run(yId, prompt("Simulated text that must not count", "prose"), 1, true);
		given(this.catalog.all()).willReturn(List.of(version(this.x, false), version(this.y, false),
				version("tokenizer/vm-sim-" + this.tag, true), version("simulator/sim-alpha-1", true)));
	}

	@Test
	void theFigureIsComputedFromTheStoredCountsOfTheDataset() {
		CrossFamilyService.Report report = this.service.report(this.x, this.dataset);

		assertThat(report.baseline()).isEqualTo(this.x);
		assertThat(report.prompts()).isEqualTo(2);
		assertThat(report.scripts()).containsExactly("latin", "cjk");
		assertThat(report.categories()).containsExactly("multilingual", "prose");
		assertThat(report.tokenizers()).extracting(CrossFamilyDrift.Row::model).containsExactly(this.x, this.y);
		CrossFamilyDrift.Group y = report.tokenizers().get(1).overall();
		assertThat(y.prompts()).isEqualTo(2);
		assertThat(y.tokens()).isEqualTo(20);
		assertThat(y.chars()).isEqualTo(31 + 10);
		// exp(mean(ln 1, ln 1/2)) - 1
		assertThat(y.inputDrift().value()).isCloseTo(Math.sqrt(0.5) - 1, within(1e-12));
		assertThat(report.tokenizers().get(1).byScript().get("cjk").inputDrift().value()).isCloseTo(-0.5,
				within(1e-12));
	}

	@Test
	void anotherDatasetHasNoCounts() {
		CrossFamilyService.Report report = this.service.report(this.x, "vm-empty-" + this.tag);
		assertThat(report.prompts()).isZero();
		assertThat(report.tokenizers()).isEmpty();
	}

	@Test
	void theBaselineMustBeAnOfflineTokenizerAndTheDatasetALabel() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.service.report("simulator/sim-alpha-1", this.dataset))
			.satisfies(ex -> assertThat(ex.fieldErrors()).containsKey("baseline"))
			.withMessageContaining(this.x)
			.withMessageNotContaining("vm-sim-");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.service.report(this.x, "no spaces; please"))
			.satisfies(ex -> assertThat(ex.fieldErrors()).containsKey("dataset"));
	}

	private static ModelVersion version(String key, boolean simulated) {
		String[] parts = key.split("/");
		return new ModelVersion(1, key, "vm", null, parts[0], parts[1], List.of("default"), simulated, false, 1,
				Prices.FREE);
	}

	/** Inactive, so no run queue would ever schedule the fixture's versions. */
	private long model(String key, boolean simulated) {
		return this.jdbc.sql("""
				insert into model_versions (model_key, family, provider, api_model, settings, active, simulated)
				values (?, ?, 'tokenizer', 'o200k_base', array['default'], false, ?) returning id""")
			.params(key, "vm-" + this.tag, simulated)
			.query(Long.class)
			.single();
	}

	private long prompt(String text, String category) {
		return this.jdbc.sql("""
				insert into prompts (title, text, text_hash, category, grader, status, approved_at, source)
				values (?, ?, ?, ?, '{"type":"exact","expected":"42"}', 'APPROVED', now(), 'test') returning id""")
			.params("vm " + category, text, UUID.randomUUID().toString().replace("-", ""), category)
			.query(Long.class)
			.single();
	}

	private void run(long model, long prompt, long tokens, boolean simulated) {
		this.jdbc.sql("""
				insert into runs (idempotency_key, prompt_id, model_id, setting, sample, status, dataset, input_tokens,
				                  finished_at, simulated)
				values (?, ?, ?, 'default', 0, 'SUCCEEDED', ?, ?, now(), ?)""")
			.params("vm-" + this.tag + "-" + model + "-" + prompt, prompt, model, this.dataset, tokens, simulated)
			.update();
	}

}
