package org.tokenyield.support;

import java.time.Duration;
import java.util.logging.Level;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium from the machine's packages (/usr/bin/chromium and
 * /usr/bin/chromedriver), so Selenium never tries to download a browser or a driver.
 */
public final class Browser {

	private Browser() {
	}

	public static ChromeDriver start() {
		return start(1280, 900);
	}

	/** A browser of the given window size whose console entries the test can read. */
	public static ChromeDriver start(int width, int height) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
				"--window-size=" + width + "," + height, "--force-device-scale-factor=1");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(
					new java.io.File(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")))
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
		if (width < 500) {
			// a desktop window cannot be narrower than about 500 px: emulate the phone's
			// viewport
			driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
					java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
		}
		return driver;
	}

}
