package org.tokenyield.providers.http;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyHeadersTests {

	@Test
	void retryAfterInSecondsOrHttpDate() {
		Instant now = Instant.parse("2026-03-01T12:00:00Z");
		assertThat(ReplyHeaders.parseRetryAfter("30", now)).isEqualTo(Duration.ofSeconds(30));
		assertThat(ReplyHeaders.parseRetryAfter("1.5", now)).isEqualTo(Duration.ofMillis(1500));
		assertThat(ReplyHeaders.parseRetryAfter("Sun, 01 Mar 2026 12:01:30 GMT", now))
			.isEqualTo(Duration.ofSeconds(90));
		assertThat(ReplyHeaders.parseRetryAfter("Sun, 01 Mar 2026 11:00:00 GMT", now)).isZero();
		assertThat(ReplyHeaders.parseRetryAfter("soon", now)).isNull();
		assertThat(ReplyHeaders.parseRetryAfter(null, now)).isNull();
	}

	@Test
	void goDurationsOfOpenAiResetHeaders() {
		assertThat(ReplyHeaders.parseGoDuration("6m0s")).isEqualTo(Duration.ofMinutes(6));
		assertThat(ReplyHeaders.parseGoDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
		assertThat(ReplyHeaders.parseGoDuration("20ms")).isEqualTo(Duration.ofMillis(20));
		assertThat(ReplyHeaders.parseGoDuration("1h2m3s")).isEqualTo(Duration.ofSeconds(3723));
		assertThat(ReplyHeaders.parseGoDuration("37s")).isEqualTo(Duration.ofSeconds(37));
		assertThat(ReplyHeaders.parseGoDuration("6 minutes")).isNull();
		assertThat(ReplyHeaders.parseGoDuration("")).isNull();
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

		assertThat(ReplyHeaders.keptHeaders(headers)).containsOnlyKeys("anthropic-ratelimit-tokens-remaining",
				"x-ratelimit-reset-requests", "retry-after", "request-id", "x-request-id");
	}

}
