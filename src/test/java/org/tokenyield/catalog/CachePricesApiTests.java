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
 * Cache-read and cache-write prices (docs/methodology-notes.md "Honest cost") are set
 * with a version's prices, dated like them, and read back; a bad one is a problem naming
 * its field.
 */
@IntegrationTest
class CachePricesApiTests {

	@LocalServerPort
	int port;

	final String tag = UUID.randomUUID().toString().substring(0, 8);

	@Test
	void cacheReadAndWritePricesAreStoredAndShown() {
		String key = "external/caching-" + this.tag;
		Http.Response added = Accounts.admin(new Http(this.port))
			.post("/api/v1/models",
					Http.toJson(Map.of("key", key, "family", "cache-test", "provider", "external", "settings",
							List.of("default"), "prices", Map.of("input_per_mtok", 3, "cached_input_per_mtok", 0.3,
									"output_per_mtok", 15, "cache_write_per_mtok", 3.75))));
		assertThat(added.status()).as(added.toString()).isEqualTo(201);

		JsonNode prices = model(key).get("prices");
		assertThat(prices.get("cache_write_per_mtok").asDouble()).isEqualTo(3.75);
		// the cache-read price is the cached-input price, under both names
		assertThat(prices.get("cached_input_per_mtok").asDouble()).isEqualTo(0.3);
		assertThat(prices.get("cache_read_per_mtok").asDouble()).isEqualTo(0.3);

		Http.Response page = Accounts.admin(new Http(this.port)).get("/admin/models");
		assertThat(page.body()).contains("3.000000 / 0.300000 / 15.000000 / 3.750000 from");
	}

	@Test
	void withoutACacheWritePriceWritesAreInput() {
		String key = "external/no-cache-write-" + this.tag;
		Http.Response added = Accounts.admin(new Http(this.port))
			.post("/api/v1/models",
					Http.toJson(Map.of("key", key, "family", "cache-test", "provider", "external", "settings",
							List.of("default"), "prices",
							Map.of("input_per_mtok", 1, "cached_input_per_mtok", 0.1, "output_per_mtok", 5))));
		assertThat(added.status()).as(added.toString()).isEqualTo(201);
		assertThat(model(key).get("prices").get("cache_write_per_mtok").isNull()).isTrue();
	}

	@Test
	void aNegativeCacheWritePriceIsRefusedByName() {
		String key = "external/bad-cache-write-" + this.tag;
		Http.Response refused = Accounts.admin(new Http(this.port))
			.post("/api/v1/models",
					Http.toJson(Map.of("key", key, "family", "cache-test", "provider", "external", "settings",
							List.of("default"), "prices", Map.of("input_per_mtok", 1, "cached_input_per_mtok", 0.1,
									"output_per_mtok", 5, "cache_write_per_mtok", -1))));
		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.body()).contains("prices.cache_write_per_mtok");
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
