package org.tokenyield.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.tokenyield.IntegrationTest;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.BrowserSession;
import org.tokenyield.support.Http;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Anonymous readers get figure pages from the figure cache, rendered once per figure
 * version (docs/pages.md "Pages from the figure cache"); signed-in readers get theirs
 * rendered per request, and no reader's state reaches the shared bytes.
 */
@IntegrationTest
class AnonymousPagesTests {

	@LocalServerPort
	int port;

	@Autowired
	AnonymousPages pages;

	final HttpClient client = HttpClient.newHttpClient();

	/** The keys of the pages rendered since this test started. */
	final List<List<Object>> rendered = new CopyOnWriteArrayList<>();

	@BeforeEach
	void countRenders() {
		this.pages.onRendered(this.rendered::add);
	}

	private long renders(String tag) {
		return this.rendered.stream().filter(key -> key.toString().contains(tag)).count();
	}

	@Test
	void anonymousReadersShareOneRenderPerFigureVersionAndANewRunMakesANewPage() throws Exception {
		Http maintainer = Accounts.maintainer(new Http(this.port), Accounts.uniqueName("pages"));
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String dataset = "pages-" + tag;
		// two prompts of 100 generated tokens each: a mean of 100
		String asOf = importRuns(maintainer, dataset, tag, 0, 2, 100);
		String home = "/?dataset=" + dataset;

		HttpResponse<String> first = get(home + "&min_as_of=" + asOf, null);
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html").contains("UTF-8");
		assertThat(first.body()).contains("pages/model-" + tag).containsPattern(generated("100"));
		assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("public");
		assertThat(first.headers().firstValue("Set-Cookie")).isEmpty();
		// static files linked with their version, as a render on a request links them
		assertThat(first.body()).containsPattern("/webjars/chart\\.js/\\d[^/]*/dist/chart\\.umd\\.js");
		assertThat(renders(dataset)).isEqualTo(1);

		HttpResponse<String> second = get(home, null);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(second.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
		assertThat(second.headers().firstValue("As-Of")).isEqualTo(first.headers().firstValue("As-Of"));
		assertThat(renders(dataset)).as("the second reader is served the first one's render").isEqualTo(1);
		assertThat(get(home, first.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(304);

		// a third prompt of 400 tokens: mean (100 + 100 + 400) / 3 = 200, in a new page
		// rendered in the background after the new version
		importRuns(maintainer, dataset, tag, 2, 1, 400);
		await().atMost(Duration.ofSeconds(20)).until(() -> generated("200").matcher(get(home, null).body()).find());
		HttpResponse<String> after = get(home, null);
		assertThat(after.headers().firstValue("ETag")).isNotEqualTo(first.headers().firstValue("ETag"));
		assertThat(after.body()).contains("Figures as of");
		assertThat(renders(dataset)).isGreaterThan(1);
	}

	@Test
	void aSignedInReaderGetsAPageOfTheirOwnAndTheSharedPageNoneOfIt() throws Exception {
		String name = Accounts.uniqueName("reader");
		Accounts.member(new Http(this.port), name);
		BrowserSession session = new BrowserSession(this.port);
		assertThat(session.signIn(name, "correct-horse-1").location()).doesNotContain("error");
		String dataset = "signed-" + UUID.randomUUID().toString().substring(0, 8);
		String url = "/compare?dataset=" + dataset;
		get(url, null);
		assertThat(renders(dataset)).isEqualTo(1);

		BrowserSession.Page mine = session.get(url);
		assertThat(mine.status()).isEqualTo(200);
		assertThat(mine.body()).contains(name).contains("Sign out").contains(session.csrf());
		assertThat(mine.raw().headers().firstValue("Cache-Control").orElseThrow()).doesNotContain("public");
		assertThat(mine.raw().headers().firstValue("ETag")).as("rendered for the session, not from the cache")
			.isEmpty();

		HttpResponse<String> shared = get(url, null);
		assertThat(shared.body()).doesNotContain(name)
			.doesNotContain(session.csrf())
			.doesNotContain("_csrf")
			.doesNotContain("Sign out")
			.contains("Sign in");
	}

	@Test
	void badParametersStillAnswerThePagesErrorAndAreNeverCached() throws Exception {
		HttpResponse<String> badFilter = get("/?difficulty=impossible&dataset=bad-filter", null);
		assertThat(badFilter.statusCode()).isEqualTo(400);
		assertThat(badFilter.body()).contains("difficulty").contains("must be easy, medium, hard or unknown");
		assertThat(badFilter.headers().firstValue("ETag")).isEmpty();
		assertThat(get("/compare?from=nobody/none&to=nobody/else", null).statusCode()).isEqualTo(404);
		assertThat(get("/models/nobody/none", null).statusCode()).isEqualTo(404);
		assertThat(this.rendered)
			.noneMatch(key -> key.toString().contains("nobody") || key.toString().contains("bad-filter"));
	}

	private static java.util.regex.Pattern generated(String tokens) {
		return java.util.regex.Pattern.compile("data-label=\"Generated\"[^>]*>" + tokens + "<");
	}

	/** Imports one sample per prompt and answers the version that includes them. */
	private static String importRuns(Http maintainer, String dataset, String tag, int firstPrompt, int prompts,
			int generated) {
		StringBuilder body = new StringBuilder();
		for (int p = firstPrompt; p < firstPrompt + prompts; p++) {
			body.append(
					"""
							{"prompt_key":"pages-%s-%d","prompt_text":"A page's prompt %s %d","category":"math","model":"pages/model-%s","setting":"default","sample":0,"input_tokens":10,"output_tokens":%d,"score":1,"finished_at":"2026-11-20T10:00:00Z"}
							"""
						.formatted(tag, p, tag, p, tag, generated));
		}
		Http.Response imported = maintainer.post("/api/v1/imports?dataset=" + dataset, "application/x-ndjson",
				body.toString());
		assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
		return imported.json().get("as_of").asString();
	}

	private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET();
		if (ifNoneMatch != null) {
			request.header("If-None-Match", ifNoneMatch);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
