package nl.baken.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Users;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.TestPropertySource;

/**
 * The rules page in a real browser: a team lead writes a device rule (a refusal first says what is missing), uploads
 * the demo telemetry stream and sees the rule would fire once for each of the two overheating heat pumps.
 */
@TestPropertySource(properties = "baken.demo.enabled=false")
class RuleBrowserTests extends BrowserTestSupport {

	private static final String PASSWORD = "regels-browser-wachtwoord";

	@Autowired
	Users users;

	@Test
	void aTeamLeadWritesARuleAndReplaysAStream() throws Exception {
		String lead = "lead-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(lead, "Team Lead", PASSWORD, EnumSet.of(Role.TEAM_LEAD), null, "en"),
				Actor.system("test"));
		Browser.logIn(browser, port, lead, PASSWORD);
		browser.get("http://127.0.0.1:" + port + "/desk");
		browser.findElement(By.linkText("Rules")).click();
		browser.findElement(By.id("new-rule")).click();

		String name = "Heat pump too hot " + UUID.randomUUID().toString().substring(0, 6);
		browser.findElement(By.id("name")).sendKeys(name);
		browser.findElement(By.id("filters")).sendKeys("metric=temperature");
		new Select(browser.findElement(By.id("kind"))).selectByValue("threshold");
		browser.findElement(By.id("integrationName")).sendKeys("shop");
		browser.findElement(By.id("integrationPath")).sendKeys("/actions/replace-device");
		Browser.submit(browser, By.id("save-rule"));
		// no threshold yet: refused, with what was typed kept
		assertThat(browser.findElement(By.id("rule-error")).getText())
			.contains("Not saved: a threshold condition needs a number as its threshold.");
		assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo(name);

		browser.findElement(By.id("threshold")).sendKeys("80");
		Browser.submit(browser, By.id("save-rule"));
		assertThat(browser.findElement(By.cssSelector("p.info")).getText()).isEqualTo("Saved.");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(name);

		Path stream = Files.createTempFile("telemetry", ".jsonl");
		Files.writeString(stream, new ClassPathResource("demo/telemetry.jsonl").getContentAsString(StandardCharsets.UTF_8));
		browser.findElement(By.id("file")).sendKeys(stream.toAbsolutePath().toString());
		Browser.submit(browser, By.id("replay"));
		assertThat(browser.findElement(By.id("replay-summary")).getText()).isEqualTo("105 events, 2 firings");
		List<String> keys = browser.findElements(By.cssSelector("tr.replayed td:nth-child(2)"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(keys).containsExactly("hp-1002", "hp-1001");
		assertThat(browser.findElement(By.cssSelector("tr.replayed td:nth-child(3)")).getText())
			.startsWith("value > 80 from 2026-11-20T08:10:00Z");
		// a dry run: nothing fired for real
		assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("It has not fired yet.");
		Browser.screenshot(browser, "rules-replay.png");

		// pasted text that is not events: a readable refusal
		browser.findElement(By.id("events")).sendKeys("{\"type\":\"device.telemetry\",\"occurredAt\":\"gisteren\"}");
		Browser.submit(browser, By.id("replay"));
		assertThat(browser.findElement(By.id("replay-error")).getText())
			.contains("The events could not be read:", "line 1");

		browser.findElement(By.linkText("All rules")).click();
		WebElement row = browser.findElement(By.cssSelector("tr[data-rule='" + name + "']"));
		assertThat(row.getText()).contains("on");
		// the toggle posts a form: wait for the page it answers with, or the old row may be read as it goes
		Browser.submit(browser, By.cssSelector("tr[data-rule='" + name + "'] button.toggle"));
		assertThat(browser.findElement(By.cssSelector("tr[data-rule='" + name + "']")).getText()).contains("off");
		Files.deleteIfExists(stream);
	}
}
