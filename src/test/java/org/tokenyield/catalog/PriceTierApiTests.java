package org.tokenyield.catalog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Http;

import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long-prompt price tier is set with a version's prices and read back
 * (docs/methodology-notes.md, 'Honest cost').
 */
@IntegrationTest
class PriceTierApiTests {

	@LocalServerPort
	int port;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	@Test
	void aTierIsStoredWithThePricesAndShown() {
		String key = "external/tiered-" + this.tag;
		Map<String, Object> tier = Map.of("above_input_tokens", 200000, "input_per_mtok", 2.5, "cached_input_per_mtok",
				0.625, "output_per_mtok", 15);
		Http.Response added = Accounts.admin(new Http(this.port))
			.post("/api/v1/models",
					Http.toJson(Map.of("key", key, "family", "tier-test", "provider", "external", "settings",
							List.of("default"), "prices", Map.of("input_per_mtok", 1.25, "cached_input_per_mtok",
									0.3125, "output_per_mtok", 10, "tier", tier))));
		assertThat(added.status()).as(added.toString()).isEqualTo(201);

		JsonNode prices = model(key).get("prices");
		assertThat(prices.get("input_per_mtok").asDouble()).isEqualTo(1.25);
		assertThat(prices.get("tier").get("above_input_tokens").asLong()).isEqualTo(200000);
		assertThat(prices.get("tier").get("input_per_mtok").asDouble()).isEqualTo(2.5);
		assertThat(prices.get("tier").get("cached_input_per_mtok").asDouble()).isEqualTo(0.625);
		assertThat(prices.get("tier").get("output_per_mtok").asDouble()).isEqualTo(15);

		Http.Response page = Accounts.admin(new Http(this.port)).get("/admin/models");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("above 200000 input tokens: 2.5");
	}

	@Test
	void anIncompleteTierIsRefusedAndNothingIsStored() {
		String key = "external/half-tier-" + this.tag;
		Http.Response refused = Accounts.admin(new Http(this.port))
			.post("/api/v1/models", Http.toJson(Map.of("key", key, "family", "tier-test", "provider", "external",
					"settings", List.of("default"), "prices", Map.of("input_per_mtok", 1, "cached_input_per_mtok", 0.25,
							"output_per_mtok", 5, "tier", Map.of("above_input_tokens", 200000, "input_per_mtok", 2)))));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.body()).contains("prices.tier.output_per_mtok");
		assertThat(model(key)).isNull();
	}

	private JsonNode model(String key) {
		for (JsonNode m : new Http(this.port).get("/api/v1/models").json()) {
			if (m.get("key").asString().equals(key)) {
				return m;
			}
		}
		return null;
	}

}
