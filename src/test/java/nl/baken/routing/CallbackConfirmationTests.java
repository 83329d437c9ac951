package nl.baken.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import nl.baken.DatabaseTest;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.MessageView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * The customer hears of their callback on the channel they came from, in their language: booked, moved and
 * cancelled, each a message from Baken in their conversation that the outbox delivers.
 */
@DatabaseTest
class CallbackConfirmationTests extends RoutingTestSupport {

	@Autowired
	Conversations conversations;

	@Autowired
	Callbacks callbacks;

	String admin;

	@BeforeEach
	void phoneAgent() throws Exception {
		admin = token();
		String agent = agent(null);
		ok(send("PUT", admin, "/api/v1/routing/agents/" + agent,
				"{\"languages\":[\"nl\"],\"capacity\":{\"phone\":1,\"email\":0,\"webchat\":0,\"whatsapp\":0}}"));
		ok(send("PUT", admin, "/api/v1/routing/agents/" + agent + "/presence", "{\"presence\":\"available\"}"));
	}

	static String phone() {
		return "061" + (1_000_000 + (int) (Math.random() * 8_999_999));
	}

	List<MessageView> fromBaken(String conversation) {
		return conversations.detail(new ConversationId(UUID.fromString(conversation)))
			.orElseThrow()
			.messages()
			.stream()
			.filter(m -> "system".equals(m.authorKind()))
			.toList();
	}

	String queuedOn(UUID messageId) {
		return jdbc.sql("select channel from outbound_delivery where message_id = ?")
			.param(messageId)
			.query(String.class)
			.single();
	}

	/** Callbacks of this test must not become the calls other tests count. */
	@AfterEach
	void endOwnCallbacks() {
		jdbc.sql("delete from callback_pending").update();
		jdbc.sql("update callback set status = 'cancelled' where status in ('scheduled', 'queued')").update();
	}

	@Test
	void anEnglishEmailCustomerIsToldOfTheBookingTheMoveAndTheCancellationByEmail() throws Exception {
		String conversation = inbound(admin, "email", unique("c") + "@example.com", "en", null);
		JsonNode slots = ok(send("GET", admin, "/api/v1/callbacks/slots?days=2", null));
		assertThat(slots.size()).isGreaterThan(1);
		JsonNode callback = ok(send("POST", admin, "/api/v1/callbacks", """
				{"phone":"%s","kind":"scheduled","origin":"api","slotStart":"%s","conversationId":"%s"}"""
			.formatted(phone(), slots.get(0).get("start").asString(), conversation)));
		String id = callback.get("id").asString();
		String e164 = callback.get("phone").asString();

		List<MessageView> told = fromBaken(conversation);
		assertThat(told).singleElement().satisfies(m -> {
			assertThat(m.channel()).isEqualTo("email");
			assertThat(m.direction()).isEqualTo("outbound");
			assertThat(m.text()).startsWith("We will call you back on " + e164 + ", ").contains(" between ");
			assertThat(queuedOn(m.id())).isEqualTo("email");
		});
		// a confirmation is not an agent's answer: the conversation is still nobody's and unanswered
		var view = conversations.find(new ConversationId(UUID.fromString(conversation))).orElseThrow();
		assertThat(view.assignedAgent()).isNull();
		assertThat(view.firstResponseAt()).isNull();

		ok(send("PUT", admin, "/api/v1/callbacks/" + id + "/slot",
				"{\"slotStart\":\"%s\"}".formatted(slots.get(1).get("start").asString())));
		assertThat(fromBaken(conversation)).hasSize(2)
			.last()
			.satisfies(m -> assertThat(m.text()).startsWith("Your callback has been moved: we will call you on " + e164));
		JsonNode cancelled = ok(send("POST", admin, "/api/v1/callbacks/" + id + "/cancel", null));
		assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
		assertThat(cancelled.get("promise").asString()).isEqualTo("cancelled");
		assertThat(fromBaken(conversation)).hasSize(3)
			.last()
			.satisfies(m -> assertThat(m.text()).isEqualTo("Your callback request for " + e164
					+ " has been cancelled. You can ask again at any time on our contact page."));
		// a cancelled callback is over: no second cancel, and the customer may ask again
		assertThat(send("POST", admin, "/api/v1/callbacks/" + id + "/cancel", null)).hasStatus(HttpStatus.CONFLICT);
		assertThat(ok(send("POST", admin, "/api/v1/callbacks",
				"{\"phone\":\"%s\",\"kind\":\"in_queue\",\"origin\":\"api\"}".formatted(e164))).get("status").asString())
			.isEqualTo("scheduled");
	}

	@Test
	void aDutchCustomerIsToldInDutchAndARetryAfterNoAnswerIsAMove() throws Exception {
		// callbacks other tests left leave the queue first, so that the agent gets this one
		while (callbacks.queueDue() > 0) {
		}
		jdbc.sql("update routing_work set status = 'cancelled' where status = 'waiting'").update();
		String conversation = inbound(admin, "email", unique("c") + "@example.com", "nl", null);
		JsonNode callback = ok(send("POST", admin, "/api/v1/callbacks", """
				{"phone":"%s","kind":"in_queue","origin":"api","language":"nl","conversationId":"%s"}"""
			.formatted(phone(), conversation)));
		assertThat(fromBaken(conversation)).singleElement()
			.satisfies(m -> assertThat(m.text()).startsWith("We bellen je terug op " + callback.get("phone").asString())
				.contains("zodra je aan de beurt bent"));
		UUID id = UUID.fromString(callback.get("id").asString());
		assertThat(send("PUT", admin, "/api/v1/callbacks/" + id + "/slot", "{\"slotStart\":\"2020-01-01T10:00:00Z\"}"))
			.hasStatus(HttpStatus.BAD_REQUEST);

		// the callback is made as a phone conversation of its own; the customer hears of the retry where they asked
		while (callbacks.queueDue() > 0) {
		}
		routing.dispatch();
		assertThat(callbacks.find(id).orElseThrow().status()).isEqualTo("queued");
		assertThat(send("POST", admin, "/api/v1/callbacks/" + id + "/cancel", null)).hasStatus(HttpStatus.CONFLICT);
		ok(send("POST", admin, "/api/v1/callbacks/" + id + "/attempts", "{\"outcome\":\"no_answer\"}"));
		assertThat(fromBaken(conversation)).hasSize(2)
			.last()
			.satisfies(m -> assertThat(m.text()).startsWith("Je terugbelafspraak is verzet: we bellen je op "));
	}

	@Test
	void aRequestWithoutAConversationOnAMessagingChannelSendsNothing() throws Exception {
		long before = jdbc.sql("select count(*) from outbound_delivery").query(Long.class).single();
		ok(send("POST", admin, "/api/v1/callbacks",
				"{\"phone\":\"%s\",\"kind\":\"in_queue\",\"origin\":\"ivr\"}".formatted(phone())));
		assertThat(jdbc.sql("select count(*) from outbound_delivery").query(Long.class).single()).isEqualTo(before);
	}
}
