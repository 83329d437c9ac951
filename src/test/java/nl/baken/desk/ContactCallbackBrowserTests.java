package nl.baken.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.UUID;

import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Users;
import nl.baken.knowledge.ContactTopic;
import nl.baken.knowledge.ContactTopics;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A customer asks for a callback on the contact page in a real browser, reads the confirmation, and the team lead
 * finds it among the pending callbacks in the desk.
 */
@TestPropertySource(properties = "baken.demo.enabled=false")
class ContactCallbackBrowserTests extends BrowserTestSupport {

	private static final String PASSWORD = "browser-test-wachtwoord";

	@Autowired
	ContactTopics topics;

	@Autowired
	Users users;

	@Test
	void aCustomerAsksForACallbackOnTheContactPageAndTheTeamLeadSeesIt() throws Exception {
		String topic = "cb-" + UUID.randomUUID().toString().substring(0, 8);
		topics.define(new ContactTopic(topic, "Terugbellen test", "Callback test", null, null, "+31201234567", null,
				"ma–vr 8–20", "Mon–Fri 8–20", 0));
		String lead = "lead-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(lead, "Team Lead", PASSWORD, EnumSet.of(Role.TEAM_LEAD), null, "nl"),
				Actor.system("test"));
		String local = "061" + (1_000_000 + (int) (Math.random() * 8_999_999));
		String e164 = "+316" + local.substring(2);
		String reason = "Mijn tuinhuis is niet compleet " + UUID.randomUUID().toString().substring(0, 6);

		browser.get("http://127.0.0.1:" + port + "/contact/nl?q=onderdeel+ontbreekt&reach=true");
		browser.findElement(By.cssSelector("#callback-" + topic)).findElement(By.xpath("..")).findElement(
				By.tagName("summary")).click();
		// a number that cannot be called is explained in the form, and what was typed stays
		browser.findElement(By.id("phone-" + topic)).sendKeys("12345");
		browser.findElement(By.id("reason-" + topic)).sendKeys(reason);
		Browser.submit(browser, By.cssSelector("#callback-" + topic + " button[type=submit]"));
		assertThat(browser.findElement(By.cssSelector("#callback-" + topic + " .error")).getText())
			.startsWith("Dit is geen telefoonnummer dat we kunnen bellen.");
		assertThat(browser.findElement(By.id("reason-" + topic)).getAttribute("value")).isEqualTo(reason);

		browser.findElement(By.id("phone-" + topic)).clear();
		browser.findElement(By.id("phone-" + topic)).sendKeys(local);
		Browser.submit(browser, By.cssSelector("#callback-" + topic + " button[type=submit]"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Je terugbelverzoek staat genoteerd");
		assertThat(browser.findElement(By.id("callback-confirmation")).getText())
			.startsWith("We bellen je terug op " + e164 + " zodra je aan de beurt bent");
		Browser.screenshot(browser, "contact-callback-confirmed.png");

		Browser.logIn(browser, port, lead, PASSWORD);
		browser.get("http://127.0.0.1:" + port + "/desk/callbacks");
		assertThat(browser.getPageSource()).contains(e164, reason);
		Browser.screenshot(browser, "contact-callback-desk.png");
	}
}
