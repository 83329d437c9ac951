package nl.baken.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.AuditLog;
import nl.baken.access.Scope;
import nl.baken.channel.internal.OutboxStore;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.Deliveries;
import nl.baken.conversation.DeliveryStatus;
import nl.baken.conversation.InboundMessage;
import nl.baken.conversation.InboundReceipt;
import nl.baken.conversation.MessageView;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.customer.IdentityKind;
import nl.baken.shared.Sql;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The outbox with a channel adapter that fails on request: a reply is sent after commit with the customer's address
 * and thread, failures are retried with backoff, permanent ones and exhausted retries become dead letters that an
 * admin sends again, and provider reports move the status forward only.
 */
@DatabaseTest
@TestPropertySource(properties = { "baken.outbox.first-backoff=20ms", "baken.outbox.max-backoff=50ms",
		"baken.outbox.max-attempts=3", "baken.outbox.poll-interval=50ms" })
class OutboxTests extends ApiTestSupport {

	static final String CHANNEL = "outbox-test";

	@Autowired
	Conversations conversations;

	@Autowired
	Deliveries deliveries;

	@Autowired
	ContactEvents events;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ScriptedAdapter adapter;

	@Autowired
	OutboxStore store;

	@Autowired
	AuditLog audit;

	@TestConfiguration
	static class Adapter {

		@Bean
		ScriptedAdapter scriptedAdapter() {
			return new ScriptedAdapter();
		}
	}

	/** Fails the way the test text says: "fail-twice" retryably twice, "refuse" permanently while refusing is on. */
	static class ScriptedAdapter implements ChannelAdapter {

		final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();

		final Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();

		volatile boolean refusing = true;

		@Override
		public String id() {
			return CHANNEL;
		}

		@Override
		public String send(OutboundMessage message) throws DeliveryFailure {
			int call = calls.computeIfAbsent(message.messageId(), id -> new AtomicInteger()).incrementAndGet();
			if (message.text().contains("fail-twice") && call <= 2) {
				throw DeliveryFailure.retryable("provider busy (503)", null);
			}
			if (message.text().contains("always-down")) {
				throw DeliveryFailure.retryable("provider unreachable", null);
			}
			if (message.text().contains("refuse") && refusing) {
				throw DeliveryFailure.permanent("recipient blocked this number");
			}
			sent.add(message);
			return "prov-" + message.messageId();
		}
	}

	@Test
	void aReplyIsSentAfterCommitWithTheCustomersAddressAndThread() {
		String email = unique("klant") + "@example.nl";
		InboundReceipt in = receive(email, "Waar is mijn pakket?");
		MessageView reply = reply(in, "Het komt morgen.");

		MessageView delivered = awaitStatus(reply, DeliveryStatus.SENT);
		OutboundMessage sent = adapter.sent.stream().filter(m -> m.messageId().equals(reply.id())).findFirst().orElseThrow();
		assertThat(sent.address(IdentityKind.EMAIL)).contains(email);
		assertThat(sent.lastInbound().providerMessageId()).startsWith("in-");
		assertThat(sent.attempt()).isEqualTo(1);
		assertThat(sent.customerId()).isEqualTo(in.customerId());
		assertThat(delivered.providerMessageId()).isEqualTo("prov-" + reply.id());
		assertThat(events.ofConversations(List.of(in.conversationId())))
			.filteredOn(e -> e.type() == ContactEventType.DELIVERY_UPDATED)
			.extracting(e -> e.attributes().get("status"))
			.containsExactly("sent");
	}

	@Test
	void aBusyProviderIsTriedAgainUntilItTakesTheMessage() {
		InboundReceipt in = receive(unique("a") + "@example.nl", "Hallo");
		MessageView reply = reply(in, "fail-twice");

		awaitStatus(reply, DeliveryStatus.SENT);
		assertThat(adapter.calls.get(reply.id())).hasValue(3);
		assertThat(adapter.sent).filteredOn(m -> m.messageId().equals(reply.id()))
			.singleElement()
			.extracting(OutboundMessage::attempt)
			.isEqualTo(3);
	}

	@Test
	void exhaustedRetriesAndRefusalsBecomeDeadLettersThatAnAdminSendsAgain() throws Exception {
		InboundReceipt in = receive(unique("b") + "@example.nl", "Hallo");
		MessageView down = reply(in, "always-down");
		MessageView refused = reply(in, "refuse");

		awaitStatus(down, DeliveryStatus.FAILED);
		awaitStatus(refused, DeliveryStatus.FAILED);
		assertThat(adapter.calls.get(down.id())).hasValue(3);
		assertThat(adapter.calls.get(refused.id())).hasValue(1);

		String admin = token(Scope.ADMIN);
		JsonNode dead = get(admin, "/api/v1/outbox/dead-letters");
		assertThat(dead.findValuesAsString("messageId")).contains(down.id().toString(), refused.id().toString());
		assertThat(lastError(dead, refused.id())).isEqualTo("recipient blocked this number");

		adapter.refusing = false;
		assertThat(post(admin, "/api/v1/outbox/dead-letters/" + refused.id() + "/retry", ""))
			.hasStatus(HttpStatus.ACCEPTED);
		awaitStatus(refused, DeliveryStatus.SENT);
		assertThat(get(admin, "/api/v1/outbox/dead-letters").findValuesAsString("messageId"))
			.doesNotContain(refused.id().toString());
		assertThat(post(admin, "/api/v1/outbox/dead-letters/" + refused.id() + "/retry", ""))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(post(token(Scope.CONVERSATIONS_WRITE), "/api/v1/outbox/dead-letters/" + down.id() + "/retry", ""))
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	/** The channels page in the desk: the adapter, counts per state, the dead letter with its reason; sent again. */
	@Test
	void anAdminSeesTheDeadLettersOnTheChannelsPageAndSendsOneAgain() throws Exception {
		InboundReceipt in = receive(unique("d") + "@example.nl", "Hallo");
		MessageView down = reply(in, "always-down again");
		awaitStatus(down, DeliveryStatus.FAILED);

		String page = mvc.get().uri("/desk/admin/channels").with(user("admin-page").roles("ADMIN")).exchange()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"channel-" + CHANNEL + "\"", "id=\"dead-" + down.id() + "\"",
				"provider unreachable", "/desk/conversations/" + in.conversationId());
		assertThat(mvc.get().uri("/desk/admin/channels").with(user("agent-page").roles("AGENT")))
			.hasStatus(HttpStatus.FORBIDDEN);
		String retry = "/desk/admin/channels/dead-letters/" + down.id() + "/retry";
		assertThat(mvc.post().uri(retry).with(user("agent-page").roles("AGENT")).with(csrf()))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(mvc.post().uri(retry).with(user("admin-page").roles("ADMIN")))
			.as("no CSRF token")
			.hasStatus(HttpStatus.FORBIDDEN);

		assertThat(mvc.post().uri(retry).with(user("admin-page").roles("ADMIN")).with(csrf()))
			.hasStatus(HttpStatus.FOUND)
			.hasRedirectedUrl("/desk/admin/channels?retried");
		await().atMost(Duration.ofSeconds(10)).until(() -> adapter.calls.get(down.id()).get() > 3);
		assertThat(audit.forSubject("message", down.id().toString()))
			.extracting(AuditLog.Entry::action, AuditLog.Entry::actor)
			.contains(org.assertj.core.groups.Tuple.tuple("outbox.dead-letter-retried", "agent:admin-page"));
	}

	@Test
	void providerReportsOnlyMoveTheStatusForward() {
		InboundReceipt in = receive(unique("c") + "@example.nl", "Hallo");
		MessageView reply = reply(in, "Graag gedaan");
		String providerId = awaitStatus(reply, DeliveryStatus.SENT).providerMessageId();
		Instant at = Instant.now();

		assertThat(deliveries.reported(CHANNEL, providerId, DeliveryStatus.READ, null, at)).isTrue();
		assertThat(deliveries.reported(CHANNEL, providerId, DeliveryStatus.DELIVERED, null, at)).isTrue();
		assertThat(status(reply)).isEqualTo("read");
		assertThat(deliveries.reported(CHANNEL, providerId, DeliveryStatus.FAILED, "late failure", at)).isTrue();
		assertThat(status(reply)).isEqualTo("read");
		assertThat(deliveries.reported(CHANNEL, "unknown-id", DeliveryStatus.READ, null, at)).isFalse();
		assertThat(deliveries.reported("other-channel", providerId, DeliveryStatus.READ, null, at)).isFalse();
	}

	@Test
	void aMessageIsClaimedByOneNodeAtATime() {
		UUID id = UUID.randomUUID();
		// due an hour from now, so this node's own dispatcher leaves it alone
		Instant now = Instant.now().plusSeconds(3600);
		jdbc.sql("""
				insert into outbound_delivery (message_id, channel, state, attempts, next_attempt_at, created_at, updated_at)
				values (?, 'nowhere', 'waiting', 0, ?, ?, ?)""")
			.params(id, Sql.utc(now.minusSeconds(1)), Sql.utc(now), Sql.utc(now))
			.update();
		assertThat(store.claim(id, "node-a", now, now.plusSeconds(60))).isTrue();
		assertThat(store.claim(id, "node-b", now, now.plusSeconds(60))).isFalse();
		assertThat(store.claim(id, "node-b", now.plusSeconds(61), now.plusSeconds(120))).as("lease ran out").isTrue();
	}

	private InboundReceipt receive(String email, String text) {
		Instant now = Instant.now();
		return conversations.receive(new InboundMessage(CHANNEL, unique("in"),
				new IdentityClaim(List.of(Identity.email(email)), "Klant", null, now), null, "nl", "Vraag", text, null,
				List.of(), now, now));
	}

	private MessageView reply(InboundReceipt in, String text) {
		return conversations.reply(new ConversationId(in.conversationId()), "anna", text, null, Instant.now());
	}

	private MessageView awaitStatus(MessageView message, DeliveryStatus status) {
		await().atMost(Duration.ofSeconds(20)).until(() -> status.code().equals(status(message)));
		return deliveries.draft(message.id()).orElseThrow().message();
	}

	private String status(MessageView message) {
		return deliveries.draft(message.id()).orElseThrow().message().deliveryStatus();
	}

	private static String lastError(JsonNode deadLetters, UUID id) {
		for (JsonNode letter : deadLetters) {
			if (letter.get("messageId").asString().equals(id.toString())) {
				return letter.get("lastError").asString();
			}
		}
		return null;
	}
}
