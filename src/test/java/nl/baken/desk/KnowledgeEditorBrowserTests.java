package nl.baken.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import nl.baken.access.ApiTokens;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Scope;
import nl.baken.access.Users;
import nl.baken.knowledge.Article;
import nl.baken.knowledge.ArticleDraft;
import nl.baken.knowledge.Articles;
import nl.baken.knowledge.Category;
import nl.baken.knowledge.Visibility;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Knowledge in a real browser: an editor changes an article with a preview, the public help center shows the new
 * version at once (found by searching as you type), and restoring the old version brings the old text back there;
 * an agent inserts a suggested short answer into the reply.
 */
@TestPropertySource(properties = "baken.demo.enabled=false")
class KnowledgeEditorBrowserTests extends BrowserTestSupport {

	private static final String PASSWORD = "browser-test-wachtwoord";

	@Autowired
	Users users;

	@Autowired
	Articles articles;

	@Autowired
	ApiTokens tokens;

	@Test
	void anEditorChangesAnArticleAndRestoresTheOldVersion() throws Exception {
		String category = "b" + UUID.randomUUID().toString().substring(0, 8);
		articles.defineCategory(new Category(category, "Bezorging", "Delivery", 1));
		Article article = articles.create(new ArticleDraft("nl", null, category, "Bezorgkosten " + category,
				"Bezorging kost **vier** euro.", "Vier euro.", Visibility.PUBLIC, "anna", null, List.of(),
				List.of("Wat kost bezorgen?"), List.of(), null), Actor.system("test"));
		String editor = "editor-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(editor, "Kennis Redacteur", PASSWORD, EnumSet.of(Role.KNOWLEDGE_EDITOR), null, "en"),
				Actor.system("test"));
		String helpPage = "http://127.0.0.1:" + port + "/help/nl/" + category + "/" + article.slug();

		Browser.logIn(browser, port, editor, PASSWORD);
		browser.get("http://127.0.0.1:" + port + "/desk/knowledge");
		browser.findElement(By.linkText("Bezorgkosten " + category)).click();

		WebElement body = browser.findElement(By.id("bodyMarkdown"));
		body.clear();
		body.sendKeys("Bezorging is **gratis** vanaf 50 euro.");
		WebElement shortAnswer = browser.findElement(By.id("shortAnswer"));
		shortAnswer.clear();
		shortAnswer.sendKeys("Gratis vanaf 50 euro.");
		Browser.submit(browser, By.id("preview"));
		assertThat(browser.findElement(By.cssSelector("#preview-body strong")).getText()).isEqualTo("gratis");
		Browser.submit(browser, By.id("save"));
		assertThat(browser.findElement(By.cssSelector("p.info")).getText()).isEqualTo("Saved.");

		browser.get(helpPage);
		assertThat(browser.findElement(By.cssSelector(".short-answer")).getText()).isEqualTo("Gratis vanaf 50 euro.");
		assertThat(browser.findElement(By.cssSelector(".article-body strong")).getText()).isEqualTo("gratis");

		browser.get("http://127.0.0.1:" + port + "/desk/knowledge/articles/" + article.id() + "/versions");
		browser.findElement(By.cssSelector("#version-2 a")).click();
		assertThat(browser.findElements(By.cssSelector(".diff pre.removed")))
			.anySatisfy(line -> assertThat(line.getText()).contains("vier"));
		assertThat(browser.findElements(By.cssSelector(".diff pre.added")))
			.anySatisfy(line -> assertThat(line.getText()).contains("gratis"));
		Browser.submit(browser, By.cssSelector("#version-1 button.restore"));
		assertThat(browser.findElement(By.cssSelector("p.info")).getText()).isEqualTo("Saved.");
		Browser.screenshot(browser, "knowledge-editor.png");

		browser.get("http://127.0.0.1:" + port + "/help/nl");
		browser.findElement(By.id("help-q")).sendKeys("bezorgkosten " + category);
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(driver -> !driver.findElements(By.cssSelector("#help-results a")).isEmpty());
		browser.findElement(By.cssSelector("#help-results a")).click();
		assertThat(browser.getCurrentUrl()).isEqualTo(helpPage);
		assertThat(browser.findElement(By.cssSelector(".short-answer")).getText()).isEqualTo("Vier euro.");
		assertThat(browser.findElement(By.cssSelector(".article-body strong")).getText()).isEqualTo("vier");
		assertThat(articles.get(article.id()).version()).isEqualTo(3);
	}

	@Test
	void anAgentWithoutTheEditorRoleIsRefused() throws Exception {
		String agent = "agent-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(agent, "Agent", PASSWORD, EnumSet.of(Role.AGENT), null, "en"), Actor.system("test"));
		Browser.logIn(browser, port, agent, PASSWORD);
		assertThat(browser.findElements(By.linkText("Knowledge"))).isEmpty();
		browser.get("http://127.0.0.1:" + port + "/desk/knowledge");
		assertThat(browser.findElements(By.id("new-article"))).isEmpty();
	}

	@Test
	void anAgentInsertsASuggestedShortAnswerIntoTheReply() throws Exception {
		String word = "vijverfilter" + UUID.randomUUID().toString().substring(0, 6);
		String category = "s" + UUID.randomUUID().toString().substring(0, 8);
		articles.defineCategory(new Category(category, "Advies", "Advice", 1));
		articles.create(new ArticleDraft("nl", null, category, "Een " + word + " schoonmaken",
				"Spoel het filter met vijverwater.", "Spoel het " + word + " elke maand met vijverwater.",
				Visibility.PUBLIC, "anna", null, List.of(), List.of("hoe maak ik mijn " + word + " schoon"), List.of(),
				null), Actor.system("test"));
		String token = tokens.issue("browser-" + word, EnumSet.of(Scope.INBOUND_WRITE), Actor.system("test")).token();
		String body = """
				{"channel":"email","providerMessageId":"%s","sender":{"email":"%s@example.nl"},
				 "subject":"Vijver","text":"Hoe maak ik mijn %s schoon?","sentAt":"2026-11-23T09:00:00Z"}"""
			.formatted(UUID.randomUUID(), UUID.randomUUID(), word);
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/inbound"))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		String conversation = response.body().replaceAll(".*\"conversationId\":\"([^\"]+)\".*", "$1");
		String admin = "admin-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(admin, "Admin", PASSWORD, EnumSet.of(Role.ADMIN), null, "nl"), Actor.system("test"));

		Browser.logIn(browser, port, admin, PASSWORD);
		browser.get("http://127.0.0.1:" + port + "/desk/conversations/" + conversation);
		browser.findElement(By.id("reply")).sendKeys("Hallo,");
		browser.findElement(By.cssSelector(".suggestions button.insert-answer")).click();
		assertThat(browser.findElement(By.id("reply")).getDomProperty("value"))
			.isEqualTo("Hallo,\n\nSpoel het " + word + " elke maand met vijverwater.");
	}

}
