package nl.baken.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import nl.baken.DatabaseTest;
import nl.baken.access.Scope;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.ContactReason;
import nl.baken.conversation.ContactReasons;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

@DatabaseTest
class CallbackApiTests extends RoutingTestSupport {

	@Autowired
	Callbacks callbacks;

	@Autowired
	Conversations conversations;

	@Autowired
	ContactEvents events;

	@Autowired
	ContactReasons reasons;

	String admin;

	String widget;

	@BeforeEach
	void tokens() {
		admin = token();
		widget = token(Scope.CALLBACKS_WRITE);
	}

	String phoneAgent() throws Exception {
		String agent = agent(null);
		ok(send("PUT", admin, "/api/v1/routing/agents/" + agent,
				"{\"languages\":[\"nl\"],\"capacity\":{\"phone\":1,\"email\":0,\"webchat\":0,\"whatsapp\":0}}"));
		ok(send("PUT", admin, "/api/v1/routing/agents/" + agent + "/presence", "{\"presence\":\"available\"}"));
		return agent;
	}

	static String phone() {
		return "061" + (1_000_000 + (int) (Math.random() * 8_999_999));
	}

	@Test
	void aCallbackWhoseConversationClosedBeforeAnyAttemptEndsAndTheNextRequestIsItsOwn() throws Exception {
		phoneAgent();
		String phone = phone();
		UUID id = UUID.fromString(ok(send("POST", widget, "/api/v1/callbacks",
				"{\"phone\":\"%s\",\"kind\":\"in_queue\",\"origin\":\"api\"}".formatted(phone))).get("id")
			.asString());
		callbacks.queueDue();
		CallbackView queued = callbacks.find(id).orElseThrow();
		assertThat(queued.status()).isEqualTo("queued");

		// a team lead closes the call's conversation before anyone recorded an attempt
		String reason = "r" + UUID.randomUUID().toString().substring(0, 8);
		reasons.define(new ContactReason(reason, "Reden", "Reason", false, true));
		conversations.resolve(new ConversationId(queued.conversationId()), reason, Actor.agent("lead"),
				clock.instant());

		assertThat(callbacks.find(id).orElseThrow().status()).isEqualTo("cancelled");
		assertThat(callbacks.find(id).orElseThrow().promise()).isEqualTo("cancelled");
		assertThat(events.ofConversations(List.of(queued.conversationId())))
			.filteredOn(e -> e.type() == ContactEventType.CALLBACK_ENDED)
			.singleElement()
			.satisfies(e -> assertThat(e.attributes()).containsEntry("outcome", "conversation-closed"));
		// the customer asks again: a callback of its own, not one linked to the callback nobody will make
		JsonNode again = ok(send("POST", widget, "/api/v1/callbacks",
				"{\"phone\":\"%s\",\"kind\":\"in_queue\",\"origin\":\"api\"}".formatted(phone)));
		assertThat(again.get("status").asString()).isEqualTo("scheduled");
		// not one for the other tests to route
		callbacks.cancel(UUID.fromString(again.get("id").asString()), Actor.system("test"));
	}

	@Test
	void aScheduledCallbackIsCalledInItsSlotRetriedAfterNoAnswerAndKeepsItsPromise() throws Exception {
		String agent = phoneAgent();
		JsonNode slots = ok(send("GET", widget, "/api/v1/callbacks/slots?days=2", null));
		assertThat(slots.size()).isPositive();
		JsonNode slot = slots.get(0);
		assertThat(slot.get("free").asInt()).isPositive();
		String phone = phone();
		JsonNode callback = ok(send("POST", widget, "/api/v1/callbacks", """
				{"phone":"%s","kind":"scheduled","origin":"widget","reason":"Mijn levering is beschadigd",
				 "urgency":1,"language":"nl","slotStart":"%s"}""".formatted(phone, slot.get("start").asString())));
		UUID id = UUID.fromString(callback.get("id").asString());
		assertThat(callback.get("status").asString()).isEqualTo("scheduled");
		assertThat(callback.get("promisedFrom").asString()).isEqualTo(slot.get("start").asString());
		assertThat(callback.get("phone").asString()).startsWith("+316");

		// asking again while it is pending links the request to it
		JsonNode again = ok(send("POST", widget, "/api/v1/callbacks",
				"{\"phone\":\"%s\",\"kind\":\"in_queue\",\"origin\":\"ivr\"}".formatted(phone)));
		assertThat(again.get("status").asString()).isEqualTo("linked");
		assertThat(again.get("linkedTo").asString()).isEqualTo(id.toString());
		assertThat(callbacks.queueDue()).isZero();

		clock.advance(Duration.between(clock.instant(), Instant.parse(slot.get("start").asString())));
		assertThat(callbacks.queueDue()).isEqualTo(1);
		CallbackView queued = callbacks.find(id).orElseThrow();
		assertThat(queued.status()).isEqualTo("queued");
		assertThat(routing.work(queued.conversationId()).orElseThrow().callbackId()).isEqualTo(id);
		assertThat(routing.dispatch()).isEqualTo(1);
		assertThat(routing.work(queued.conversationId()).orElseThrow().agentId()).isEqualTo(agent);

		JsonNode noAnswer = ok(send("POST", admin, "/api/v1/callbacks/" + id + "/attempts",
				"{\"outcome\":\"no_answer\",\"agentId\":\"%s\"}".formatted(agent)));
		assertThat(noAnswer.get("status").asString()).isEqualTo("scheduled");
		assertThat(noAnswer.get("attempts").asInt()).isEqualTo(1);
		assertThat(routing.agent(agent).orElseThrow().loadPercent()).isZero();
		assertThat(callbacks.queueDue()).isZero();

		clock.advance(Duration.ofMinutes(10));
		assertThat(callbacks.queueDue()).isEqualTo(1);
		assertThat(routing.dispatch()).isEqualTo(1);
		JsonNode connected = ok(send("POST", admin, "/api/v1/callbacks/" + id + "/attempts",
				"{\"outcome\":\"connected\",\"agentId\":\"%s\"}".formatted(agent)));
		assertThat(connected.get("status").asString()).isEqualTo("connected");
		assertThat(connected.get("promise").asString()).isEqualTo("kept");

		List<ContactEvent> log = events.between(Instant.EPOCH, clock.instant().plusSeconds(1),
				List.of(ContactEventType.CALLBACK_REQUESTED, ContactEventType.CALLBACK_SCHEDULED,
						ContactEventType.CALLBACK_ATTEMPTED, ContactEventType.CALLBACK_CONNECTED,
						ContactEventType.FIRST_AGENT_RESPONSE));
		assertThat(log).filteredOn(e -> id.toString().equals(e.attributes().get("callbackId"))
				|| id.toString().equals(e.attributes().get("linkedTo")) || e.conversationId() != null && e.conversationId().equals(queued.conversationId()))
			.extracting(ContactEvent::type)
			.containsExactly(ContactEventType.CALLBACK_REQUESTED, ContactEventType.CALLBACK_SCHEDULED,
					ContactEventType.CALLBACK_REQUESTED, ContactEventType.CALLBACK_ATTEMPTED,
					ContactEventType.CALLBACK_SCHEDULED, ContactEventType.CALLBACK_ATTEMPTED,
					ContactEventType.CALLBACK_CONNECTED, ContactEventType.FIRST_AGENT_RESPONSE);
		// a new request after it connected is a callback of its own
		assertThat(ok(send("POST", widget, "/api/v1/callbacks",
				"{\"phone\":\"%s\",\"kind\":\"in_queue\",\"origin\":\"api\"}".formatted(phone))).get("status")
			.asString()).isEqualTo("scheduled");
	}

	@Test
	void anInQueueCallbackKeepsTheCallersPlace() throws Exception {
		String ahead = inboundCall(phone());
		String caller = phone();
		String call = inboundCall(caller);
		String behind = inboundCall(phone());
		JsonNode callback = ok(send("POST", widget, "/api/v1/callbacks", """
				{"phone":"%s","kind":"in_queue","origin":"ivr","conversationId":"%s"}""".formatted(caller, call)));
		// the call left the queue for the callback (a flow-out); the telephony adapter ends it
		assertThat(routing.work(UUID.fromString(call)).orElseThrow().status()).isEqualTo("cancelled");
		conversations.abandon(new ConversationId(UUID.fromString(call)), Actor.system("telephony"), clock.instant());
		assertThat(callbacks.queueDue()).isEqualTo(1);
		CallbackView queued = callbacks.find(UUID.fromString(callback.get("id").asString())).orElseThrow();
		assertThat(routing.waitInfo(UUID.fromString(ahead)).position()).isEqualTo(1);
		assertThat(routing.waitInfo(queued.conversationId()).position()).isEqualTo(2);
		assertThat(routing.waitInfo(UUID.fromString(behind)).position()).isEqualTo(3);
	}

	@Test
	void aWrongNumberEndsTheCallbackAndBadRequestsAreRefused() throws Exception {
		String agent = phoneAgent();
		JsonNode callback = ok(send("POST", widget, "/api/v1/callbacks",
				"{\"phone\":\"%s\",\"kind\":\"in_queue\",\"origin\":\"contact_page\",\"reason\":\"<b>hi</b>\"}"
					.formatted(phone())));
		String id = callback.get("id").asString();
		callbacks.queueDue();
		routing.dispatch();
		JsonNode ended = ok(send("POST", admin, "/api/v1/callbacks/" + id + "/attempts",
				"{\"outcome\":\"wrong_number\",\"agentId\":\"%s\"}".formatted(agent)));
		assertThat(ended.get("status").asString()).isEqualTo("failed");
		// not connected: the promise is broken, whoever's fault the number was
		assertThat(ended.get("promise").asString()).isEqualTo("broken");
		assertThat(send("POST", admin, "/api/v1/callbacks/" + id + "/attempts", "{\"outcome\":\"connected\"}"))
			.hasStatus(HttpStatus.CONFLICT);
		assertThat(send("POST", widget, "/api/v1/callbacks",
				"{\"phone\":\"niet-een-nummer\",\"kind\":\"in_queue\",\"origin\":\"api\"}"))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(send("POST", widget, "/api/v1/callbacks",
				"{\"phone\":\"%s\",\"kind\":\"scheduled\",\"origin\":\"api\",\"slotStart\":\"2020-01-01T10:00:00Z\"}"
					.formatted(phone()))).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(send("POST", admin, "/api/v1/callbacks/" + id + "/attempts", "{\"outcome\":\"maybe\"}"))
			.hasStatus(HttpStatus.BAD_REQUEST);
	}

	private String inboundCall(String phone) throws Exception {
		var result = send("POST", admin, "/api/v1/inbound", """
				{"channel":"phone","providerMessageId":"%s","sender":{"phone":"%s"},"text":"(call)",
				 "sentAt":"2026-11-20T09:00:00Z"}""".formatted(UUID.randomUUID(), phone));
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		return json.readTree(result.getResponse().getContentAsString()).get("conversationId").asString();
	}
}
