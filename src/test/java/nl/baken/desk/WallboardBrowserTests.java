package nl.baken.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;

import nl.baken.access.ApiTokens;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Scope;
import nl.baken.access.Users;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The wallboard in a real browser: a new contact shows in the waiting count without the page reloading. */
@TestPropertySource(properties = "baken.demo.enabled=false")
class WallboardBrowserTests extends BrowserTestSupport {

	private static final String PASSWORD = "wallboard-test-wachtwoord";

	@Autowired
	Users users;

	@Autowired
	ApiTokens tokens;

	@Test
	void anInboundEmailRaisesTheWaitingCountWithoutAReload() throws Exception {
		String lead = "lead-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(lead, "Wall Lead", PASSWORD, EnumSet.of(Role.TEAM_LEAD), null, "en"),
				Actor.system("test"));
		Browser.logIn(browser, port, lead, PASSWORD);
		browser.get("http://127.0.0.1:" + port + "/desk/wallboard");
		int before = waitingEmail();
		browser.executeScript("window.notReloaded = true;");

		deliver();

		new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
			.until(driver -> waitingEmail() == before + 1);
		assertThat(browser.executeScript("return window.notReloaded === true;")).isEqualTo(true);
		Browser.screenshot(browser, "wallboard.png");
	}

	private int waitingEmail() {
		return Integer.parseInt(browser.findElement(By.cssSelector("#channel-email td.waiting")).getText().strip());
	}

	private void deliver() throws Exception {
		String token = tokens.issue("wallboard-test", EnumSet.of(Scope.INBOUND_WRITE), Actor.system("test")).token();
		String body = """
				{"channel":"email","providerMessageId":"%s","sender":{"email":"%s@example.nl","name":"Karin"},
				 "subject":"Waar blijft mijn bestelling?","text":"Hallo","sentAt":"2026-11-23T09:00:00Z"}"""
			.formatted(UUID.randomUUID(), UUID.randomUUID());
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/inbound"))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
	}
}
