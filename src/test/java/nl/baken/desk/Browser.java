package nl.baken.desk;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven by its ChromeDriver. Where they are not installed the browser tests are skipped, so a
 * newcomer with only a JDK can run the suite; on CI ({@code CI=true}, where {@code .ci/run} installs them) a missing
 * browser fails instead, so these tests can never silently stop running.
 */
final class Browser {

	private static final File CHROMIUM = new File("/usr/bin/chromium");

	private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	private Browser() {
	}

	static ChromeDriver start() throws IOException {
		boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
		if (!installed && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("CI must run the browser tests: install chromium and chromium-driver");
		}
		Assumptions.assumeTrue(installed, "Chromium and ChromeDriver are not installed (apt-get install chromium "
				+ "chromium-driver); browser tests skipped");
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--no-first-run", "--window-size=1280,800",
					"--user-data-dir=" + profileDirectory());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
		return driver;
	}

	// Under target/ rather than /tmp: each browser leaves a 2.5 MB profile behind, which `mvn clean` then removes.
	private static Path profileDirectory() throws IOException {
		Path profiles = Files.createDirectories(Path.of("target", "chromium-profiles"));
		return Files.createTempDirectory(profiles, "baken-chromium").toAbsolutePath();
	}

	/** Clicks a form's button and waits until the page it posts to has replaced this one. */
	static void submit(ChromeDriver driver, By button) {
		WebElement clicked = driver.findElement(button);
		clicked.click();
		// While the old page is torn down Chromium may answer "not in the document" instead of "stale": both mean gone.
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
			try {
				clicked.isEnabled();
				return false;
			}
			catch (WebDriverException gone) {
				return true;
			}
		});
	}

	/** Logs in through the form on the server at {@code port}. */
	static void logIn(ChromeDriver driver, int port, String username, String password) {
		driver.get("http://127.0.0.1:" + port + "/login");
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys(password);
		submit(driver, By.cssSelector("button[type=submit]"));
	}

	static Path screenshot(ChromeDriver driver, String name) throws IOException {
		Path target = Path.of("target", "screenshots", name);
		Files.createDirectories(target.getParent());
		Files.write(target, driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
		return target;
	}
}
