package nl.baken.desk;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The widget tells the bot from people: with the bot on web chat, its messages carry the assistant's label (Dutch
 * and English) and an agent's message their display name, live and after the chat is reopened on another page.
 */
@TestPropertySource(properties = { "baken.demo.enabled=false", "baken.answering.bot.channels=webchat",
		"baken.outbox.poll-interval=100ms", "baken.channels.webchat.stream-poll-interval=200ms",
		"baken.channels.webchat.hours.week.monday=00:00-24:00", "baken.channels.webchat.hours.week.tuesday=00:00-24:00",
		"baken.channels.webchat.hours.week.wednesday=00:00-24:00",
		"baken.channels.webchat.hours.week.thursday=00:00-24:00", "baken.channels.webchat.hours.week.friday=00:00-24:00",
		"baken.channels.webchat.hours.week.saturday=00:00-24:00", "baken.channels.webchat.hours.week.sunday=00:00-24:00" })
class WebchatBotBrowserTests extends BrowserTestSupport {

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
	void theBotIsLabelledAsTheAssistantAndAnAgentByName() throws Exception {
		String agent = "bot-chat-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(agent, "Marieke de Vries", PASSWORD, EnumSet.of(Role.AGENT), null, "nl"),
				Actor.system("test"));
		// asking for a person: the bot answers that it hands over, without needing any article
		String question = "Ik wil graag een medewerker spreken " + UUID.randomUUID().toString().substring(0, 6);

		browser.get(base() + "/webchat/demo");
		SearchContext widget = widget("Chat met ons");
		widget.findElement(By.cssSelector("#bk-open")).click();
		widget.findElement(By.cssSelector("#bk-input")).sendKeys(question);
		widget.findElement(By.cssSelector("#bk-send")).click();
		List<WebElement> shown = waitForMessages(widget, 2);
		assertThat(shown.get(0).getAttribute("class")).contains("visitor");
		assertThat(shown.get(1).getAttribute("class")).contains("bot").doesNotContain("agent");
		assertThat(widget.findElement(By.cssSelector("li.bk-msg.bot .bk-who")).getText())
			.isEqualTo("Digitale assistent");
		assertThat(widget.findElement(By.cssSelector("li.bk-msg.bot .bk-text")).getText()).contains("collega");

		String conversation = jdbc.sql("select conversation_id from webchat_event where body_text = ?")
			.param(question)
			.query(String.class)
			.single();
		String demoTab = browser.getWindowHandle();
		browser.switchTo().newWindow(WindowType.TAB);
		Browser.logIn(browser, port, agent, PASSWORD);
		browser.get(base() + "/desk/conversations/" + conversation);
		browser.findElement(By.id("reply")).sendKeys("Goedemiddag, ik help je verder met je levering.");
		Browser.submit(browser, By.id("send"));

		browser.switchTo().window(demoTab);
		waitForMessages(widget, 3);
		assertThat(widget.findElement(By.cssSelector("li.bk-msg.agent .bk-who")).getText())
			.isEqualTo("Marieke de Vries");
		Browser.screenshot(browser, "webchat-bot-and-agent.png");

		// the same chat on the English page, replayed from the stream
		browser.get(base() + "/webchat/demo?lang=en");
		SearchContext english = widget("Chat with us");
		english.findElement(By.cssSelector("#bk-open")).click();
		waitForMessages(english, 3);
		assertThat(english.findElement(By.cssSelector("li.bk-msg.bot .bk-who")).getText())
			.isEqualTo("Digital assistant");
		assertThat(english.findElement(By.cssSelector("li.bk-msg.agent .bk-who")).getText())
			.isEqualTo("Marieke de Vries");
	}

	/** The widget's shadow root, once it has its session (its button then shows the title). */
	private SearchContext widget(String title) {
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> {
			try {
				return title.equals(driver.findElement(By.id("baken-webchat"))
					.getShadowRoot()
					.findElement(By.cssSelector("#bk-open"))
					.getText());
			}
			catch (WebDriverException notYet) {
				return false;
			}
		});
		return browser.findElement(By.id("baken-webchat")).getShadowRoot();
	}

	/** Waits until the widget shows this many stored (not pending) messages, and returns them in order. */
	private List<WebElement> waitForMessages(SearchContext widget, int count) {
		new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> {
			try {
				return widget.findElements(By.cssSelector("li.bk-msg:not(.pending)")).size() == count;
			}
			catch (WebDriverException notYet) {
				return false;
			}
		});
		return widget.findElements(By.cssSelector("li.bk-msg:not(.pending)"));
	}

	private String base() {
		return "http://127.0.0.1:" + port;
	}
}
