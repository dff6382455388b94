package org.tokenyield.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tokenyield.catalog.CostCalculator.Tokens;
import org.tokenyield.system.InvalidInputException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The catalog with the modules it depends on (system, and providers, whose adapters check
 * settings) on the shared embedded PostgreSQL: prices, their long-prompt tier and their
 * dates are stored and read back as the prices in force, which are what
 * {@link CostCalculator} bills. The catalog takes the adapters as a
 * {@code List<ModelProvider>}, which Spring Modulith does not count as a bean dependency,
 * so providers is included by name.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "providers")
// the readiness group names the run worker, which belongs to a module not started here
@TestPropertySource(properties = "management.endpoint.health.validate-group-membership=false")
class CatalogModuleTests {

	/** 100,000 input tokens of which 20,000 cached, 1,000 output. */
	private static final Tokens SHORT_CALL = new Tokens(100_000, 20_000L, 1_000L);

	/** Above the tier's threshold of 200,000 input tokens. */
	private static final Tokens LONG_CALL = new Tokens(300_000, 100_000L, 1_000L);

	@Autowired
	CatalogService catalog;

	private static BigDecimal usd(String value) {
		return new BigDecimal(value);
	}

	private static NewModelVersion version(String key, String provider, String apiModel, List<String> settings,
			Prices prices) {
		return new NewModelVersion(key, "catalog-module", null, provider, apiModel, settings, null, prices, false,
				null);
	}

	@Test
	void theTierAddedWithAPriceIsWhatTheCostCalculatorBills() {
		String key = "external/catalog-module-" + UUID.randomUUID().toString().substring(0, 8);
		PriceTier tier = new PriceTier(200_000L, usd("2.5"), usd("0.625"), usd("15"));
		this.catalog.add(version(key, "external", null, List.of("default"),
				new Prices(usd("1.25"), usd("0.3125"), usd("10"), null, tier)));

		Prices stored = this.catalog.require(key).prices();
		assertThat(stored.tier()).usingRecursiveComparison()
			.withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
			.isEqualTo(tier);
		// 80,000 x 1.25 + 20,000 x 0.3125 + 1,000 x 10, per million
		assertThat(CostCalculator.billedCost(stored, SHORT_CALL)).isEqualByComparingTo("0.11625");
		// the whole call at the tier's prices: 200,000 x 2.5 + 100,000 x 0.625 + 1,000 x
		// 15
		assertThat(CostCalculator.billedCost(stored, LONG_CALL)).isEqualByComparingTo("0.5775");
		// the list cost stamped on runs ignores the tier
		assertThat(CostCalculator.listCost(stored, LONG_CALL)).isEqualByComparingTo("0.29125");

		// a new price from a past date is in force; one from a future date is not yet
		PriceTier cheaper = new PriceTier(500_000L, usd("2"), usd("0.5"), usd("12"));
		this.catalog.addPrice(key, new Prices(usd("1"), usd("0.25"), usd("8"), LocalDate.of(2020, 1, 1), cheaper));
		this.catalog.addPrice(key, new Prices(usd("9"), usd("9"), usd("9"), LocalDate.of(2999, 1, 1)));

		Prices inForce = this.catalog.require(key).prices();
		assertThat(inForce.effectiveFrom()).isEqualTo(LocalDate.of(2020, 1, 1));
		assertThat(inForce.tier()).usingRecursiveComparison()
			.withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
			.isEqualTo(cheaper);
		// 300,000 input is below the new threshold: base prices, 200,000 x 1 + 100,000
		// x 0.25 + 1,000 x 8
		assertThat(CostCalculator.billedCost(inForce, LONG_CALL)).isEqualByComparingTo("0.233");
		assertThat(this.catalog.priceHistory(this.catalog.require(key).id())).extracting(Prices::effectiveFrom)
			.containsExactly(LocalDate.of(2999, 1, 1), LocalDate.of(2020, 1, 1), LocalDate.of(2000, 1, 1));
	}

	@Test
	void aSettingTheProviderRefusesStoresNothing() {
		assertThat(this.catalog.knownProviders()).contains("anthropic", "simulator", "tokenizer", "external");
		String key = "tokenizer/catalog-module-" + UUID.randomUUID().toString().substring(0, 8);
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.catalog
				.add(version(key, "tokenizer", "o200k_base", List.of("default", "thinking:1024"), null)))
			.satisfies(ex -> assertThat(ex.fieldErrors()).containsOnlyKeys("settings[1]"))
			.withMessageContaining("only counts input tokens");
		assertThat(this.catalog.find(key)).isEmpty();
	}

}
