package org.tokenyield.web;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tokenyield.IntegrationTest;
import org.tokenyield.analytics.FigureFixture;
import org.tokenyield.analytics.freshness.SummaryVersionStamper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leaderboard and a model page draw their charts in headless Chromium (a Chart
 * instance with non-blank pixels), log no SEVERE console error, and a filter change
 * changes the figures. Uses the system's Chromium and chromedriver so that nothing is
 * ever downloaded.
 */
@IntegrationTest
class FiguresBrowserTest {

	static ChromeDriver driver;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SummaryVersionStamper stamper;

	FigureFixture w;

	@BeforeAll
	static void browser() {
		System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-dev-shm-usage", "--window-size=1280,1600");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		driver = new ChromeDriver(options);
	}

	@AfterAll
	static void quit() {
		if (driver != null) {
			driver.quit();
		}
	}

	@BeforeEach
	void world() {
		this.w = new FigureFixture().create(this.jdbc);
		this.stamper.refreshNow(true);
	}

	@Test
	void leaderboardDrawsItsCharts() {
		open("/");
		assertDrawn("pareto-chart");
		assertDrawn("drift-chart");
		assertThat(driver.findElement(By.id("leaderboard")).getText()).contains(this.w.a);
		// clicking a header sorts: the accuracy column ascending puts the lowest first
		driver.findElement(By.xpath("//table[@id='leaderboard']//th[normalize-space()='Accuracy']")).click();
		assertThat(driver.findElement(By.xpath("//table[@id='leaderboard']//th[normalize-space()='Accuracy']"))
			.getDomAttribute("aria-sort")).isEqualTo("ascending");
		assertNoSevereErrors();
	}

	@Test
	void paretoChartDrawsTheFrontierTheServerSent() {
		open("/?setting=all&dataset=figtest");
		assertDrawn("pareto-chart");
		Object drawn = js(
				"return window.tyCharts['pareto-chart'].data.datasets.find(d => d.label === 'Pareto frontier')"
						+ ".data.map(p => p.x + ':' + p.y).join(',')");
		Object sent = js(
				"""
						const x = new XMLHttpRequest();
						x.open('GET', '/api/v1/leaderboard?setting=all&dataset=figtest', false);
						x.setRequestHeader('Accept', 'application/json');
						x.send();
						return JSON.parse(x.responseText).frontier.map(f => f.generated + ':' + f.accuracy * 100).join(',');""");
		assertThat(drawn).isEqualTo(sent);
		assertThat((String) drawn).contains("220:75"); // A at thinking:1024
		assertNoSevereErrors();
	}

	@Test
	void modelPageDrawsItsChartsAndFiltersChangeThem() {
		open("/models/" + this.w.a);
		for (String id : List.of("sweep-chart", "parallel-chart", "length-chart", "variance-chart", "timeline-chart")) {
			assertDrawn(id);
		}
		Object before = js("return window.tyCharts['sweep-chart'].data.datasets[0].data.map(p => p.y).join(',')");
		assertThat(before).isEqualTo("50,75");
		new Select(driver.findElement(By.name("category"))).selectByValue("math");
		driver.findElement(By.cssSelector("#filters button[type=submit]")).click();
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("category=math"));
		assertDrawn("sweep-chart");
		Object after = js("return window.tyCharts['sweep-chart'].data.datasets[0].data.map(p => p.y).join(',')");
		assertThat(after).isEqualTo("100,100");
		assertThat(driver.findElement(By.id("category-table")).getText()).contains("math").doesNotContain("code");
		assertNoSevereErrors();
	}

	/**
	 * Runs without answers (as imports without one) leave nothing to vote on: the caption
	 * says majority@k is not available, and no majority point is drawn as 0.
	 */
	@Test
	void modelPageSaysMajorityIsNotAvailableWithoutAnswers() {
		this.jdbc.sql("update runs set extracted_answer = null, voting_key = null where model_id = ?")
			.param(this.w.bId)
			.update();
		this.stamper.refreshNow(true);
		open("/models/" + this.w.b);
		assertDrawn("parallel-chart");
		assertThat(driver.findElement(By.id("parallel-caption")).getText()).contains("majority@k: not available");
		assertThat(js("return window.tyCharts['parallel-chart'].data.datasets[2].data.length")).isEqualTo(0L);
		assertNoSevereErrors();
	}

	@Test
	void comparePageDrawsThePairedScatter() {
		open("/compare?from=" + this.w.b + "&to=" + this.w.a);
		assertDrawn("pairs-chart");
		assertThat(js(
				"return window.tyCharts['pairs-chart'].data.datasets.filter(d => d.label !== 'no change').reduce((n, d) => n + d.data.length, 0)"))
			.isEqualTo(12L);
		assertNoSevereErrors();
	}

	private void open(String path) {
		driver.get("http://localhost:" + this.port + path);
	}

	private static Object js(String script) {
		return ((JavascriptExecutor) driver).executeScript(script);
	}

	/** A Chart instance exists on the canvas and some pixel is not transparent. */
	private static void assertDrawn(String id) {
		new WebDriverWait(driver, Duration.ofSeconds(15))
			.until(d -> Boolean.TRUE.equals(js("const c = document.getElementById('" + id
					+ "'); return !!(c && window.Chart && Chart.getChart(c));")));
		Object painted = js("""
				const c = document.getElementById(arguments[0]);
				const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
				let n = 0;
				for (let i = 3; i < px.length; i += 4) { if (px[i] !== 0) n++; }
				return n;""".replace("arguments[0]", "'" + id + "'"));
		assertThat((Long) painted).as(id + " painted pixels").isGreaterThan(500L);
	}

	private static void assertNoSevereErrors() {
		List<LogEntry> severe = driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
			// the site has no favicon yet (the layout is not this feature's); the browser
			// asks anyway
			.filter(e -> !e.getMessage().contains("/favicon.ico"))
			.toList();
		assertThat(severe).as("SEVERE console entries").isEmpty();
	}

}
