package nl.baken.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import nl.baken.ApiTestSupport;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Knowledge in the desk: suggestions beside a conversation, and the editor pages kept to editors. */
class DeskKnowledgeTests extends ApiTestSupport {

	@Autowired
	Users users;

	@Autowired
	Articles articles;

	Article article(String title, String shortAnswer, Visibility visibility, List<String> questions) {
		String category = "d" + UUID.randomUUID().toString().substring(0, 8);
		articles.defineCategory(new Category(category, "Rubriek " + category, "Category " + category, 1));
		return articles.create(new ArticleDraft("nl", null, category, title, "Tekst.", shortAnswer, visibility, "anna",
				null, List.of(), questions, List.of(), null), Actor.system("test"));
	}

	@Test
	void theConversationPageSuggestsArticlesForTheLastCustomerMessage() throws Exception {
		String word = "regenton" + (System.nanoTime() % 1_000_000);
		article("Een " + word + " aansluiten", "Zo sluit je de " + word + " aan.", Visibility.PUBLIC, List.of());
		article("Intern: " + word + " lekt", "Stuur een nieuwe kraan mee.", Visibility.INTERNAL,
				List.of("mijn " + word + " lekt"));
		String body = """
				{"channel":"email","providerMessageId":"%s","sender":{"email":"%s@example.nl"},
				 "subject":"Vraag","text":"Mijn %s lekt bij de kraan","sentAt":"2026-11-23T09:00:00Z"}"""
			.formatted(UUID.randomUUID(), UUID.randomUUID(), word);
		MvcTestResult inbound = post(token(Scope.INBOUND_WRITE), "/api/v1/inbound", body);
		assertThat(inbound).hasStatus(HttpStatus.ACCEPTED);
		String conversation = json.readTree(inbound.getResponse().getContentAsString()).get("conversationId").asString();
		String admin = "kadmin-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(admin, "Admin", "desk-knowledge-wachtwoord", EnumSet.of(Role.ADMIN), null, "nl"),
				Actor.system("test"));

		MvcTestResult page = mvc.get().uri("/desk/conversations/" + conversation).with(user(admin)).exchange();
		assertThat(page).hasStatusOk();
		String html = page.getResponse().getContentAsString();
		assertThat(html).contains("Voorgestelde artikelen", "Intern: " + word + " lekt",
				"data-answer=\"Stuur een nieuwe kraan mee.\"", "Kort antwoord invoegen");
		assertThat(html.indexOf("Intern: " + word)).isLessThan(html.indexOf("Een " + word + " aansluiten"));
	}

	@Test
	void onlyKnowledgeEditorsAndAdminsOpenTheEditorPages() throws Exception {
		String agent = "kagent-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(agent, "Agent", "desk-knowledge-wachtwoord", EnumSet.of(Role.AGENT), null, "nl"),
				Actor.system("test"));
		assertThat(mvc.get().uri("/desk/knowledge").with(user(agent)).exchange()).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(mvc.post().uri("/desk/knowledge/synonyms").with(user(agent)).with(csrf())
			.param("language", "nl").param("terms", "a, b").exchange()).hasStatus(HttpStatus.FORBIDDEN);

		String editor = "keditor-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(editor, "Redacteur", "desk-knowledge-wachtwoord", EnumSet.of(Role.KNOWLEDGE_EDITOR),
				null, "nl"), Actor.system("test"));
		Article a = article("Lange uitleg " + editor, "Kort.", Visibility.PUBLIC, List.of());
		// the category by its name in the editor's language, not its id
		assertThat(mvc.get().uri("/desk/knowledge").with(user(editor)).exchange()).hasStatusOk()
			.bodyText().contains("Lange uitleg " + editor, "<td>Rubriek " + a.categoryId() + "</td>");
		MvcTestResult tooLong = mvc.post().uri("/desk/knowledge/articles").with(user(editor)).with(csrf())
			.param("id", a.id().toString()).param("baseVersion", "1").param("language", "nl")
			.param("categoryId", a.categoryId()).param("title", a.title()).param("bodyMarkdown", "Tekst.")
			.param("shortAnswer", "x".repeat(501)).param("visibility", "public").param("owner", "anna")
			.exchange();
		assertThat(tooLong).hasStatusOk().bodyText().contains("Niet opgeslagen: controleer Kort antwoord");
		assertThat(articles.get(a.id()).version()).isEqualTo(1);
		assertThat(mvc.get().uri("/desk/knowledge/stale").with(user(editor)).exchange()).hasStatusOk();
		assertThat(mvc.get().uri("/desk/knowledge/synonyms").with(user(editor)).exchange()).hasStatusOk();
	}
}
