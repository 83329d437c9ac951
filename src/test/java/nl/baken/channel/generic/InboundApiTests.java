package nl.baken.channel.generic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.Scope;
import nl.baken.conversation.ContactReason;
import nl.baken.conversation.ContactReasons;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboundMessage;
import nl.baken.conversation.InboundReceipt;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.shared.Actor;
import nl.baken.shared.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

@DatabaseTest
class InboundApiTests extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Conversations conversations;

	@Autowired
	ContactReasons reasons;

	@Test
	void sameEmailOnTwoChannelsIsOneCustomerWithOneTimeline() throws Exception {
		String token = token(Scope.INBOUND_WRITE, Scope.CUSTOMERS_READ, Scope.CONVERSATIONS_READ);
		String email = unique("jan") + "@Example.NL";
		JsonNode byMail = accepted(token, """
				{"channel":"email","providerMessageId":"%s","sender":{"email":"%s","name":"Jan de Vries"},
				 "text":"Waar blijft mijn bestelling 12345?","sentAt":"2026-11-20T09:00:00Z"}"""
			.formatted(unique("mail"), email));
		String phone = "061" + (1_000_000 + (int) (Math.random() * 8_999_999));
		JsonNode byWhatsapp = accepted(token, """
				{"channel":"whatsapp","providerMessageId":"%s",
				 "sender":{"whatsappId":"31%s","email":"%s"},
				 "text":"Hallo, nog steeds geen pakket","sentAt":"2026-11-20T10:00:00Z"}"""
			.formatted(unique("wamid"), phone.substring(1), email.toLowerCase()));

		assertThat(byWhatsapp.get("customerId").asString()).isEqualTo(byMail.get("customerId").asString());
		assertThat(byWhatsapp.get("conversationId").asString()).isNotEqualTo(byMail.get("conversationId").asString());

		String customerId = byMail.get("customerId").asString();
		JsonNode profile = get(token, "/api/v1/customers/" + customerId);
		assertThat(profile.get("displayName").asString()).isEqualTo("Jan de Vries");
		Set<String> identities = new java.util.HashSet<>();
		profile.get("identities").forEach(i -> identities.add(i.get("kind").asString() + ":" + i.get("value").asString()));
		assertThat(identities).contains("email:" + email.toLowerCase(), "whatsapp:+31" + phone.substring(1),
				"phone:+31" + phone.substring(1));

		JsonNode timeline = get(token, "/api/v1/customers/" + customerId + "/timeline");
		List<String> channels = new ArrayList<>();
		timeline.get("conversations").forEach(c -> channels.add(c.get("conversation").get("channel").asString()));
		assertThat(channels).containsExactly("whatsapp", "email");
		JsonNode mail = timeline.get("conversations").get(1);
		assertThat(mail.get("messages").get(0).get("text").asString()).isEqualTo("Waar blijft mijn bestelling 12345?");
		List<String> types = new ArrayList<>();
		mail.get("events").forEach(e -> types.add(e.get("type").asString()));
		assertThat(types).containsExactly("offered", "queued", "message_received");

		// looking the customer up by the phone number written nationally finds the same person
		JsonNode byPhone = get(token, "/api/v1/customers?phone=" + phone);
		assertThat(byPhone.get("id").asString()).isEqualTo(customerId);
	}

	@Test
	void aConversationWithoutSubjectIsNamedByTheCustomersFirstLine() throws Exception {
		String token = token(Scope.INBOUND_WRITE, Scope.CONVERSATIONS_READ);
		String whatsappId = "3161" + (1_000_000 + (int) (Math.random() * 8_999_999));
		JsonNode chat = accepted(token, """
				{"channel":"whatsapp","providerMessageId":"%s","sender":{"whatsappId":"%s"},
				 "text":"\\n  Waar blijft mijn pakket?  \\nGroet, Els","sentAt":"2026-11-20T10:00:00Z"}"""
			.formatted(unique("wamid"), whatsappId));
		assertThat(get(token, "/api/v1/conversations/" + chat.get("conversationId").asString())
			.at("/conversation/subject")
			.asString()).isEqualTo("Waar blijft mijn pakket?");

		String rambling = "Goedemorgen, ik heb een vraag over ".repeat(4);
		JsonNode longLine = accepted(token, """
				{"channel":"whatsapp","providerMessageId":"%s","sender":{"whatsappId":"%s"},
				 "text":"%s","sentAt":"2026-11-20T11:00:00Z"}"""
			.formatted(unique("wamid"), "3162" + whatsappId.substring(4), rambling));
		String subject = get(token, "/api/v1/conversations/" + longLine.get("conversationId").asString())
			.at("/conversation/subject")
			.asString();
		assertThat(subject).hasSize(80).endsWith("\u2026").startsWith(rambling.substring(0, 79));

		// a subject the channel has is kept
		JsonNode mail = accepted(token, """
				{"channel":"email","providerMessageId":"%s","sender":{"email":"%s"},"subject":"Factuur 2026-114",
				 "text":"Zie bijlage","sentAt":"2026-11-20T12:00:00Z"}"""
			.formatted(unique("mail"), unique("els") + "@example.nl"));
		assertThat(get(token, "/api/v1/conversations/" + mail.get("conversationId").asString())
			.at("/conversation/subject")
			.asString()).isEqualTo("Factuur 2026-114");
	}

	@Test
	void aNulCharacterIsDroppedAndTheMessageStored() throws Exception {
		// PostgreSQL refuses NUL in text: refusing the message would lose it, a 409 would have it repeated forever
		String token = token(Scope.INBOUND_WRITE, Scope.CONVERSATIONS_READ, Scope.CUSTOMERS_READ);
		JsonNode receipt = accepted(token, """
				{"channel":"email","providerMessageId":"%s","sender":{"email":"%s","name":"Els\\u0000 Bakker"},
				 "subject":"Factuur\\u0000","text":"Waar\\u0000 blijft het?","sentAt":"2026-11-20T12:00:00Z"}"""
			.formatted(unique("mail"), unique("els") + "@example.nl"));
		JsonNode conversation = get(token, "/api/v1/conversations/" + receipt.get("conversationId").asString());
		assertThat(conversation.at("/conversation/subject").asString()).isEqualTo("Factuur");
		assertThat(conversation.at("/messages/0/text").asString()).isEqualTo("Waar blijft het?");
		assertThat(get(token, "/api/v1/customers/" + receipt.get("customerId").asString()).get("displayName")
			.asString()).isEqualTo("Els Bakker");
	}

	@Test
	void aRetryOfTheSameProviderMessageGetsTheSameAnswerAndStoresNothing() throws Exception {
		String token = token(Scope.INBOUND_WRITE);
		String body = """
				{"channel":"webchat","providerMessageId":"%s","sender":{"webVisitorId":"%s"},
				 "text":"Kan ik retourneren?","sentAt":"2026-11-20T09:00:00Z"}"""
			.formatted(unique("chat"), unique("visitor"));
		MvcTestResult first = post(token, body);
		long messages = count("message");
		long events = count("contact_event");
		MvcTestResult second = post(token, body);

		assertThat(second).hasStatus(HttpStatus.ACCEPTED);
		assertThat(second.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
		assertThat(second.getResponse().getHeader("Baken-Duplicate")).isEqualTo("true");
		assertThat(count("message")).isEqualTo(messages);
		assertThat(count("contact_event")).isEqualTo(events);
	}

	@Test
	void racingDeliveriesOfOneMessageStoreItOnce() throws Exception {
		String providerId = unique("race");
		String email = unique("race") + "@example.com";
		List<Callable<InboundReceipt>> deliveries = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			deliveries.add(() -> conversations.receive(new InboundMessage("email", providerId,
					new IdentityClaim(List.of(Identity.email(email)), null, null, Instant.now()), null, null, null,
					"Dubbel?", null, List.of(), Instant.now(), Instant.now())));
		}
		List<InboundReceipt> receipts = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
			for (Future<InboundReceipt> receipt : pool.invokeAll(deliveries)) {
				receipts.add(receipt.get());
			}
		}
		assertThat(receipts.stream().map(InboundReceipt::messageId).collect(Collectors.toSet())).hasSize(1);
		assertThat(receipts.stream().filter(r -> !r.duplicate())).hasSize(1);
		assertThat(jdbc.sql("select count(*) from message where provider_message_id = ?")
			.param(providerId)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from customer_identity where identity_value = ?")
			.param(email)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void differentMessagesOfOneNewCustomerAtOnceMakeOneCustomerAndOneConversation() throws Exception {
		String phone = "+3120" + (1_000_000 + (int) (Math.random() * 8_999_999));
		List<Callable<InboundReceipt>> deliveries = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			String providerId = unique("burst");
			deliveries.add(() -> conversations.receive(new InboundMessage("phone", providerId,
					new IdentityClaim(List.of(Identity.phone(phone)), null, null, Instant.now()), null, null, null,
					"Bericht", null, List.of(), Instant.now(), Instant.now())));
		}
		List<InboundReceipt> receipts = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			for (Future<InboundReceipt> receipt : pool.invokeAll(deliveries)) {
				receipts.add(receipt.get());
			}
		}
		assertThat(receipts.stream().map(InboundReceipt::customerId).collect(Collectors.toSet())).hasSize(1);
		assertThat(receipts.stream().map(InboundReceipt::conversationId).collect(Collectors.toSet())).hasSize(1);
		assertThat(receipts.stream().map(InboundReceipt::messageId).collect(Collectors.toSet())).hasSize(8);
	}

	/**
	 * The open conversation is found by a plain query and then locked by its id: a resolve that lands in between must
	 * neither be overwritten by the message nor get the message appended after it, and the customer never ends up
	 * with two open conversations on one channel.
	 */
	@Test
	void messagesRacingResolvesNeverLandInAResolvedConversation() throws Exception {
		String reason = "r" + UUID.randomUUID().toString().substring(0, 8);
		reasons.define(new ContactReason(reason, "Vraag", "Question", true, false));
		String email = unique("resolving") + "@example.nl";
		int senders = 6;
		int perSender = 15;
		AtomicBoolean sending = new AtomicBoolean(true);
		List<Callable<Integer>> work = new ArrayList<>();
		for (int s = 0; s < senders; s++) {
			work.add(() -> {
				for (int i = 0; i < perSender; i++) {
					conversations.receive(new InboundMessage("email", unique("resolve-race"),
							new IdentityClaim(List.of(Identity.email(email)), null, null, Instant.now()), null, null,
							null, "Bericht " + i, null, List.of(), Instant.now(), Instant.now()));
				}
				return perSender;
			});
		}
		Callable<Integer> resolver = () -> {
			int resolved = 0;
			while (sending.get()) {
				for (UUID open : jdbc.sql("""
						select c.id from conversation c join customer_identity i on i.customer_id = c.customer_id
						where i.identity_value = ? and c.status not in ('resolved', 'closed')""")
					.param(email.toLowerCase())
					.query(UUID.class)
					.list()) {
					try {
						conversations.resolve(new ConversationId(open), reason, Actor.system("test"), Instant.now());
						resolved++;
					}
					catch (RuleViolationException alreadyResolved) {
						// resolved by this loop's previous round, seen before its commit: fine
					}
				}
			}
			return resolved;
		};
		int resolves;
		try (ExecutorService pool = Executors.newFixedThreadPool(senders + 1)) {
			Future<Integer> resolving = pool.submit(resolver);
			try {
				for (Future<Integer> sent : pool.invokeAll(work)) {
					sent.get();
				}
			}
			finally {
				// also when a sender failed: the resolver must stop, or closing the pool waits for ever
				sending.set(false);
			}
			resolves = resolving.get();
		}

		UUID customer = jdbc.sql("select customer_id from customer_identity where identity_value = ?")
			.param(email.toLowerCase())
			.query(UUID.class)
			.single();
		assertThat(jdbc.sql("select count(*) from message m join conversation c on c.id = m.conversation_id "
				+ "where c.customer_id = ?").param(customer).query(Long.class).single())
			.isEqualTo((long) senders * perSender);
		assertThat(jdbc.sql("select count(*) from conversation where customer_id = ? and status not in ('resolved', 'closed')")
			.param(customer)
			.query(Long.class)
			.single()).isLessThanOrEqualTo(1);
		// every resolve stuck, and no message was received into a conversation after its resolve
		assertThat(jdbc.sql("""
				select count(*) from contact_event r join conversation c on c.id = r.conversation_id
				where c.customer_id = ? and r.type = 'resolved' and c.status <> 'resolved'""")
			.param(customer)
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("""
				select count(*) from contact_event r join contact_event m on m.conversation_id = r.conversation_id
				where r.customer_id = ? and r.type = 'resolved' and m.type = 'message_received' and m.seq > r.seq""")
			.param(customer)
			.query(Long.class)
			.single()).isZero();
		assertThat(resolves).as("the race happened: conversations were resolved while messages came in").isPositive();
	}

	@Test
	void badInputGetsAProblemAndWritesNothing() throws Exception {
		String token = token(Scope.INBOUND_WRITE);
		long before = count("message");
		Map<String, String> cases = Map.of(
				"{\"channel\":\"email\",", "not valid JSON",
				"""
				{"channel":"email","providerMessageId":"x1","sender":{"email":"a@b.nl"},"sentAt":"2026-11-20T09:00:00Z"}""",
				"text must not be blank",
				"""
				{"channel":"email","providerMessageId":"x2","sender":{"email":"a@b.nl"},"text":"hi","sentAt":"gisteren"}""",
				"sentAt",
				"""
				{"channel":"email","providerMessageId":"x3","sender":{"email":"geen-adres"},"text":"hi","sentAt":"2026-11-20T09:00:00Z"}""",
				"is not an e-mail address",
				"""
				{"channel":"email","providerMessageId":"x4","sender":{},"text":"hi","sentAt":"2026-11-20T09:00:00Z"}""",
				"sender needs at least one",
				"""
				{"channel":"email","providerMessageId":"x5","sender":{"email":"a@b.nl"},"txt":"hi","sentAt":"2026-11-20T09:00:00Z"}""",
				"unknown field 'txt'",
				"""
				{"channel":"email","providerMessageId":"x6","sender":{"email":"a@b.nl"},"brand":"nope","text":"hi","sentAt":"2026-11-20T09:00:00Z"}""",
				"unknown brand 'nope'",
				"""
				{"channel":"email","providerMessageId":"x7","sender":{"phone":"12"},"text":"hi","sentAt":"2026-11-20T09:00:00Z"}""",
				"phone number");
		cases.forEach((body, expected) -> {
			MvcTestResult result = post(token, body);
			assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
			assertThat(result.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(expected);
		});
		assertThat(count("message")).isEqualTo(before);
	}

	@Test
	void aBodyOverTheLimitIsRefused() throws Exception {
		String token = token(Scope.INBOUND_WRITE);
		String body = """
				{"channel":"email","providerMessageId":"big","sender":{"email":"a@b.nl"},"text":"%s","sentAt":"2026-11-20T09:00:00Z"}"""
			.formatted("x".repeat(300_000));
		MvcTestResult result = post(token, body);
		assertThat(result).hasStatus(HttpStatus.CONTENT_TOO_LARGE);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("262144");
	}

	@Test
	void withoutTheRightTokenNothingIsAccepted() throws Exception {
		String body = """
				{"channel":"email","providerMessageId":"%s","sender":{"email":"a@b.nl"},"text":"hi","sentAt":"2026-11-20T09:00:00Z"}"""
			.formatted(unique("auth"));
		long before = count("message");
		assertThat(mvc.post().uri("/api/v1/inbound").contentType(MediaType.APPLICATION_JSON).content(body))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("needs an API token");
		assertThat(post("Bearer not-a-token", body)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(post(token(Scope.CONVERSATIONS_READ), body)).hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("scope");
		assertThat(count("message")).isEqualTo(before);
	}

	private JsonNode accepted(String token, String body) throws Exception {
		MvcTestResult result = post(token, body);
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		return json.readTree(result.getResponse().getContentAsString());
	}

	private MvcTestResult post(String token, String body) {
		return post(token, "/api/v1/inbound", body);
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}
}
