package nl.baken.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Users;
import nl.baken.customer.Brands;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The web chat end to end in a real browser: a visitor of the demo shop page chats, an agent in the desk answers,
 * the answer appears in the widget without a reload, and after a reload the whole chat is still there in order.
 */
@TestPropertySource(properties = { "baken.demo.enabled=false", "baken.outbox.poll-interval=100ms",
		"baken.channels.webchat.stream-poll-interval=200ms", "baken.channels.webchat.hours.week.monday=00:00-24:00",
		"baken.channels.webchat.hours.week.tuesday=00:00-24:00", "baken.channels.webchat.hours.week.wednesday=00:00-24:00",
		"baken.channels.webchat.hours.week.thursday=00:00-24:00", "baken.channels.webchat.hours.week.friday=00:00-24:00",
		"baken.channels.webchat.hours.week.saturday=00:00-24:00", "baken.channels.webchat.hours.week.sunday=00:00-24:00" })
class WebchatBrowserTests extends BrowserTestSupport {

	private static final String PASSWORD = "browser-test-wachtwoord";

	@Autowired
	Users users;

	@Autowired
	Brands brands;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void demoBrand() {
		if (!brands.exists("tuinhuys")) {
			brands.define("tuinhuys", "Tuinhuys");
		}
	}

	@Test
	void aVisitorChatsFromTheDemoPageAndAnAgentAnswersInTheDesk() throws Exception {
		String agent = "chat-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(agent, "Chat Agent", PASSWORD, EnumSet.of(Role.AGENT), null, "nl"),
				Actor.system("test"));
		String question = "Wanneer wordt mijn tuinhuis geleverd? " + UUID.randomUUID().toString().substring(0, 6);
		String answer = "Donderdag tussen 8 en 12 uur.";

		browser.get(base() + "/webchat/demo");
		SearchContext widget = widget("Chat met ons");
		widget.findElement(By.cssSelector("#bk-open")).click();
		assertThat(widget.findElement(By.cssSelector("#bk-input")).getAttribute("placeholder"))
			.isEqualTo("Typ je bericht…");
		widget.findElement(By.cssSelector("#bk-input")).sendKeys(question);
		widget.findElement(By.cssSelector("#bk-send")).click();
		waitForTexts(widget, List.of(question));
		Browser.screenshot(browser, "webchat-visitor.png");

		String demoTab = browser.getWindowHandle();
		browser.switchTo().newWindow(WindowType.TAB);
		Browser.logIn(browser, port, agent, PASSWORD);
		assertThat(browser.findElements(By.cssSelector("td.subject")))
			.anySatisfy(cell -> assertThat(cell.getText()).isEqualTo(question));
		String conversation = jdbc.sql("select conversation_id from webchat_event where body_text = ?")
			.param(question).query(String.class).single();
		browser.get(base() + "/desk/conversations/" + conversation);
		assertThat(browser.findElement(By.cssSelector("ol.messages")).getText()).contains(question);
		String deskTab = browser.getWindowHandle();

		// typing shows on the other side: the visitor's in the desk, the agent's in the widget
		browser.switchTo().window(demoTab);
		widget.findElement(By.cssSelector("#bk-input")).sendKeys("En nog");
		browser.switchTo().window(deskTab);
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(driver -> driver.findElement(By.id("customer-typing")).isDisplayed());
		assertThat(browser.findElement(By.id("customer-typing")).getText()).isEqualTo("De klant typt…");
		browser.findElement(By.id("reply")).sendKeys(answer);
		browser.switchTo().window(demoTab);
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(driver -> widget.findElement(By.cssSelector("#bk-typing")).isDisplayed());
		assertThat(widget.findElement(By.cssSelector("#bk-typing")).getText()).isEqualTo("Klantenservice typt…");
		browser.switchTo().window(deskTab);
		Browser.submit(browser, By.id("send"));

		browser.switchTo().window(demoTab);
		waitForTexts(widget, List.of(question, answer));
		assertThat(widget.findElements(By.cssSelector("li.bk-msg.agent"))).hasSize(1);
		// the widget showed it and the visitor has it open in front of them: the desk learns it was read
		await().atMost(Duration.ofSeconds(15)).until(() -> "read".equals(jdbc
			.sql("select delivery_status from message where conversation_id = ? and direction = 'outbound'")
			.param(UUID.fromString(conversation)).query(String.class).single()));
		Browser.screenshot(browser, "webchat-answered.png");

		browser.navigate().refresh();
		SearchContext reloaded = widget("Chat met ons");
		reloaded.findElement(By.cssSelector("#bk-open")).click();
		waitForTexts(reloaded, List.of(question, answer));

		// the same chat in English on an English page
		browser.get(base() + "/webchat/demo?lang=en");
		SearchContext english = widget("Chat with us");
		english.findElement(By.cssSelector("#bk-open")).click();
		assertThat(english.findElement(By.cssSelector("#bk-input")).getAttribute("placeholder"))
			.isEqualTo("Type your message…");
		waitForTexts(english, List.of(question, answer));
		// a person's message carries their display name
		assertThat(english.findElement(By.cssSelector("li.bk-msg.agent .bk-who")).getText()).isEqualTo("Chat Agent");
	}

	/** The widget's shadow root, once it has its session (its button then shows the title). */
	private SearchContext widget(String title) {
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> {
			try {
				return title.equals(driver.findElement(By.id("baken-webchat")).getShadowRoot()
					.findElement(By.cssSelector("#bk-open")).getText());
			}
			catch (WebDriverException notYet) {
				return false;
			}
		});
		return browser.findElement(By.id("baken-webchat")).getShadowRoot();
	}

	/** Waits until the widget shows exactly these messages, stored (not pending), in this order. */
	private void waitForTexts(SearchContext widget, List<String> texts) {
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> {
			try {
				List<String> shown = widget.findElements(By.cssSelector("li.bk-msg:not(.pending) .bk-text"))
					.stream()
					.map(WebElement::getText)
					.toList();
				return shown.equals(texts);
			}
			catch (WebDriverException notYet) {
				return false;
			}
		});
	}

	private String base() {
		return "http://127.0.0.1:" + port;
	}
}
