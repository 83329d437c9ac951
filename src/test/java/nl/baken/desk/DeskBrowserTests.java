package nl.baken.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import nl.baken.access.ApiTokens;
import nl.baken.access.Authorities;
import nl.baken.access.AuthorityAction;
import nl.baken.access.IntegrationPeer;
import nl.baken.access.Integrations;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Scope;
import nl.baken.access.Teams;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactReason;
import nl.baken.conversation.ContactReasons;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.access.Users;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The desk in a real browser: logging in, customer content shown as text, and an agent's daily actions. */
@TestPropertySource(properties = "baken.demo.enabled=false")
class DeskBrowserTests extends BrowserTestSupport {

	private static final String PASSWORD = "browser-test-wachtwoord";

	@Autowired
	Users users;

	@Autowired
	ApiTokens tokens;

	@Autowired
	Teams teams;

	@Autowired
	ContactReasons reasons;

	@Autowired
	Conversations conversations;

	@Autowired
	Authorities authorities;

	@Autowired
	Integrations integrations;

	@Test
	void anAgentLogsInAndSeesScriptsFromCustomersAsText() throws Exception {
		String agent = "browser-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(agent, "Browser Agent", PASSWORD, EnumSet.of(Role.AGENT), null, "nl"),
				Actor.system("test"));
		String payload = "<img src=x onerror=alert(1)><script>alert(2)</script> Waar is mijn pakket?";
		deliver(payload);

		browser.get("http://127.0.0.1:" + port + "/desk");
		assertThat(browser.getCurrentUrl()).endsWith("/login");
		browser.findElement(By.id("username")).sendKeys(agent);
		browser.findElement(By.id("password")).sendKeys(PASSWORD);
		Browser.submit(browser, By.cssSelector("button[type=submit]"));

		assertThat(browser.getCurrentUrl()).endsWith("/desk");
		assertThat(browser.findElement(By.tagName("header")).getText()).contains("Uitloggen");
		assertThat(browser.findElements(By.cssSelector("td.subject")))
			.anySatisfy(cell -> assertThat(cell.getText()).isEqualTo(payload));
		assertThat(browser.findElements(By.cssSelector("td.subject script, td.subject img"))).isEmpty();
		assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
		Browser.screenshot(browser, "inbox.png");
	}

	@Test
	void aMessagePostedThroughTheApiAppearsWithoutReloading() throws Exception {
		String agent = "browser-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(agent, "Browser Agent", PASSWORD, EnumSet.of(Role.AGENT), null, "nl"),
				Actor.system("test"));
		Browser.logIn(browser, port, agent, PASSWORD);
		String page = browser.getWindowHandle();
		browser.executeScript("window.notReloaded = true;");

		String subject = "Live " + UUID.randomUUID();
		deliver(subject);

		new WebDriverWait(browser, Duration.ofSeconds(15))
			.until(driver -> !driver.findElements(By.linkText(subject)).isEmpty());
		assertThat(browser.getWindowHandle()).isEqualTo(page);
		assertThat(browser.executeScript("return window.notReloaded === true;")).isEqualTo(true);
	}

	@Test
	void anAgentRepliesTransfersAndResolvesWithAReason() throws Exception {
		String team = "t" + UUID.randomUUID().toString().substring(0, 8);
		teams.define(team, "Retouren " + team, "Returns " + team);
		String agent = "browser-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(agent, "Browser Agent", PASSWORD, EnumSet.of(Role.AGENT), team, "en"),
				Actor.system("test"));
		String reason = "r" + UUID.randomUUID().toString().substring(0, 8);
		reasons.define(new ContactReason(reason, "Retour " + reason, "Return " + reason, false, false));
		String subject = "Retour " + UUID.randomUUID();
		String conversation = deliver(subject);

		Browser.logIn(browser, port, agent, PASSWORD);
		browser.findElement(By.linkText(subject)).click();

		browser.findElement(By.id("reply")).sendKeys("We sturen een retourlabel.");
		Browser.submit(browser, By.id("send"));
		// the delivery status arriving after the send refreshes the messages live: read them again if one goes stale
		new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until(driver -> driver.findElements(By.cssSelector(".message.outbound .text"))
				.stream()
				.anyMatch(text -> text.getText().equals("We sturen een retourlabel.")));

		Browser.submit(browser, By.id("transfer"));
		assertThat(browser.findElement(By.cssSelector("p.error")).getText()).contains("needs a team and a reason");
		new Select(browser.findElement(By.id("toTeamId"))).selectByValue(team);
		browser.findElement(By.id("transferReason")).sendKeys("retour, geen bezorging");
		Browser.submit(browser, By.id("transfer"));

		// the transfer's events may refresh the page live just after it loaded: pick the reason again if it went stale
		new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until(driver -> {
				new Select(driver.findElement(By.id("reasonId"))).selectByValue(reason);
				return new Select(driver.findElement(By.id("reasonId"))).getFirstSelectedOption()
					.getAttribute("value")
					.equals(reason);
			});
		Browser.submit(browser, By.id("resolve"));
		// read again when the resolve's own live update replaced the header
		new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until(driver -> driver.findElement(By.cssSelector(".meta .status")).getText().equals("resolved"));
		Browser.screenshot(browser, "conversation.png");

		List<ContactEvent> events = conversations.detail(new ConversationId(UUID.fromString(conversation)))
			.orElseThrow()
			.events();
		assertThat(events).filteredOn(e -> e.type() == ContactEventType.TRANSFERRED)
			.singleElement()
			.satisfies(e -> {
				assertThat(e.actor()).isEqualTo(Actor.agent(agent));
				assertThat(e.attributes()).containsEntry("toTeam", team).containsEntry("reason", "retour, geen bezorging");
			});
		assertThat(events).filteredOn(e -> e.type() == ContactEventType.RESOLVED)
			.singleElement()
			.satisfies(e -> assertThat(e.attributes()).containsEntry("reason", reason));
	}

	@Test
	void anActionOverTheAgentsLimitWaitsForTheTeamLeadWhoApprovesIt() throws Exception {
		String team = "t" + UUID.randomUUID().toString().substring(0, 8);
		teams.define(team, "Klantenservice " + team, "Customer service " + team);
		String agent = "browser-" + UUID.randomUUID().toString().substring(0, 8);
		String lead = "lead-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(agent, "Browser Agent", PASSWORD, EnumSet.of(Role.AGENT), team, "en"),
				Actor.system("test"));
		users.create(new NewUser(lead, "Browser Lead", PASSWORD, EnumSet.of(Role.TEAM_LEAD), team, "en"),
				Actor.system("test"));
		try (IntegrationPeer shop = new IntegrationPeer(UUID.randomUUID().toString())) {
			String integration = "shop-" + team;
			shop.registerWith(integrations, integration);
			String refund = "refund-" + team;
			authorities.define(new AuthorityAction(refund, "Terugbetalen", "Refund", integration, "/refunds", true),
					Actor.system("test"));
			authorities.grant(Role.AGENT, refund, 5_000L, Actor.system("test"));
			authorities.grant(Role.TEAM_LEAD, refund, 25_000L, Actor.system("test"));
			String subject = "Kapotte parasol " + UUID.randomUUID();
			deliver(subject);

			Browser.logIn(browser, port, agent, PASSWORD);
			browser.findElement(By.linkText(subject)).click();
			String conversationPage = browser.getCurrentUrl();
			new Select(browser.findElement(By.id("actionId"))).selectByValue(refund);
			assertThat(browser.findElement(By.cssSelector("#actionId option[value='" + refund + "']")).getText())
				.isEqualTo("Refund (up to € 50.00 yourself)");
			browser.findElement(By.id("amount")).sendKeys("80");
			browser.findElement(By.id("details")).sendKeys("parasol broken on arrival");
			Browser.submit(browser, By.id("runAction"));
			assertThat(browser.findElement(By.cssSelector("p.notice")).getText())
				.isEqualTo("Waiting for a team lead's approval");
			assertThat(shop.calls).as("nothing runs before approval").isEmpty();

			browser.manage().deleteAllCookies();
			Browser.logIn(browser, port, lead, PASSWORD);
			browser.findElement(By.linkText("Approvals")).click();
			assertThat(browser.findElement(By.cssSelector("table.approvals tbody")).getText())
				.contains("Refund", "€ 80.00", agent, "parasol broken on arrival");
			Browser.submit(browser, By.cssSelector("table.approvals button.approve"));
			assertThat(browser.findElement(By.tagName("main")).getText()).contains("Nothing waits for your approval.");

			browser.get(conversationPage);
			assertThat(browser.findElement(By.cssSelector(".action-requests li")).getText())
				.contains("€ 80.00", "Done", "decided by " + lead, "Booked, reference R-42");
			assertThat(shop.calls).singleElement().satisfies(call -> assertThat(call.signatureValid()).isTrue());
		}
	}

	private String deliver(String subject) throws Exception {
		String token = tokens.issue("browser-test", EnumSet.of(Scope.INBOUND_WRITE), Actor.system("test")).token();
		String body = """
				{"channel":"email","providerMessageId":"%s","sender":{"email":"%s@example.nl","name":"Karin"},
				 "subject":%s,"text":"Hallo","sentAt":"2026-11-23T09:00:00Z"}"""
			.formatted(UUID.randomUUID(), UUID.randomUUID(), json(subject));
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/inbound"))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return response.body().replaceAll(".*\"conversationId\":\"([^\"]+)\".*", "$1");
	}

	private static String json(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}
}
