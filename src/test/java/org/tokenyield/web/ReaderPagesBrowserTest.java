package org.tokenyield.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;
import org.tokenyield.runs.RunService;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Browser;
import org.webjars.WebJarVersionLocator;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page as a reader sees it, at a 1366 × 768 laptop and a 390-px phone, over a slice
 * of the starter set run by the offline versions: axe-core finds no serious or critical
 * violation, the console has no error (content-policy violations included), no chart is
 * drawn without data, and no figure page scrolls sideways. Also the leaderboard's core
 * claim, its column toggle and keyboard sorting, the drift figure's links, the compare
 * page on tokenizers, and the screenshots in docs/screenshots.
 */
@IntegrationTest
class ReaderPagesBrowserTest {

	private static final Path SCREENSHOTS = Path.of("docs/screenshots");

	private static String axe;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RunService runs;

	@Autowired
	SummaryVersionStamper stamper;

	List<Long> prompts;

	@BeforeAll
	static void loadAxe() throws IOException {
		String path = new WebJarVersionLocator().fullPath("axe-core", "axe.min.js");
		try (InputStream in = ReaderPagesBrowserTest.class.getClassLoader().getResourceAsStream(path)) {
			assertThat(in).as(path).isNotNull();
			axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@BeforeEach
	void world() {
		this.prompts = StarterWorld.approve(this.port);
		assertThat(new StarterFiguresWarmup(this.runs, this.stamper, new FirstPageProperties(StarterWorld.runBudget()))
			.warmUp()).isTrue();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private long japanesePrompt() {
		return this.jdbc.sql("select id from prompts where text like '日本の首都%' order by id limit 1")
			.query(Long.class)
			.single();
	}

	private List<String> publicPages() {
		long run = this.jdbc.sql("""
				select r.id from runs r join model_versions m on m.id = r.model_id
				 where m.model_key = 'simulator/sim-alpha-2' and r.status = 'SUCCEEDED' order by r.id limit 1""")
			.query(Long.class)
			.single();
		return List.of("/", "/?columns=all", "/?category=multilingual", "/methodology", "/models/simulator/sim-alpha-2",
				"/models/tokenizer/o200k_base", "/compare",
				"/compare?from=simulator/sim-alpha-1&to=simulator/sim-alpha-2",
				"/compare?from=tokenizer/cl100k_base&to=tokenizer/o200k_base", "/prompts/" + japanesePrompt(),
				"/runs/" + run, "/login", "/signup", "/api/v1/docs");
	}

	private List<String> signedInPages() {
		return List.of("/submit", "/me/prompts", "/account", "/moderation",
				"/moderation/" + this.prompts.get(0) + "/edit", "/audit", "/moderation/import", "/admin/runs",
				"/admin/models", "/admin/providers", "/admin/accounts");
	}

	@Test
	void everyPageIsAccessibleAndCleanOnALaptopAndAPhone() {
		List<String> problems = new ArrayList<>();
		for (int[] size : new int[][] { { 1366, 768 }, { 390, 844 } }) {
			ChromeDriver browser = Browser.start(size[0], size[1]);
			try {
				watchContentPolicy(browser);
				for (String page : publicPages()) {
					problems.addAll(check(browser, page, size[0]));
				}
				signIn(browser, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
				for (String page : signedInPages()) {
					problems.addAll(check(browser, page, size[0]));
				}
			}
			finally {
				browser.quit();
			}
		}
		assertThat(problems).as("problems found in the browser").isEmpty();
	}

	@Test
	void theLeaderboardShowsTheCoreClaimWithoutSidewaysScrolling() {
		ChromeDriver browser = Browser.start(1366, 768);
		try {
			browser.get(url("/"));
			int viewport = ((Long) browser.executeScript("return window.innerWidth")).intValue();
			for (String core : List.of("Accuracy", "Generated tok.", "Drift vs predecessor", "Slope α",
					"Cost / correct")) {
				WebElement th = header(browser, core);
				assertThat(th.isDisplayed()).as(core).isTrue();
				assertThat(th.getRect().getX() + th.getRect().getWidth()).as(core + " right edge")
					.isLessThanOrEqualTo(viewport);
			}
			assertThat(header(browser, "Token CV").isDisplayed()).isFalse();
			WebElement alpha2 = browser
				.findElement(By.cssSelector("#leaderboard tr[data-model='simulator/sim-alpha-2']"));
			assertThat(alpha2.getText()).contains("simulated")
				.containsPattern("[+-]\\d+\\.\\d%")
				.contains("vs simulator/sim-alpha-1");
			assertThat(alpha2.findElements(By.cssSelector("[class*='badge verdict-']"))).hasSize(1);
			assertThat(alpha2.findElements(By.cssSelector("[class*='badge regime-']"))).hasSize(1);

			// the secondary columns are one tick away, and the choice is in the URL
			browser.findElement(By.id("all-columns")).click();
			browser.findElement(By.cssSelector("#filters button[type=submit]")).click();
			new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("columns=all"));
			assertThat(header(browser, "Token CV").isDisplayed()).isTrue();
			assertThat(header(browser, "Input drift").isDisplayed()).isTrue();

			// sorting from the keyboard
			WebElement accuracy = header(browser, "Accuracy");
			accuracy.sendKeys(Keys.ENTER);
			assertThat(header(browser, "Accuracy").getDomAttribute("aria-sort")).isEqualTo("ascending");
			List<Double> values = browser.findElements(By.cssSelector("#leaderboard tbody tr td:nth-child(3)"))
				.stream()
				.map(td -> td.getDomAttribute("data-value"))
				.filter(v -> v != null && !v.isEmpty())
				.map(Double::valueOf)
				.toList();
			assertThat(values).hasSizeGreaterThan(2).isSorted();

			// the signature figure: each successor with graded answers at (drift,
			// accuracy change), linked to its pair
			waitForCharts(browser);
			Object points = browser.executeScript("""
					const c = Chart.getChart(document.getElementById('drift-chart'));
					return c.data.datasets.flatMap(d => d.data.map(p => p.label + '|' + p.verdict + '|' + p.href));""");
			assertThat((List<?>) points).anySatisfy(p -> assertThat(p.toString())
				.startsWith("simulator/sim-alpha-1 → simulator/sim-alpha-2 (simulated)|")
				.contains("/compare?from=simulator%2Fsim-alpha-1&to=simulator%2Fsim-alpha-2"));
			browser.findElement(By.cssSelector("#drift-data summary")).click();
			assertThat(browser.findElement(By.id("drift-pairs")).getText()).contains(
					"simulator/sim-alpha-1 → simulator/sim-alpha-2", "tokenizer/cl100k_base → tokenizer/o200k_base");
			screenshot(browser, "/", "leaderboard.png");
		}
		finally {
			browser.quit();
		}
		ChromeDriver phone = Browser.start(390, 844);
		try {
			phone.get(url("/"));
			assertThat(
					(Boolean) phone.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
				.as("no sideways scroll at 390 px")
				.isTrue();
			// the same core fields come first in each row's card
			List<String> labels = phone.findElements(By.cssSelector("#leaderboard tbody tr:first-child td"))
				.stream()
				.filter(WebElement::isDisplayed)
				.map(td -> td.getDomAttribute("data-label"))
				.toList();
			assertThat(labels).startsWith("#", "Model version", "Accuracy", "Generated", "Drift", "Slope α",
					"Cost/correct");
			screenshot(phone, "/", "leaderboard-phone.png", 1600);
		}
		finally {
			phone.quit();
		}
	}

	@Test
	void theComparePagePlotsInputTokensForTokenizersAndSaysSo() {
		ChromeDriver browser = Browser.start(1366, 900);
		try {
			browser.get(url("/compare?from=tokenizer/cl100k_base&to=tokenizer/o200k_base"));
			waitForCharts(browser);
			assertThat(browser.findElement(By.id("pairs-caption")).getText()).startsWith("Input tokens per prompt");
			Object plotted = browser.executeScript(
					"""
							const c = Chart.getChart(document.getElementById('pairs-chart'));
							return c.data.datasets.filter(d => d.label !== 'no change').reduce((n, d) => n + d.data.length, 0);""");
			assertThat((Long) plotted).isGreaterThanOrEqualTo(StarterWorld.KEYS.size());
			// the headline gives the drift it plots, not dashes for what tokenizers lack
			assertThat(browser.findElement(By.id("verdict")).getText()).containsPattern("input tokens [+-]\\d")
				.contains("Accuracy and verdict do not apply")
				.doesNotContain("–");

			browser.get(url("/compare?from=simulator/sim-alpha-1&to=simulator/sim-alpha-2"));
			waitForCharts(browser);
			assertThat(browser.findElement(By.id("pairs-caption")).getText()).startsWith("Generated tokens per prompt");
			screenshot(browser, null, "compare.png");
			browser.get(url("/models/simulator/sim-alpha-2"));
			waitForCharts(browser);
			screenshot(browser, null, "model.png");
			browser.get(url("/prompts/" + japanesePrompt()));
			assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("日本の首都");
			screenshot(browser, null, "prompt-japanese.png", 640);
		}
		finally {
			browser.quit();
		}
	}

	// ------------------------------------------------------------------------------------------

	private List<String> check(ChromeDriver browser, String page, int width) {
		List<String> problems = new ArrayList<>();
		String where = page + " @" + width + "px: ";
		browser.manage().logs().get(LogType.BROWSER); // drop entries of earlier pages
		browser.get(url(page));
		assertThat(browser.getCurrentUrl()).as(where + "not redirected (signed in?)").doesNotContain("/login?");
		waitForCharts(browser);
		if (browser.getCurrentUrl().contains("/swagger-ui/")) {
			// the third-party API browser: console and content policy only, its markup is
			// not ours
			return consoleAndPolicy(browser, where, problems);
		}
		browser.executeScript(axe);
		browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
		Map<?, ?> axeResult = (Map<?, ?>) browser.executeAsyncScript(
				"""
						const done = arguments[arguments.length - 1];
						axe.run(document, { resultTypes: ['violations'] })
						  .then(r => done({ passes: r.passes.length, violations: r.violations
						    .filter(v => v.impact === 'serious' || v.impact === 'critical')
						    .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')) }))
						  .catch(e => done({ passes: 0, violations: ['axe failed: ' + e] }));""");
		assertThat((Long) axeResult.get("passes")).as(where + "axe ran its rules").isPositive();
		((List<?>) axeResult.get("violations")).forEach(v -> problems.add(where + v));
		consoleAndPolicy(browser, where, problems);
		Object empty = browser.executeScript("""
				return Array.from(document.querySelectorAll('canvas')).filter(c => {
				  const chart = window.Chart && Chart.getChart(c);
				  return chart && chart.data.datasets.reduce((n, d) => n + d.data.length, 0) === 0;
				}).map(c => c.id);""");
		((List<?>) empty).forEach(id -> problems.add(where + "chart drawn with no data: " + id));
		if (!(Boolean) browser.executeScript("return document.documentElement.scrollWidth <= window.innerWidth + 1")) {
			problems.add(where + "scrolls sideways: "
					+ browser.executeScript("return document.documentElement.scrollWidth") + " px wide");
		}
		return problems;
	}

	private static List<String> consoleAndPolicy(ChromeDriver browser, String where, List<String> problems) {
		browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
			.forEach(e -> problems.add(where + "console: " + e.getMessage()));
		Object csp = browser.executeScript("return window.__cspViolations || []");
		((List<?>) csp).forEach(v -> problems.add(where + "content policy: " + v));
		return problems;
	}

	/**
	 * Records content-policy violations from the start of every page (a second net beside
	 * the console).
	 */
	private static void watchContentPolicy(ChromeDriver browser) {
		browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
				"""
						window.__cspViolations = [];
						document.addEventListener('securitypolicyviolation',
						  e => window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));"""));
	}

	/** Every canvas is either drawn or marked empty with its reason in the caption. */
	private static void waitForCharts(ChromeDriver browser) {
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> Boolean.TRUE.equals(browser.executeScript("""
				return document.readyState === 'complete' && Array.from(document.querySelectorAll('canvas')).every(c =>
				  c.getAttribute('data-empty') === 'true' || (window.Chart && Chart.getChart(c)));""")));
	}

	private void signIn(ChromeDriver browser, String username, String password) {
		browser.get(url("/login"));
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.id("sign-in")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until(d -> d.findElement(By.cssSelector(".site-header")).getText().contains(username));
	}

	private static WebElement header(ChromeDriver browser, String text) {
		return browser.findElement(By.xpath("//table[@id='leaderboard']//th[normalize-space()='" + text + "']"));
	}

	/** A full-page PNG for the README, at the browser's width. */
	private void screenshot(ChromeDriver browser, String path, String name) {
		screenshot(browser, path, name, 2400);
	}

	private void screenshot(ChromeDriver browser, String path, String name, int maxHeight) {
		if (path != null) {
			browser.get(url(path));
			waitForCharts(browser);
		}
		try {
			Files.createDirectories(SCREENSHOTS);
			int width = ((Long) browser.executeScript("return window.innerWidth")).intValue();
			int viewport = ((Long) browser.executeScript("return window.innerHeight")).intValue();
			int height = (int) Math.min(maxHeight,
					(Long) browser.executeScript("return document.documentElement.scrollHeight"));
			// a viewport as tall as the picture, so that the charts lay themselves out
			// for it before the shot
			browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
					Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 500));
			new WebDriverWait(browser, Duration.ofSeconds(5))
				.until(d -> Boolean.TRUE.equals(browser.executeScript("return window.innerHeight === " + height)));
			// the charts lay themselves out on the frames after the resize (the
			// ResizeObserver, then Chart.js's redraw on the next frame): wait for those
			// frames rather than for a time
			browser.executeAsyncScript("""
					const done = arguments[arguments.length - 1];
					requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(done)));""");
			double scale = width > 1000 ? 0.75 : 1.0;
			Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
					"clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", scale)));
			Files.write(SCREENSHOTS.resolve(name), Base64.getDecoder().decode((String) shot.get("data")));
			browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
					Map.of("width", width, "height", viewport, "deviceScaleFactor", 1, "mobile", width < 500));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
