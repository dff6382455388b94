package org.tokenyield.providers.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderPropertiesTests {

	@Test
	void endpointToStringMasksTheKey() {
		ProviderProperties.Endpoint endpoint = ProviderProperties.Endpoint.of("https://example.test/", "sk-secret");
		assertThat(endpoint.toString()).doesNotContain("sk-secret").contains("apiKey=****");
		assertThat(endpoint.baseUrl()).isEqualTo("https://example.test");
		assertThat(ProviderProperties.Endpoint.of("https://example.test", null).toString()).contains("apiKey=(none)");
	}

}
