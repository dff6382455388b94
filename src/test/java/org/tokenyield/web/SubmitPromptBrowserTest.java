package org.tokenyield.web;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.tokenyield.IntegrationTest;
import org.tokenyield.support.Accounts;
import org.tokenyield.support.Browser;
import org.tokenyield.support.Http;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member signs in, previews and submits a prompt through the form, and finds it in "my
 * submissions".
 */
@IntegrationTest
class SubmitPromptBrowserTest {

	@LocalServerPort
	int port;

	ChromeDriver browser;

	@BeforeEach
	void start() {
		this.browser = Browser.start();
	}

	@AfterEach
	void stop() {
		this.browser.quit();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	@Test
	void signInSubmitAndSeeItInMySubmissions() {
		String username = Accounts.uniqueName("browser");
		Accounts.member(new Http(this.port), username);

		this.browser.get(url("/login"));
		this.browser.findElement(By.id("username")).sendKeys(username);
		this.browser.findElement(By.id("password")).sendKeys("correct-horse-1");
		this.browser.findElement(By.id("sign-in")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until(d -> d.findElement(By.cssSelector(".site-header")).getText().contains(username));

		this.browser.get(url("/submit"));
		String title = "Browser prompt " + System.nanoTime();
		// a bad rule first: the form keeps what was typed and says what is wrong
		this.browser.findElement(By.id("title")).sendKeys(title);
		this.browser.findElement(By.id("text")).sendKeys("How many legs does a spider have?\nAnswer: <number>");
		new Select(this.browser.findElement(By.id("category"))).selectByValue("factual");
		new Select(this.browser.findElement(By.id("graderType"))).selectByValue("numeric");
		WebElement expected = this.browser.findElement(By.name("expected"));
		expected.sendKeys("eight");
		this.browser.findElement(By.id("submit-button")).click();
		assertThat(this.browser.findElement(By.id("form-errors")).getText()).contains("not saved");
		assertThat(this.browser.findElement(By.id("title")).getAttribute("value")).isEqualTo(title);
		List<WebElement> fieldErrors = this.browser.findElements(By.cssSelector(".grader-fields span.error"));
		assertThat(fieldErrors).extracting(WebElement::getText).anySatisfy(text -> assertThat(text).isNotBlank());

		expected = this.browser.findElement(By.name("expected"));
		expected.clear();
		expected.sendKeys("8");
		this.browser.findElement(By.id("preview-button")).click();
		assertThat(this.browser.findElement(By.id("preview")).getText()).contains("How many legs");
		this.browser.findElement(By.id("submit-button")).click();

		new WebDriverWait(this.browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/me/prompts"));
		List<WebElement> rows = this.browser.findElements(By.cssSelector("#my-prompts tbody tr"));
		assertThat(rows).anySatisfy(row -> assertThat(row.getText()).contains(title, "PENDING"));
	}

}
