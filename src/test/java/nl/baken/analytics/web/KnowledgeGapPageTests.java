package nl.baken.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.access.Teams;
import nl.baken.analytics.KnowledgeGaps;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactReason;
import nl.baken.conversation.ContactReasons;
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
	void questionsTheBotHandedToAPersonWithoutTryingAreNoGaps() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		handedOff("Mijn tuinset " + tag + " is nog steeds niet geleverd, belachelijk", "upset");
		handedOff("Er komt rook uit de accu van mijn maaier " + tag, "urgent");
		handedOff("Ik wil een klacht indienen over bezorger " + tag, "human-only");
		handedOff("Kan ik de tuinset " + tag + " in termijnen betalen?", "low-confidence");

		List<String> asked = gaps.find(Instant.now().minusSeconds(600), Instant.now().plusSeconds(60), 10)
			.stream()
			.flatMap(g -> g.examples().stream())
			.map(KnowledgeGaps.Question::text)
			.filter(text -> text.contains(tag))
			.toList();
		assertThat(asked).containsExactly("Kan ik de tuinset " + tag + " in termijnen betalen?");
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

	@Autowired
	ContactReasons reasons;

	@Autowired
	Teams teams;

	/**
	 * The first message of a written informational contact and of a repeat count as gaps once a person handled them;
	 * a first contact about something that needs a person does not, and neither do a call or a later message.
	 */
	@Test
	void writtenInformationalAndRepeatContactsAPersonHandledAreGaps() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String team = "t" + tag;
		teams.define(team, "Team", "Team");
		reasons.define(new ContactReason("info-" + tag, "Levertijd", "Delivery time", true, true));
		reasons.define(new ContactReason("fix-" + tag, "Defect", "Defect", false, false));
		// a quiet hour long ago, so the contacts of other tests in the shared database stay out of the period read
		Instant now = Instant.now().minus(Duration.ofDays(83)).minusSeconds(new Random().nextInt(86_400));
		String informational = "Wat is de levertijd van een parasol " + tag + "?";
		String needsAPerson = "Mijn parasol " + tag + " is kapot aangekomen";
		String repeat = "Ik mailde eerder al: mijn parasol " + tag + " is nog steeds kapot";
		String customer = "klant-" + tag + "@example.com";
		handled("email", Identity.email("vraag-" + tag + "@example.com"), informational, "info-" + tag, team,
				now.minusSeconds(3000));
		handled("email", Identity.email(customer), needsAPerson, "fix-" + tag, team, now.minusSeconds(2000));
		handled("email", Identity.email(customer), repeat, "fix-" + tag, team, now.minusSeconds(1000));
		handled("phone", Identity.phone("+3161" + (1_000_000 + Math.abs(tag.hashCode() % 8_999_999))),
				"Inkomend gesprek " + tag, "info-" + tag, team, now.minusSeconds(500));

		List<String> asked = gaps.find(now.minusSeconds(3600), now.plusSeconds(60), 10)
			.stream()
			.flatMap(g -> g.examples().stream())
			.map(KnowledgeGaps.Question::text)
			.filter(text -> text.contains(tag))
			.toList();
		assertThat(asked).containsExactlyInAnyOrder(informational, repeat);
	}

	private void handled(String channel, Identity sender, String text, String reason, String team, Instant at) {
		UUID id = conversations
			.receive(new InboundMessage(channel, "gap-" + UUID.randomUUID(),
					new IdentityClaim(List.of(sender), null, null, at), null, "nl", null, text, null, List.of(), at, at))
			.conversationId();
		ConversationId conversation = new ConversationId(id);
		conversations.assign(conversation, "agent-" + team, team, Actor.system("test"), at.plusSeconds(10));
		if (channel.equals("phone")) {
			conversations.answer(conversation, "agent-" + team, at.plusSeconds(20));
			conversations.resolve(conversation, reason, Actor.agent("agent-" + team), at.plusSeconds(40));
			return;
		}
		conversations.reply(conversation, "agent-" + team, "Dank voor je bericht, " + text.length(), null,
				at.plusSeconds(20));
		conversations.receive(new InboundMessage(channel, "gap-" + UUID.randomUUID(),
				new IdentityClaim(List.of(sender), null, null, at.plusSeconds(30)), null, "nl", null,
				"Bedankt! " + UUID.randomUUID(), null, List.of(), at.plusSeconds(30), at.plusSeconds(30)));
		conversations.resolve(conversation, reason, Actor.agent("agent-" + team), at.plusSeconds(40));
	}

	private void handedOff(String question) {
		handedOff(question, "low-confidence");
	}

	private void handedOff(String question, String why) {
		UUID id = botConversation(question);
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			ConversationView c = conversations.find(new ConversationId(id)).orElseThrow();
			events.append(Instant.now(), c, ContactEventType.BOT_HANDOFF, Actor.bot(), null,
					Map.of("reason", "dont_know", "handOffReason", why));
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
