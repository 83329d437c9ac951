package nl.baken.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.analytics.KnowledgeGaps;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.ConversationView;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboundMessage;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Questions the bot handed off, grouped by meaning on the knowledge-gap page, with the customers' words escaped. */
class KnowledgeGapPageTests extends ApiTestSupport {

	@Autowired
	Conversations conversations;

	@Autowired
	ContactEvents events;

	@Autowired
	KnowledgeGaps gaps;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void similarQuestionsTheBotHandedOffAreOneGroupAndCustomerTextIsEscaped() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String delivery = "Hoe lang duurt de levering van een tuinhuis " + tag + "?";
		handedOff(delivery);
		handedOff("Hoe lang duurt de levering van een tuinhuis " + tag + " naar Belgie?");
		handedOff("<script>alert('" + tag + "')</script> mijn kortingscode werkt niet");
		UUID contained = botConversation("Wat zijn jullie openingstijden " + tag + "?");
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			ConversationView c = conversations.find(new ConversationId(contained)).orElseThrow();
			events.append(Instant.now(), c, ContactEventType.RESOLVED, Actor.bot(), null,
					Map.of("reason", "opening-hours", "informational", true, "valence", "neutral"));
		});

		List<KnowledgeGaps.Gap> found = gaps.find(Instant.now().minusSeconds(600), Instant.now().plusSeconds(60), 5);
		KnowledgeGaps.Gap deliveries = found.stream().filter(g -> g.label().contains(tag) && g.label().contains("levering"))
			.findFirst()
			.orElseThrow();
		assertThat(deliveries.count()).as("two wordings of one question are one group").isEqualTo(2);
		assertThat(found.stream().flatMap(g -> g.examples().stream()).map(KnowledgeGaps.Question::text))
			.as("a conversation the bot resolved is no gap")
			.noneMatch(text -> text.contains("openingstijden " + tag));
		assertThat(found.indexOf(deliveries)).isLessThan(found.stream()
			.filter(g -> g.label().contains("kortingscode"))
			.map(found::indexOf)
			.findFirst()
			.orElseThrow());

		String html = mvc.get()
			.uri("/desk/knowledge-gaps")
			.with(user("editor-" + tag).roles("KNOWLEDGE_EDITOR"))
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("Kennislacunes", delivery, "2 keer gesteld", "/desk/knowledge/articles/new?title=")
			.contains("&lt;script&gt;alert(&#39;" + tag + "&#39;)&lt;/script&gt;")
			.doesNotContain("<script>alert('" + tag);

		assertThat(mvc.get().uri("/desk/knowledge-gaps").with(user("agent-" + tag).roles("AGENT")).exchange())
			.hasStatus(HttpStatus.FORBIDDEN);
		String dutch = mvc.get()
			.uri("/desk/knowledge-gaps?from=2026-13-01")
			.header("Accept-Language", "nl")
			.with(user("lead-" + tag).roles("TEAM_LEAD"))
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(dutch).contains("Kennislacunes", "Die periode klopt niet");
	}

	@Test
	void theArticleFormStartsWithTheGroupsQuestions() throws Exception {
		String html = mvc.get()
			.uri("/desk/knowledge/articles/new?title={t}&exampleQuestions={q}", "Levertijd <b>tuinhuis</b>",
					"Hoe lang duurt de levering?\nWanneer komt mijn tuinhuis?")
			.with(user("admin").roles("ADMIN"))
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("Levertijd &lt;b&gt;tuinhuis&lt;/b&gt;", "Wanneer komt mijn tuinhuis?");
	}

	private void handedOff(String question) {
		UUID id = botConversation(question);
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			ConversationView c = conversations.find(new ConversationId(id)).orElseThrow();
			events.append(Instant.now(), c, ContactEventType.BOT_HANDOFF, Actor.bot(), null,
					Map.of("reason", "dont_know"));
		});
	}

	private UUID botConversation(String question) {
		Instant now = Instant.now();
		UUID id = conversations
			.receive(new InboundMessage("webchat", "gap-" + UUID.randomUUID(),
					new IdentityClaim(List.of(Identity.webVisitor("v-" + UUID.randomUUID())), null, null, now), null,
					"nl", null, question, null, List.of(), now, now))
			.conversationId();
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			ConversationView c = conversations.find(new ConversationId(id)).orElseThrow();
			events.append(now, c, ContactEventType.MESSAGE_SENT, Actor.bot(), null, Map.of());
		});
		return id;
	}
}
