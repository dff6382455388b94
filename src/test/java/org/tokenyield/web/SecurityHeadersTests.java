package org.tokenyield.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tokenyield.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The content policy and the other protective headers on pages, the API and static files
 * over real HTTP; HSTS only on HTTPS; the session cookie's flags; and no template that
 * the policy would break (inline scripts, style or event-handler attributes).
 */
@IntegrationTest
class SecurityHeadersTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	WebApplicationContext context;

	private HttpResponse<String> fetch(String path) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/login", "/methodology", "/api/v1/leaderboard", "/api/v1/models", "/js/figures.js",
			"/no-such-page" })
	void pagesAndApiSendAStrictContentPolicyAndFriends(String path) throws Exception {
		HttpResponse<String> response = fetch(path);
		String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
		assertThat(csp).contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
				"frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'");
		assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval", "*");
		assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
		assertThat(response.headers().firstValue("Permissions-Policy").orElse("")).contains("camera=()",
				"microphone=()", "geolocation=()");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		// plain HTTP: a Strict-Transport-Security header here would be ignored at best
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

	@Test
	void onlyTheThirdPartyApiBrowserMayUseStyleAttributes() throws Exception {
		String csp = fetch("/api/v1/swagger-ui/index.html").headers().firstValue("Content-Security-Policy").orElse("");
		assertThat(csp).contains("script-src 'self';", "style-src 'self' 'unsafe-inline'")
			.doesNotContain("unsafe-eval");
		assertThat(fetch("/").headers().allValues("Content-Security-Policy")).hasSize(1);
	}

	@Test
	void hstsIsSentOverHttps() throws Exception {
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
		String hsts = mvc.perform(get("/login").secure(true))
			.andReturn()
			.getResponse()
			.getHeader("Strict-Transport-Security");
		assertThat(hsts).contains("max-age=31536000").contains("includeSubDomains");
		assertThat(mvc.perform(get("/login")).andReturn().getResponse().getHeader("Strict-Transport-Security"))
			.isNull();
	}

	@Test
	void theSessionCookieIsHttpOnlyAndSameSite() throws Exception {
		// the sign-in form starts a session for its CSRF token
		List<String> cookies = fetch("/login").headers().allValues("Set-Cookie");
		assertThat(cookies).anySatisfy(
				cookie -> assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));
		assertThat(cookies).allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("HttpOnly"));
	}

	/**
	 * What the policy would block in a browser: scripts without src, style or on*
	 * attributes.
	 */
	@Test
	void noTemplateHasInlineScriptOrStyle() throws IOException {
		Pattern inline = Pattern.compile(
				"<script(?![^>]*\\bth:src=)(?![^>]*\\bsrc=)[^>]*>|<style\\b|\\sstyle\\s*=|\\sth:style\\s*=|\\son[a-z]+\\s*=|javascript:",
				Pattern.CASE_INSENSITIVE);
		try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
			List<Path> templates = files.filter(p -> p.toString().endsWith(".html")).toList();
			assertThat(templates).hasSizeGreaterThan(10);
			for (Path template : templates) {
				assertThat(inline.matcher(Files.readString(template)).find()).as(template.toString()).isFalse();
			}
		}
	}

}
