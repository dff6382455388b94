package org.tokenyield.providers.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderFailuresTests {

	@Test
	void classifiesStatuses() {
		for (int status : new int[] { 408, 429, 500, 502, 503, 504, 529 }) {
			assertThat(ProviderFailures.failure("p", status, "m", null, false).retryable()).as("%d", status).isTrue();
		}
		for (int status : new int[] { 400, 401, 403, 404, 413, 422 }) {
			assertThat(ProviderFailures.failure("p", status, "m", null, false).retryable()).as("%d", status).isFalse();
		}
		assertThat(ProviderFailures.failure("p", 429, "quota", null, true).retryable()).isFalse();
	}

	@Test
	void snippetsAreShortSingleLinesOfTheBody() {
		assertThat(ProviderFailures.snippet(null)).isEqualTo("(empty body)");
		assertThat(ProviderFailures.snippet("  \n ")).isEqualTo("(empty body)");
		assertThat(ProviderFailures.snippet("<html>\n  <body>Bad gateway</body>\n</html>"))
			.isEqualTo("<html> <body>Bad gateway</body> </html>");
		assertThat(ProviderFailures.snippet("x".repeat(500))).hasSize(301).endsWith("…");
	}

}
