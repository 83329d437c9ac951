package nl.baken.proactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ConversationDetail;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.ConversationStatus;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboundMessage;
import nl.baken.conversation.InboundReceipt;
import nl.baken.conversation.MessageView;
import nl.baken.customer.CustomerId;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.proactive.BusinessEvent.EventSubject;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One answer during an incident: on web chat, where the bot has the conversation, an affected customer's message gets
 * exactly one bot message — the incident's status, then "did this help?" — and "no" hands the conversation to a
 * person; the incident linker sends nothing of its own.
 */
@DatabaseTest
@TestPropertySource(properties = "baken.answering.bot.channels=webchat")
class IncidentBotTests extends ApiTestSupport {

	@Autowired
	Incidents incidents;

	@Autowired
	EventIntake intake;

	@Autowired
	Customers customers;

	@Autowired
	Conversations conversations;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void anAffectedCustomersChatGetsOneBotMessageWithTheStatusAndNoHandsOff() {
		String email = unique("chat") + "@example.nl";
		String order = unique("o");
		new TransactionTemplate(transactionManager).executeWithoutResult(status -> customers
			.resolve(new IdentityClaim(List.of(Identity.email(email)), "Klant", null, Instant.now())));
		intake.receive(new BusinessEvent(unique("e"), "order.shipped", Instant.now(),
				new EventSubject(email, null, null, order, null, null, "3511 AB", "parasol"),
				Map.of("carrier", "PostNL", "expectedDelivery", "2026-11-28")));
		Incident incident = incidents.declare(new NewIncident(null, IncidentKind.DELIVERY_DELAY, "Pakketten later",
				"Parcels delayed", "Uw pakket komt een dag later.", "Your parcel arrives a day late.", null,
				new IncidentAudience(List.of(order), List.of(), List.of(), List.of(), null)), Actor.system("test"));

		InboundReceipt first = chat(email, "Waar blijft mijn pakket?");
		ConversationId id = new ConversationId(first.conversationId());
		List<MessageView> bot = await().atMost(Duration.ofSeconds(30)).until(() -> botMessages(id), m -> !m.isEmpty());
		assertThat(bot).singleElement().satisfies(m -> assertThat(m.text()).contains("Pakketten later",
				"Uw pakket komt een dag later.", "Heeft dit je vraag beantwoord?"));
		ConversationDetail detail = conversations.detail(id).orElseThrow();
		assertThat(detail.conversation().status()).isEqualTo(ConversationStatus.BOT);
		assertThat(detail.events()).filteredOn(e -> e.type() == ContactEventType.INCIDENT_LINKED).hasSize(1);
		assertThat(detail.events()).filteredOn(e -> e.type() == ContactEventType.BOT_ANSWERED)
			.singleElement()
			.extracting(ContactEvent::attributes)
			.satisfies(a -> assertThat(a).containsEntry("source", "incident")
				.containsEntry("incidentId", incident.id().toString()));

		// "no": a person takes over (queued, or assigned at once); the status is not told a second time
		chat(email, "nee");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> conversations.find(id).orElseThrow().status() != ConversationStatus.BOT);
		List<MessageView> after = botMessages(id);
		assertThat(after).hasSize(2);
		assertThat(after.getLast().text()).doesNotContain("Uw pakket komt een dag later.");
		assertThat(conversations.detail(id).orElseThrow().events())
			.filteredOn(e -> e.type() == ContactEventType.BOT_HANDOFF)
			.singleElement()
			.satisfies(e -> assertThat(e.attributes()).containsEntry("handOffReason", "not-helped"));
	}

	@Test
	void anUnaffectedCustomerGetsNoIncidentStatus() {
		String email = unique("free") + "@example.nl";
		InboundReceipt receipt = chat(email, "medewerker");
		ConversationId id = new ConversationId(receipt.conversationId());
		await().atMost(Duration.ofSeconds(30))
			.until(() -> conversations.find(id).orElseThrow().status() != ConversationStatus.BOT);
		ConversationDetail detail = conversations.detail(id).orElseThrow();
		assertThat(detail.events()).noneMatch(e -> e.type() == ContactEventType.INCIDENT_LINKED);
		assertThat(detail.events()).noneMatch(e -> e.type() == ContactEventType.BOT_ANSWERED);
	}

	private InboundReceipt chat(String email, String text) {
		Instant now = Instant.now();
		return conversations.receive(new InboundMessage("webchat", unique("chat"),
				new IdentityClaim(List.of(Identity.email(email)), null, null, now), null, "nl", null, text, null,
				List.of(), now, now));
	}

	private List<MessageView> botMessages(ConversationId id) {
		return conversations.detail(id)
			.orElseThrow()
			.messages()
			.stream()
			.filter(m -> "bot".equals(m.authorKind()))
			.toList();
	}
}
