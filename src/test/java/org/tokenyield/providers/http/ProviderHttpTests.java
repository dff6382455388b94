package org.tokenyield.providers.http;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderHttpTests {

	@Test
	void retryAfterInSecondsOrHttpDate() {
		Instant now = Instant.parse("2026-03-01T12:00:00Z");
		assertThat(ProviderHttp.parseRetryAfter("30", now)).isEqualTo(Duration.ofSeconds(30));
		assertThat(ProviderHttp.parseRetryAfter("1.5", now)).isEqualTo(Duration.ofMillis(1500));
		assertThat(ProviderHttp.parseRetryAfter("Sun, 01 Mar 2026 12:01:30 GMT", now)).isEqualTo(Duration.ofSeconds(90));
		assertThat(ProviderHttp.parseRetryAfter("Sun, 01 Mar 2026 11:00:00 GMT", now)).isZero();
		assertThat(ProviderHttp.parseRetryAfter("soon", now)).isNull();
		assertThat(ProviderHttp.parseRetryAfter(null, now)).isNull();
	}

	@Test
	void goDurationsOfOpenAiResetHeaders() {
		assertThat(ProviderHttp.parseGoDuration("6m0s")).isEqualTo(Duration.ofMinutes(6));
		assertThat(ProviderHttp.parseGoDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
		assertThat(ProviderHttp.parseGoDuration("20ms")).isEqualTo(Duration.ofMillis(20));
		assertThat(ProviderHttp.parseGoDuration("1h2m3s")).isEqualTo(Duration.ofSeconds(3723));
		assertThat(ProviderHttp.parseGoDuration("37s")).isEqualTo(Duration.ofSeconds(37));
		assertThat(ProviderHttp.parseGoDuration("6 minutes")).isNull();
		assertThat(ProviderHttp.parseGoDuration("")).isNull();
	}

	@Test
	void keepsRateLimitAndRequestIdHeadersOnly() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("Anthropic-RateLimit-Tokens-Remaining", "1000");
		headers.add("x-ratelimit-reset-requests", "1s");
		headers.add("Retry-After", "3");
		headers.add("request-id", "req_1");
		headers.add("x-request-id", "req_2");
		headers.add("Set-Cookie", "session=abc");
		headers.add("x-api-key", "secret");
		headers.add("Authorization", "Bearer secret");

		assertThat(ProviderHttp.keptHeaders(headers)).containsOnlyKeys("anthropic-ratelimit-tokens-remaining",
				"x-ratelimit-reset-requests", "retry-after", "request-id", "x-request-id");
	}

	@Test
	void classifiesStatuses() {
		for (int status : new int[] { 408, 429, 500, 502, 503, 504, 529 }) {
			assertThat(ProviderHttp.failure("p", status, "m", null, false).retryable()).as("%d", status).isTrue();
		}
		for (int status : new int[] { 400, 401, 403, 404, 413, 422 }) {
			assertThat(ProviderHttp.failure("p", status, "m", null, false).retryable()).as("%d", status).isFalse();
		}
		assertThat(ProviderHttp.failure("p", 429, "quota", null, true).retryable()).isFalse();
	}

	@Test
	void endpointToStringMasksTheKey() {
		ProviderProperties.Endpoint endpoint = ProviderProperties.Endpoint.of("https://example.test/", "sk-secret");
		assertThat(endpoint.toString()).doesNotContain("sk-secret").contains("apiKey=****");
		assertThat(endpoint.baseUrl()).isEqualTo("https://example.test");
		assertThat(ProviderProperties.Endpoint.of("https://example.test", null).toString()).contains("apiKey=(none)");
	}

}
