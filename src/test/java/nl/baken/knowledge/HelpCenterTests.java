package nl.baken.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.servlet.http.Cookie;
import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The public help center and contact page without logging in: readable addresses in both languages, only public
 * articles, sanitised content, and every reader's step in the contact-event log.
 */
@DatabaseTest
class HelpCenterTests extends ApiTestSupport {

	@Autowired
	Articles articles;

	@Autowired
	ContactEvents events;

	@Autowired
	ContactTopics topics;

	String category;

	String word;

	Article dutch;

	Article english;

	@BeforeEach
	void articles() {
		category = unique("help").substring(0, 20);
		word = "tuinslang" + (System.nanoTime() % 1_000_000);
		articles.defineCategory(new Category(category, "Bezorging", "Delivery", 1));
		dutch = articles.create(new ArticleDraft("nl", null, category, "Een " + word + " bestellen",
				"Zo **bestel** je.<script>alert(1)</script>", "Kort antwoord.", Visibility.PUBLIC, "anna", null,
				List.of(), List.of(), List.of(), null), Actor.system("test"));
		english = articles.create(new ArticleDraft("en", null, category, "Ordering a " + word, "This is how.",
				"Short answer.", Visibility.PUBLIC, "anna", null, List.of(), List.of(), List.of(), dutch.id()),
				Actor.system("test"));
	}

	String page(String uri, Cookie... cookies) throws Exception {
		var request = mvc.get().uri(uri);
		if (cookies.length > 0) {
			request = request.cookie(cookies);
		}
		MvcTestResult result = request.exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString();
	}

	List<ContactEvent> eventsOf(String session, ContactEventType type) {
		return events.between(Instant.now().minus(1, ChronoUnit.HOURS), Instant.now().plus(1, ChronoUnit.HOURS),
				List.of(type)).stream().filter(e -> session.equals(e.attributes().get("session"))).toList();
	}

	@Test
	void articlesAreReadableWithoutLoginInBothLanguages() throws Exception {
		String home = page("/help/nl");
		assertThat(home).contains("<title>Klantenservice</title>");
		assertThat(home).contains("Een " + word + " bestellen").contains("Waarmee kunnen we je helpen?");
		String nl = page("/help/nl/" + category + "/" + dutch.slug());
		assertThat(nl).contains("<strong>bestel</strong>", "Heeft dit je geholpen?", "/help/en/" + category + "/"
				+ english.slug()).doesNotContain("<script>alert");
		assertThat(page("/help/en/" + category + "/" + english.slug())).contains("Did this help?", "This is how.",
				" – Help center</title>");
		assertThat(page("/help/en/" + category)).contains("Ordering a " + word);
		assertThat(mvc.get().uri("/help/nl/" + category + "/" + english.slug()).exchange())
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(mvc.get().uri("/help/de").exchange()).hasStatus(HttpStatus.NOT_FOUND);
		articles.update(dutch.id(), new ArticleDraft("nl", null, category, dutch.title(), "Nog niet af.", "Kort.",
				Visibility.DRAFT, "anna", null, List.of(), List.of(), List.of(), null), null, Actor.system("test"));
		assertThat(mvc.get().uri("/help/nl/" + category + "/" + dutch.slug()).exchange())
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void searchAsYouTypeAnswersWithTheResultList() throws Exception {
		String fragment = page("/help/nl/search?partial=true&q=" + word.substring(0, word.length() - 1) + "x");
		assertThat(fragment).contains("Een " + word + " bestellen").doesNotContain("<html");
		assertThat(page("/help/en/search?q=" + word)).contains("Ordering a " + word).contains("<html");
	}

	@Test
	void viewsAndFeedbackAreContactEvents() throws Exception {
		String session = java.util.UUID.randomUUID().toString();
		Cookie visitor = new Cookie("baken_visitor", session);
		page("/help/nl/" + category + "/" + dutch.slug(), visitor);
		assertThat(eventsOf(session, ContactEventType.ARTICLE_VIEWED)).singleElement()
			.satisfies(e -> assertThat(e.attributes()).containsEntry("articleId", dutch.id().toString()));
		MvcTestResult feedback = mvc.post()
			.uri("/help/nl/" + category + "/" + dutch.slug() + "/feedback")
			.cookie(visitor)
			.param("helpful", "false")
			.param("comment", "Ik mis de prijs")
			.with(csrf())
			.exchange();
		assertThat(feedback).hasStatus(HttpStatus.FOUND);
		assertThat(eventsOf(session, ContactEventType.ARTICLE_HELPFUL)).singleElement()
			.satisfies(e -> assertThat(e.attributes()).containsEntry("helpful", false));
		assertThat(articles.comments(dutch.id(), 5)).extracting(c -> c.text()).containsExactly("Ik mis de prijs");
		assertThat(mvc.post()
			.uri("/help/nl/" + category + "/" + dutch.slug() + "/feedback")
			.param("helpful", "true")
			.exchange()).hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void contactPageAnswersFirstThenOffersThePeople() throws Exception {
		topics.define(new ContactTopic("test-orders", "Bestellingen", "Orders", null, "orders@example.org", null,
				"+31612345678", "ma–vr 9–17", "Mon–Fri 9–5", 99));
		String session = java.util.UUID.randomUUID().toString();
		Cookie visitor = new Cookie("baken_visitor", session);
		String first = page("/contact/nl?q=" + word, visitor);
		assertThat(first).contains("Een " + word + " bestellen", "from=contact", "contact-anyway")
			.doesNotContain("orders@example.org", "name=\"channel\"");
		assertThat(eventsOf(session, ContactEventType.SUGGESTION_SHOWN)).singleElement()
			.satisfies(e -> assertThat(e.attributes().get("articleIds").toString()).contains(dutch.id().toString()));
		page("/help/nl/" + category + "/" + dutch.slug() + "?from=contact", visitor);
		assertThat(eventsOf(session, ContactEventType.SUGGESTION_OPENED)).hasSize(1);
		String second = page("/contact/nl?reach=true&q=" + word, visitor);
		assertThat(second).contains("Bestellingen", "ma–vr 9–17", "value=\"whatsapp\"");
		MvcTestResult reach = mvc.post()
			.uri("/contact/nl/reach")
			.cookie(visitor)
			.param("topic", "test-orders")
			.param("channel", "whatsapp")
			.with(csrf())
			.exchange();
		assertThat(reach).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("https://wa.me/31612345678");
		assertThat(eventsOf(session, ContactEventType.CONTACTED_ANYWAY)).singleElement()
			.satisfies(e -> assertThat(e.attributes()).containsEntry("topic", "test-orders"));
		assertThat(page("/contact/en?q=zzzqqq" + word)).contains("Reach a person");
	}
}
