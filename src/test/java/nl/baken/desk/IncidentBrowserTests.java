package nl.baken.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Users;
import nl.baken.customer.CustomerId;
import nl.baken.customer.CustomerProfile.Consent;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.proactive.BusinessEvent;
import nl.baken.proactive.BusinessEvent.EventSubject;
import nl.baken.proactive.NotificationTemplate;
import nl.baken.proactive.NotificationTemplates;
import nl.baken.proactive.EventIntake;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A team lead declares a delay for two orders on the incident page, in a real browser, and sees its numbers. */
@TestPropertySource(properties = "baken.demo.enabled=false")
class IncidentBrowserTests extends BrowserTestSupport {

	private static final String PASSWORD = "incident-browser-wachtwoord";

	@Autowired
	Users users;

	@Autowired
	Customers customers;

	@Autowired
	EventIntake intake;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	NotificationTemplates templates;

	@Test
	void aTeamLeadDeclaresADelayForOrdersAndSeesItsCounts() throws Exception {
		String lead = "lead-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(lead, "Lead", PASSWORD, EnumSet.of(Role.TEAM_LEAD), null, "en"), Actor.system("test"));
		templates.save(new NotificationTemplate("incident-update", NotificationTemplate.ANY, "en", "{{title}}",
				"{{title}}: {{status}} ({{expectedEnd}})", null, List.of(), null, null), "test");
		String first = order("consent");
		String second = order("none");

		Browser.logIn(browser, port, lead, PASSWORD);
		browser.get("http://127.0.0.1:" + port + "/desk/incidents");
		browser.findElement(By.id("titleNl")).sendKeys("Bezorging <b>later</b>");
		browser.findElement(By.id("titleEn")).sendKeys("Delivery <b>late</b>");
		browser.findElement(By.id("statusNl")).sendKeys("Uw pakket komt morgen.");
		browser.findElement(By.id("statusEn")).sendKeys("Your parcel arrives tomorrow.");
		browser.findElement(By.id("orderIds")).sendKeys(first + "\n" + second);
		Browser.submit(browser, By.id("declare"));

		assertThat(browser.getCurrentUrl()).matches(".*/desk/incidents/[0-9a-f-]{36}");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Delivery <b>late</b>");
		assertThat(browser.findElement(By.id("affected")).getText()).isEqualTo("2");
		assertThat(browser.findElement(By.id("linked")).getText()).isEqualTo("0");
		// one customer did not consent: skipped at once; the other is queued or further along
		assertThat(browser.findElement(By.id("notices-skipped")).getText()).isEqualTo("1");
		long others = List.of("queued", "sent", "delivered", "read", "failed")
			.stream()
			.mapToLong(state -> Long.parseLong(browser.findElement(By.id("notices-" + state)).getText()))
			.sum();
		assertThat(others).isEqualTo(1);
		assertThat(browser.findElement(By.id("prevented-definition")).getText()).startsWith("contacts-prevented@1{");
		Browser.screenshot(browser, "desk-incident.png");

		browser.findElement(By.id("update-nl")).sendKeys("Morgen tussen 9 en 12 uur.");
		browser.findElement(By.id("update-en")).sendKeys("Tomorrow between 9 and 12.");
		Browser.submit(browser, By.id("post-update"));
		assertThat(browser.findElements(By.cssSelector("ol.updates li"))).hasSize(2);
		assertThat(browser.findElement(By.id("notices-skipped")).getText()).isEqualTo("2");

		browser.get("http://127.0.0.1:" + port + "/desk/incidents");
		assertThat(browser.findElement(By.cssSelector("tr.incident-row a")).getText()).isEqualTo("Delivery <b>late</b>");
	}

	private String order(String consent) {
		String email = consent + "-" + UUID.randomUUID() + "@example.nl";
		CustomerId customer = new TransactionTemplate(transactionManager).execute(status -> customers
			.resolve(new IdentityClaim(List.of(Identity.email(email)), "Klant", null, Instant.now())));
		customers.updatePreferences(customer, "email", "en", new Consent(consent.equals("consent"), false, false),
				Actor.system("test"));
		String order = "order-" + UUID.randomUUID();
		intake.receive(new BusinessEvent("ship-" + UUID.randomUUID(), "order.shipped", Instant.now(),
				new EventSubject(email, null, null, order, null, null, "1011 AB", "parasol"),
				Map.of("carrier", "PostNL", "expectedDelivery", "2026-11-28")));
		return order;
	}
}
