package org.tokenyield.system;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

import org.junit.jupiter.api.Test;

import org.tokenyield.support.WebSlice;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ApiErrors} and {@link PageErrors} in a web slice: each domain exception gets its
 * status and its words, field errors are listed by field, and anything unexpected is a
 * 500 that names a correlation id and nothing internal. Two small controllers throw on
 * demand.
 */
@WebMvcTest(controllers = { ErrorHandlingTests.ThrowingApi.class, ErrorHandlingTests.ThrowingPage.class })
@Import({ WebSlice.class, ErrorHandlingTests.ThrowingApi.class, ErrorHandlingTests.ThrowingPage.class })
class ErrorHandlingTests {

	/**
	 * Text no reader may see: what a driver or a bug would put in an exception message.
	 */
	static final String INTERNAL = "ERROR: column accounts.password_hash does not exist at org.tokenyield.Secret";

	@Autowired
	MockMvcTester mvc;

	static RuntimeException failure(String kind) {
		return switch (kind) {
			case "invalid" -> new InvalidInputException("2 fields are invalid",
					Map.of("title", "must be at most 200 characters", "category", "must be one of math, code"));
			case "not-found" -> new NotFoundException("No prompt 42");
			case "conflict" -> new ConflictException("text", "The same text is prompt 7");
			case "too-many" ->
				new TooManyRequestsException("At most 10 sign-ups per client in 1 hour(s)", Duration.ofSeconds(90));
			case "too-large" -> new PayloadTooLargeException(1024);
			default -> new IllegalStateException(INTERNAL);
		};
	}

	@RestController
	static class ThrowingApi {

		record Plan(@NotBlank String modelKey, @Positive int maxTokens) {
		}

		@GetMapping("/api/v1/test-failures/{kind}")
		String fail(@PathVariable String kind) {
			throw failure(kind);
		}

		@GetMapping("/api/v1/test-number")
		String number(@RequestParam int n) {
			return Integer.toString(n);
		}

		@PostMapping("/api/v1/test-plans")
		String plan(@Valid @RequestBody Plan plan) {
			return plan.modelKey();
		}

	}

	@Controller
	static class ThrowingPage {

		@GetMapping("/test-pages/{kind}")
		String fail(@PathVariable String kind) {
			throw failure(kind);
		}

	}

	@Test
	void anUnexpectedApiFailureIsA500WithACorrelationIdAndNothingInternal() throws Exception {
		MvcTestResult result = this.mvc.get().uri("/api/v1/test-failures/bug").exchange();
		assertThat(result).hasStatus(500).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Internal error");
		assertThat(result).bodyJson().extractingPath("$.correlation_id").asString().hasSize(13);
		String id = result.getResponse().getContentAsString().replaceAll(".*\"correlation_id\":\"([^\"]+)\".*", "$1");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(id);
		assertThat(result).body()
			.asString()
			.doesNotContain("password_hash")
			.doesNotContain("Secret")
			.doesNotContain("IllegalState");
	}

	@Test
	void invalidInputIsA400ListingEachFieldInOrder() {
		assertThat(this.mvc.get().uri("/api/v1/test-failures/invalid")).hasStatus(400)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"title": "Invalid input", "status": 400, "detail": "2 fields are invalid",
					 "errors": [{"field": "category", "message": "must be one of math, code"},
					            {"field": "title", "message": "must be at most 200 characters"}]}""");
	}

	@Test
	void aBodyThatBreaksItsConstraintsNamesTheFieldsInSnakeCase() {
		assertThat(this.mvc.post()
			.uri("/api/v1/test-plans")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"model_key\": \" \", \"max_tokens\": -1}")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactlyInAnyOrder("model_key", "max_tokens");
		assertThat(this.mvc.post()
			.uri("/api/v1/test-plans")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"model_key\": ")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Malformed request body");
	}

	@Test
	void domainExceptionsKeepTheirStatusAndTheirWords() {
		assertThat(this.mvc.get().uri("/api/v1/test-failures/not-found")).hasStatus(404)
			.bodyJson()
			.isLenientlyEqualTo("{\"title\": \"Not found\", \"detail\": \"No prompt 42\"}");
		assertThat(this.mvc.get().uri("/api/v1/test-failures/conflict")).hasStatus(409)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"title": "Conflict", "detail": "The same text is prompt 7",
					 "errors": [{"field": "text", "message": "The same text is prompt 7"}]}""");
		assertThat(this.mvc.get().uri("/api/v1/test-failures/too-many")).hasStatus(429)
			.hasHeader("Retry-After", "90")
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("At most 10 sign-ups per client in 1 hour(s)");
		assertThat(this.mvc.get().uri("/api/v1/test-failures/too-large")).hasStatus(413);
	}

	@Test
	void springsOwnRefusalsKeepTheirStatus() {
		assertThat(this.mvc.get().uri("/api/v1/test-number?n=abc")).hasStatus(400);
		assertThat(this.mvc.post().uri("/api/v1/test-number")).hasStatus(405);
	}

	@Test
	void pagesShowTheProductsMessageOrACorrelationIdAsAnErrorPage() {
		assertThat(this.mvc.get().uri("/test-pages/invalid")).hasStatus(400)
			.hasViewName("error")
			.model()
			.containsEntry("message", "2 fields are invalid")
			.containsEntry("correlationId", null);
		assertThat(this.mvc.get().uri("/test-pages/not-found")).hasStatus(404)
			.model()
			.containsEntry("message", "No prompt 42");
		assertThat(this.mvc.get().uri("/test-pages/conflict")).hasStatus(409);
		assertThat(this.mvc.get().uri("/test-pages/too-many")).hasStatus(429).hasHeader("Retry-After", "90");
		MvcTestResult bug = this.mvc.get().uri("/test-pages/bug").exchange();
		assertThat(bug).hasStatus(500)
			.hasViewName("error")
			.model()
			.containsEntry("message", "Something went wrong on our side.")
			.hasEntrySatisfying("correlationId", id -> assertThat(id.toString()).hasSize(13));
		assertThat(bug).body().asString().contains("Correlation id").doesNotContain("password_hash");
	}

}
