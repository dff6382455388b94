package org.tokenyield.providers.http;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenyield.providers.ModelProvider;
import org.tokenyield.providers.ProviderException;
import org.tokenyield.providers.ProviderRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every adapter does with a provider that fails, each adapter supplying its wire
 * format's shapes: a rate limit is retried after the provider's {@code retry-after}, a
 * server error is retried, a bad request is final, a read that times out is retried, and
 * a reply that is not what its format promises is final and not billed. Each adapter's
 * own test extends this and adds the cases only its format has.
 */
public abstract class ProviderAdapterContractTests<P extends ModelProvider> {

	protected FakeProviderServer server;

	protected P provider;

	/** An error reply in the adapter's format and a fragment its message must keep. */
	public record Failure(int status, Map<String, String> headers, String fixture, String says) {
	}

	@BeforeEach
	void startTheFakeProvider() {
		this.server = new FakeProviderServer();
		this.provider = provider(Duration.ofSeconds(5));
	}

	@AfterEach
	void stopTheFakeProvider() {
		this.server.close();
	}

	/**
	 * The adapter pointed at {@link #server}, reading for at most {@code readTimeout}.
	 */
	protected abstract P provider(Duration readTimeout);

	/** A request the adapter accepts. */
	protected abstract ProviderRequest anyRequest();

	/** A 429 whose headers carry {@code retry-after} in seconds. */
	protected abstract Failure rateLimited();

	/** A 5xx the provider asks to retry. */
	protected abstract Failure serverError();

	/** A 400 that no retry will cure. */
	protected abstract Failure badRequest();

	/** A fixture of a good reply (sent too late in the read-timeout case). */
	protected abstract String answerFixture();

	/** A 200 body the format cannot read. */
	protected abstract String malformedAnswer();

	/** A fragment of the adapter's message about {@link #malformedAnswer()}. */
	protected abstract String malformedAnswerSays();

	protected ProviderException failure(ProviderRequest request) {
		return FakeProviderServer.failureOf(this.provider, request);
	}

	@Test
	void aRateLimitIsRetriedAfterTheProvidersRetryAfter() {
		Failure limited = rateLimited();
		this.server.replyFixture(limited.status(), limited.headers(), limited.fixture());

		ProviderException ex = failure(anyRequest());

		assertThat(ex.retryable()).isTrue();
		assertThat(ex.httpStatus()).isEqualTo(429);
		assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(Long.parseLong(limited.headers().get("retry-after"))));
		assertThat(ex.getMessage()).contains(limited.says());
	}

	@Test
	void aServerErrorIsRetried() {
		Failure error = serverError();
		this.server.replyFixture(error.status(), error.headers(), error.fixture());

		ProviderException ex = failure(anyRequest());

		assertThat(ex.retryable()).isTrue();
		assertThat(ex.httpStatus()).isEqualTo(error.status());
		assertThat(ex.getMessage()).contains(error.says());
	}

	@Test
	void aBadRequestIsFinal() {
		Failure bad = badRequest();
		this.server.replyFixture(bad.status(), bad.headers(), bad.fixture());

		ProviderException ex = failure(anyRequest());

		assertThat(ex.retryable()).isFalse();
		assertThat(ex.httpStatus()).isEqualTo(400);
		assertThat(ex.getMessage()).contains(bad.says());
		assertThat(ex.billedUsage()).as("no usage comes with an error status").isNull();
	}

	@Test
	void aReadThatTimesOutIsRetried() {
		P impatient = provider(Duration.ofMillis(300));
		this.server.replySlowly(Duration.ofSeconds(2), 200, FakeProviderServer.fixture(answerFixture()));

		ProviderException ex = FakeProviderServer.failureOf(impatient, anyRequest());

		assertThat(ex.retryable()).isTrue();
		assertThat(ex.httpStatus()).isZero();
		assertThat(ex.getMessage()).contains("timed out");
	}

	@Test
	void aMalformedAnswerIsFinalAndNotBilled() {
		this.server.reply(200, malformedAnswer());

		ProviderException ex = failure(anyRequest());

		assertThat(ex.retryable()).isFalse();
		assertThat(ex.getMessage()).contains(malformedAnswerSays());
		assertThat(ex.billedUsage()).isNull();
	}

}
