package nl.baken.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.RandomInput;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Users;
import nl.baken.channel.SelfServiceSuggestions;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.MessageView;
import nl.baken.customer.Brands;
import nl.baken.customer.CustomerId;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.routing.CallbackView;
import nl.baken.routing.Callbacks;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * The widget API as a customer's site calls it: sessions with anonymous and site-signed identities, messages stored
 * once however often they are resent, agent replies in the visitor's stream with receipts back, files checked and
 * shown only to those who may open the conversation, requests outside opening hours, suggestions, rate limit and
 * CORS.
 */
@DatabaseTest
@TestPropertySource(properties = { "baken.channels.webchat.secret=" + WebchatApiTests.SECRET,
		"baken.channels.webchat.sites.tuinhuys.identity-secret=" + WebchatApiTests.SITE_SECRET,
		"baken.channels.webchat.allowed-origins=https://www.tuinhuys.example",
		"baken.channels.webchat.hours.week.monday=00:00-24:00", "baken.channels.webchat.hours.week.tuesday=00:00-24:00",
		"baken.channels.webchat.hours.week.wednesday=00:00-24:00",
		"baken.channels.webchat.hours.week.thursday=00:00-24:00", "baken.channels.webchat.hours.week.friday=00:00-24:00",
		"baken.channels.webchat.hours.week.saturday=00:00-24:00", "baken.channels.webchat.hours.week.sunday=00:00-24:00",
		"baken.channels.webchat.rate-limit.visitor-burst=6", "baken.channels.webchat.rate-limit.visitor-per-minute=6",
		"baken.channels.webchat.rate-limit.ip-burst=20", "baken.channels.webchat.rate-limit.ip-per-minute=20",
		"baken.channels.webchat.attachments.max-size=2KB", "baken.outbox.poll-interval=50ms" })
class WebchatApiTests extends ApiTestSupport {

	static final String SECRET = "webchat-test-secret-of-at-least-32-chars";

	static final String SITE_SECRET = "tuinhuys-site-secret";

	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };

	@Autowired
	Brands brands;

	@Autowired
	Customers customers;

	@Autowired
	Callbacks callbacks;

	@Autowired
	Conversations conversations;

	@Autowired
	ContactEvents events;

	@Autowired
	Users users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Typing typing;

	@TestConfiguration
	static class Articles {

		/** A knowledge base that knows one article, plus one with a link the widget must never show. */
		@Bean
		SelfServiceSuggestions testArticles() {
			return query -> query.text().contains("retour")
					? List.of(new SelfServiceSuggestions.Suggestion("Retourneren", "https://help.example/retour",
							"Zo stuur je iets terug"),
							new SelfServiceSuggestions.Suggestion("Kwaad", "javascript:alert(1)", "no"))
					: List.of();
		}
	}

	@BeforeEach
	void brands() {
		for (String brand : List.of("tuinhuys", "kookgraag")) {
			if (!brands.exists(brand)) {
				brands.define(brand, brand);
			}
		}
	}

	/**
	 * The desk's inbox shows the longest-waiting open conversations first, a page at a time; the many chats these
	 * tests open would push the conversations of later tests (on the same test database) off that page.
	 */
	@AfterEach
	void closeTheChatsOfThisTest() {
		jdbc.sql("""
				update conversation set status = 'closed'
				where channel = 'webchat' and status not in ('resolved', 'closed')""").update();
	}

	@Test
	void anAnonymousVisitorChatsAndAResendIsStoredOnce() throws Exception {
		String ip = ip();
		JsonNode session = session("{\"brand\":\"tuinhuys\",\"language\":\"nl\"}", ip);
		assertThat(session.path("visitorId").asString()).startsWith("wv-");
		assertThat(session.path("identified").asBoolean()).isFalse();
		assertThat(session.path("open").asBoolean()).isTrue();
		String token = session.path("token").asString();

		String body = "{\"clientMessageId\":\"c-1\",\"text\":\"Waar blijft mijn tuinhuis?\"}";
		JsonNode first = accepted(visitorPost(token, "/webchat/api/messages", body, ip));
		JsonNode again = accepted(visitorPost(token, "/webchat/api/messages", body, ip));
		String providerId = session.path("visitorId").asString() + ":c-1";
		assertThat(first.path("id").asString()).isEqualTo(providerId);
		assertThat(first.path("duplicate").asBoolean()).isFalse();
		assertThat(again.path("duplicate").asBoolean()).isTrue();
		assertThat(again.path("seq").asLong()).isEqualTo(first.path("seq").asLong());
		assertThat(count("select count(*) from message where channel = 'webchat' and provider_message_id = ?",
				providerId)).isOne();
		assertThat(count("select count(*) from webchat_event where provider_message_id = ?", providerId)).isOne();
		CustomerId customer = customers.findByIdentity(Identity.webVisitor(session.path("visitorId").asString()))
			.orElseThrow();
		assertThat(conversations.timeline(customer, null, 10).conversations().getFirst().conversation().channel())
			.isEqualTo("webchat");

		// the same token keeps the visitor (and their history) in a new session
		JsonNode resumed = session("{\"brand\":\"tuinhuys\",\"token\":\"" + token + "\"}", ip);
		assertThat(resumed.path("visitorId").asString()).isEqualTo(session.path("visitorId").asString());
		// a message without text or file is refused
		assertThat(visitorPost(token, "/webchat/api/messages", "{\"clientMessageId\":\"c-2\",\"text\":\"  \"}", ip))
			.hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void forgedTamperedAndExpiredVisitorTokensAreRefused() throws Exception {
		String ip = ip();
		String token = session("{\"brand\":\"tuinhuys\"}", ip).path("token").asString();
		long before = count("select count(*) from message where channel = 'webchat'");
		Visitor someone = new Visitor("wv-" + UUID.randomUUID(), "tuinhuys", "nl", null, null,
				Instant.now().plusSeconds(600));
		String forged = new VisitorTokens("a-guessed-secret-of-at-least-32-chars!!".getBytes(), json).issue(someone);
		String expired = new VisitorTokens(SECRET.getBytes(StandardCharsets.UTF_8), json)
			.issue(new Visitor(someone.id(), "tuinhuys", "nl", null, null, Instant.now().minusSeconds(1)));
		String tampered = token.substring(0, token.lastIndexOf('.') - 2) + "xx" + token.substring(token.lastIndexOf('.'));
		for (String bad : List.of(forged, expired, tampered, "", "wv1.x.y")) {
			MvcTestResult result = visitorPost(bad, "/webchat/api/messages",
					"{\"clientMessageId\":\"c-1\",\"text\":\"Hallo\"}", ip);
			assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
			assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			assertThat(result.getResponse().getContentAsString()).contains("visitor-token");
		}
		assertThat(mvc.post().uri("/webchat/api/messages").contentType(MediaType.APPLICATION_JSON)
			.content("{\"clientMessageId\":\"c-1\",\"text\":\"Hallo\"}").exchange()).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(count("select count(*) from message where channel = 'webchat'")).isEqualTo(before);
		// a token made with the real secret is accepted: the refusals above were about the tokens
		String genuine = new VisitorTokens(SECRET.getBytes(StandardCharsets.UTF_8), json).issue(
				new Visitor(session("{\"brand\":\"tuinhuys\"}", ip).path("visitorId").asString(), "tuinhuys", "nl",
						null, null, Instant.now().plusSeconds(600)));
		accepted(visitorPost(genuine, "/webchat/api/messages", "{\"clientMessageId\":\"c-1\",\"text\":\"Hallo\"}", ip));
	}

	@Test
	void aSiteSignedIdentityLinksTheChatToThatCustomerAndABadOneIsRefused() throws Exception {
		String ip = ip();
		String email = unique("jan") + "@example.nl";
		long expires = Instant.now().getEpochSecond() + 600;
		JsonNode session = session(identityRequest(email, "Jan de Vries", expires,
				SiteIdentitiesTests.sign(SITE_SECRET, email, "Jan de Vries", expires)), ip);
		assertThat(session.path("identified").asBoolean()).isTrue();
		assertThat(session.path("name").asString()).isEqualTo("Jan de Vries");
		accepted(visitorPost(session.path("token").asString(), "/webchat/api/messages",
				"{\"clientMessageId\":\"c-1\",\"text\":\"Hallo\"}", ip));
		assertThat(customers.findByIdentity(Identity.email(email)))
			.isEqualTo(customers.findByIdentity(Identity.webVisitor(session.path("visitorId").asString())))
			.isPresent();

		String victim = unique("victim") + "@example.nl";
		for (String request : List.of(
				identityRequest(victim, "Victim", expires, SiteIdentitiesTests.sign("guess", victim, "Victim", expires)),
				identityRequest(victim, "Victim", expires, SiteIdentitiesTests.sign(SITE_SECRET, email, "Jan de Vries",
						expires)),
				identityRequest(victim, "Victim", Instant.now().getEpochSecond() - 5, SiteIdentitiesTests
					.sign(SITE_SECRET, victim, "Victim", Instant.now().getEpochSecond() - 5)))) {
			MvcTestResult refused = mvc.post().uri("/webchat/api/sessions").contentType(MediaType.APPLICATION_JSON)
				.content(request).with(r -> { r.setRemoteAddr(ip); return r; }).exchange();
			assertThat(refused).hasStatus(HttpStatus.UNAUTHORIZED);
			assertThat(refused.getResponse().getContentAsString()).contains("identity-refused")
				.doesNotContain(SITE_SECRET);
		}
		assertThat(customers.findByIdentity(Identity.email(victim))).isEmpty();
		// a new identity never inherits the previous visitor's chat
		JsonNode other = session("{\"brand\":\"tuinhuys\",\"token\":\"" + session.path("token").asString() + "\"}", ip);
		assertThat(other.path("visitorId").asString()).isNotEqualTo(session.path("visitorId").asString());
	}

	@Test
	void anAgentsReplyReachesTheVisitorsStreamAndTheWidgetReportsItDeliveredAndRead() throws Exception {
		String ip = ip();
		JsonNode session = session("{\"brand\":\"tuinhuys\"}", ip);
		String token = session.path("token").asString();
		String visitorId = session.path("visitorId").asString();
		accepted(visitorPost(token, "/webchat/api/messages", "{\"clientMessageId\":\"c-1\",\"text\":\"Hallo\"}", ip));
		UUID conversation = jdbc.sql("select conversation_id from webchat_event where visitor_id = ?")
			.param(visitorId).query(UUID.class).single();
		MessageView reply = conversations.reply(new ConversationId(conversation), "anna", "Goedemorgen!", null,
				Instant.now());
		String providerId = "wc-" + reply.id();
		await().atMost(Duration.ofSeconds(10)).until(() -> count(
				"select count(*) from webchat_event where visitor_id = ? and provider_message_id = ?", visitorId,
				providerId) == 1);
		assertThat(jdbc.sql("select author, body_text from webchat_event where visitor_id = ? order by seq")
			.param(visitorId).query((rs, n) -> rs.getString(1) + ":" + rs.getString(2)).list())
			.containsExactly("visitor:Hallo", "agent:Goedemorgen!");

		String delivered = "{\"id\":\"" + providerId + "\",\"status\":\"delivered\"}";
		await().atMost(Duration.ofSeconds(10))
			.until(() -> visitorPost(token, "/webchat/api/receipts", delivered, ip).getResponse().getStatus() == 204);
		assertThat(status(reply.id())).isEqualTo("delivered");
		assertThat(visitorPost(token, "/webchat/api/receipts", "{\"id\":\"" + providerId + "\",\"status\":\"read\"}",
				ip)).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(status(reply.id())).isEqualTo("read");

		// another visitor cannot report on it, and a widget cannot claim "failed"
		JsonNode stranger = session("{\"brand\":\"tuinhuys\"}", ip());
		assertThat(visitorPost(stranger.path("token").asString(), "/webchat/api/receipts", delivered, ip))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(visitorPost(token, "/webchat/api/receipts", "{\"id\":\"" + providerId + "\",\"status\":\"failed\"}",
				ip)).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void filesAreCheckedAndOnlyDeskUsersWhoMayOpenTheConversationGetThem() throws Exception {
		String ip = ip();
		JsonNode session = session("{\"brand\":\"tuinhuys\"}", ip);
		String token = session.path("token").asString();

		assertThat(upload(token, "virus.png", "image/png", "MZ\u0090\u0000this is a program".getBytes(), ip))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(upload(token, "setup.exe", "application/x-msdownload", PNG, ip)).hasStatus(HttpStatus.BAD_REQUEST);
		byte[] large = new byte[3000];
		System.arraycopy(PNG, 0, large, 0, PNG.length);
		MvcTestResult tooLarge = upload(token, "big.png", "image/png", large, ip);
		assertThat(tooLarge).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(tooLarge.getResponse().getContentAsString()).contains("larger than 2048 bytes");
		assertThat(upload(token, "empty.txt", "text/plain", new byte[0], ip)).hasStatus(HttpStatus.BAD_REQUEST);

		MvcTestResult stored = upload(token, "../../foto.png", "image/png", PNG, ip);
		assertThat(stored).hasStatus(HttpStatus.CREATED);
		JsonNode file = json.readTree(stored.getResponse().getContentAsString());
		assertThat(file.path("fileName").asString()).isEqualTo("foto.png");
		String fileId = file.path("id").asString();

		// not sent yet: nobody sees it; another visitor cannot send it as theirs
		JsonNode thief = session("{\"brand\":\"tuinhuys\"}", ip());
		assertThat(visitorPost(thief.path("token").asString(), "/webchat/api/messages",
				"{\"clientMessageId\":\"c-1\",\"attachmentIds\":[\"" + fileId + "\"]}", ip))
			.hasStatus(HttpStatus.BAD_REQUEST);
		String agent = unique("agent").substring(0, 20);
		users.create(new NewUser(agent, "Agent", "wachtwoord-van-de-test", EnumSet.of(Role.AGENT), null, "nl"),
				Actor.system("test"));
		String editor = unique("editor").substring(0, 20);
		users.create(new NewUser(editor, "Editor", "wachtwoord-van-de-test", EnumSet.of(Role.KNOWLEDGE_EDITOR), null,
				"nl"), Actor.system("test"));
		assertThat(mvc.get().uri("/desk/files/" + fileId).with(user(agent)).exchange()).hasStatus(HttpStatus.NOT_FOUND);

		accepted(visitorPost(token, "/webchat/api/messages",
				"{\"clientMessageId\":\"c-1\",\"text\":\"Kijk\",\"attachmentIds\":[\"" + fileId + "\"]}", ip));
		MvcTestResult download = mvc.get().uri("/desk/files/" + fileId).with(user(agent)).exchange();
		assertThat(download).hasStatus(HttpStatus.OK);
		assertThat(download.getResponse().getContentAsByteArray()).isEqualTo(PNG);
		assertThat(download.getResponse().getHeader("Content-Disposition")).startsWith("attachment");
		assertThat(download.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(mvc.get().uri("/desk/files/" + fileId).with(user(editor)).exchange())
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(mvc.get().uri("/desk/files/" + fileId).exchange().getResponse().getStatus()).isIn(302, 401);
		String attachments = jdbc.sql("select attachments from message where provider_message_id = ?")
			.param(session.path("visitorId").asString() + ":c-1").query(String.class).single();
		assertThat(attachments).contains("/desk/files/" + fileId).contains("foto.png");
	}

	@Test
	void typingShowsOnTheOtherSideForAFewSeconds() throws Exception {
		String ip = ip();
		JsonNode session = session("{\"brand\":\"tuinhuys\"}", ip);
		String token = session.path("token").asString();
		String visitorId = session.path("visitorId").asString();
		accepted(visitorPost(token, "/webchat/api/messages", "{\"clientMessageId\":\"c-1\",\"text\":\"Hallo\"}", ip));
		UUID conversation = jdbc.sql("select conversation_id from webchat_event where visitor_id = ?")
			.param(visitorId).query(UUID.class).single();
		String agent = unique("typist").substring(0, 20);
		users.create(new NewUser(agent, "Agent", "wachtwoord-van-de-test", EnumSet.of(Role.AGENT), null, "nl"),
				Actor.system("test"));
		String editor = unique("reader").substring(0, 20);
		users.create(new NewUser(editor, "Editor", "wachtwoord-van-de-test", EnumSet.of(Role.KNOWLEDGE_EDITOR), null,
				"nl"), Actor.system("test"));
		String uri = "/desk/conversations/" + conversation + "/typing";

		assertThat(mvc.get().uri(uri).with(user(agent)).exchange().getResponse().getContentAsString())
			.isEqualTo("{\"customerTyping\":false}");
		assertThat(visitorPost(token, "/webchat/api/typing", "", ip)).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(mvc.get().uri(uri).with(user(agent)).exchange().getResponse().getContentAsString())
			.isEqualTo("{\"customerTyping\":true}");
		assertThat(typing.agentTyping(visitorId)).isFalse();
		assertThat(mvc.post().uri(uri).with(user(agent)).with(csrf()).exchange()).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(typing.agentTyping(visitorId)).isTrue();
		// the signal fades: seen from a few seconds later it is gone
		jdbc.sql("update webchat_visitor set visitor_typing_at = ?, agent_typing_at = ? where visitor_id = ?")
			.params(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minus(Typing.SHOWN),
					java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minus(Typing.SHOWN), visitorId)
			.update();
		assertThat(typing.customerTyping(conversation)).isFalse();
		assertThat(typing.agentTyping(visitorId)).isFalse();
		// only those who may open the conversation, and never without the form's CSRF token
		assertThat(mvc.get().uri(uri).with(user(editor)).exchange()).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(mvc.post().uri(uri).with(user(agent)).exchange()).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(visitorPost("forged", "/webchat/api/typing", "", ip)).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void aVisitorThatSendsTooFastGets429() throws Exception {
		String ip = ip();
		String token = session("{\"brand\":\"tuinhuys\"}", ip).path("token").asString();
		int accepted = 0;
		MvcTestResult refused = null;
		for (int i = 0; i < 10 && refused == null; i++) {
			MvcTestResult result = visitorPost(token, "/webchat/api/messages",
					"{\"clientMessageId\":\"r-" + i + "\",\"text\":\"spam " + i + "\"}", ip);
			if (result.getResponse().getStatus() == 429) {
				refused = result;
			}
			else {
				assertThat(result).hasStatus(HttpStatus.ACCEPTED);
				accepted++;
			}
		}
		assertThat(accepted).isEqualTo(6);
		assertThat(refused).isNotNull();
		assertThat(refused.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(refused.getResponse().getContentAsString()).contains("rate-limited");
		assertThat(refused.getResponse().getHeader("Retry-After")).isNotBlank();

		// one address opening ever new sessions is limited too
		String flood = ip();
		long refusedSessions = 0;
		for (int i = 0; i < 25; i++) {
			int status = mvc.post().uri("/webchat/api/sessions").contentType(MediaType.APPLICATION_JSON)
				.content("{\"brand\":\"tuinhuys\"}").with(r -> { r.setRemoteAddr(flood); return r; }).exchange()
				.getResponse().getStatus();
			refusedSessions += status == 429 ? 1 : 0;
		}
		assertThat(refusedSessions).isEqualTo(5);
	}

	@Test
	void onlyConfiguredSitesMayCallTheWidgetApiFromABrowser() {
		MvcTestResult allowed = mvc.options().uri("/webchat/api/messages")
			.header("Origin", "https://www.tuinhuys.example").header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "baken-visitor-token,content-type").exchange();
		assertThat(allowed).hasStatusOk();
		assertThat(allowed.getResponse().getHeader("Access-Control-Allow-Origin"))
			.isEqualTo("https://www.tuinhuys.example");
		MvcTestResult refused = mvc.options().uri("/webchat/api/messages")
			.header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST").exchange();
		assertThat(refused).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(mvc.post().uri("/webchat/api/sessions").header("Origin", "https://evil.example")
			.contentType(MediaType.APPLICATION_JSON).content("{\"brand\":\"tuinhuys\"}").exchange())
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void aMessageLeftAndACallbackRequestReachTheDeskAndTheCallbackIsAnEvent() throws Exception {
		String ip = ip();
		String local = "061" + (1_000_000 + (int) (Math.random() * 8_999_999));
		String e164 = Identity.phone(local).value();
		JsonNode session = session("{\"brand\":\"tuinhuys\",\"language\":\"en\"}", ip);
		String token = session.path("token").asString();
		accepted(visitorPost(token, "/webchat/api/offline-messages",
				"{\"clientMessageId\":\"m-1\",\"name\":\"Karin\",\"email\":\"Karin@Example.nl\",\"text\":\"Bel mij\"}",
				ip));
		JsonNode callback = accepted(visitorPost(token, "/webchat/api/callbacks",
				"{\"clientMessageId\":\"cb-1\",\"name\":\"Karin\",\"phone\":\"" + local + "\"}", ip));
		// the widget shows the promise: a callback that keeps the visitor's turn, and their place
		assertThat(callback.path("callback").path("kind").asString()).isEqualTo("in_queue");
		assertThat(callback.path("callback").path("position").asInt()).isPositive();
		assertThat(Instant.parse(callback.path("callback").path("to").asString()))
			.isAfter(Instant.parse(callback.path("callback").path("from").asString()));
		JsonNode again = accepted(visitorPost(token, "/webchat/api/callbacks",
				"{\"clientMessageId\":\"cb-1\",\"name\":\"Karin\",\"phone\":\"" + local + "\"}", ip));
		assertThat(again.path("duplicate").asBoolean()).isTrue();
		assertThat(visitorPost(token, "/webchat/api/callbacks",
				"{\"clientMessageId\":\"cb-2\",\"phone\":\"geen nummer\"}", ip)).hasStatus(HttpStatus.BAD_REQUEST);
		// a time Baken does not offer is refused, and nothing of it is stored
		assertThat(visitorPost(token, "/webchat/api/callbacks",
				"{\"clientMessageId\":\"cb-3\",\"phone\":\"06 12345679\",\"slotStart\":\"2020-01-01T10:00:00Z\"}",
				ip)).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(visitorPost(token, "/webchat/api/offline-messages",
				"{\"clientMessageId\":\"m-2\",\"name\":\"K\",\"email\":\"geen-adres\",\"text\":\"x\"}", ip))
			.hasStatus(HttpStatus.BAD_REQUEST);

		UUID conversation = jdbc.sql("select conversation_id from webchat_event where provider_message_id = ?")
			.param(callback.path("id").asString()).query(UUID.class).single();
		// a routed callback (once, despite the resend), logged on the chat, of the customer the number belongs to
		UUID caller = customers.findByIdentity(Identity.phone(local)).orElseThrow().value();
		List<CallbackView> routed = callbacks.pending().stream().filter(c -> c.customerId().equals(caller)).toList();
		assertThat(routed).singleElement().satisfies(c -> {
			assertThat(c.origin()).isEqualTo("widget");
			assertThat(c.phone()).isEqualTo(e164);
			assertThat(c.language()).isEqualTo("en");
			assertThat(c.brandId()).isEqualTo("tuinhuys");
		});
		List<ContactEvent> requested = events.ofConversations(List.of(conversation))
			.stream()
			.filter(e -> e.type() == ContactEventType.CALLBACK_REQUESTED)
			.toList();
		assertThat(requested).singleElement()
			.satisfies(e -> assertThat(e.attributes()).containsEntry("callbackId", routed.getFirst().id().toString())
				.containsEntry("origin", "widget")
				.containsEntry("kind", "in_queue"));
		// the visitor is told in the chat, in English, through the outbox
		MessageView told = conversations.detail(new ConversationId(conversation)).orElseThrow().messages()
			.stream().filter(m -> "system".equals(m.authorKind())).findFirst().orElseThrow();
		assertThat(told.channel()).isEqualTo("webchat");
		assertThat(told.text()).startsWith("We will call you back on " + e164 + " when it is your turn");
		assertThat(jdbc.sql("select channel from outbound_delivery where message_id = ?").param(told.id())
			.query(String.class).single()).isEqualTo("webchat");
		List<String> texts = conversations.detail(new ConversationId(conversation)).orElseThrow().messages()
			.stream().map(MessageView::text).toList();
		assertThat(texts).anySatisfy(t -> assertThat(t).contains("karin@example.nl").contains("not verified")
			.contains("Bel mij"));
		assertThat(texts).anySatisfy(t -> assertThat(t).contains(e164).contains("when it is my turn"));
		// an unverified address is not an identity: nobody chats as Karin by typing her address
		assertThat(customers.findByIdentity(Identity.email("karin@example.nl"))).isEmpty();
	}

	@Test
	void aVisitorWhoTypesANumberWithAPendingCallbackIsNotToldItsTime() throws Exception {
		String local = "061" + (1_000_000 + (int) (Math.random() * 8_999_999));
		String e164 = Identity.phone(local).value();
		String ip = ip();
		String owner = session("{\"brand\":\"tuinhuys\",\"language\":\"en\"}", ip).path("token").asString();
		JsonNode first = accepted(visitorPost(owner, "/webchat/api/callbacks",
				"{\"clientMessageId\":\"cb-owner\",\"phone\":\"" + local + "\"}", ip));
		assertThat(first.path("callback").path("from").isTextual()).isTrue();

		String other = session("{\"brand\":\"tuinhuys\",\"language\":\"en\"}", ip()).path("token").asString();
		JsonNode second = accepted(visitorPost(other, "/webchat/api/callbacks",
				"{\"clientMessageId\":\"cb-other\",\"phone\":\"" + local + "\"}", ip));
		JsonNode promise = second.path("callback");
		assertThat(promise.path("status").asString()).isEqualTo("linked");
		assertThat(promise.hasNonNull("from")).isFalse();
		assertThat(promise.hasNonNull("to")).isFalse();
		assertThat(promise.hasNonNull("position")).isFalse();
		UUID conversation = jdbc.sql("select conversation_id from webchat_event where provider_message_id = ?")
			.param(second.path("id").asString()).query(UUID.class).single();
		MessageView told = conversations.detail(new ConversationId(conversation)).orElseThrow().messages()
			.stream().filter(m -> "system".equals(m.authorKind())).findFirst().orElseThrow();
		assertThat(told.text()).isEqualTo("We already have a callback request for " + e164
				+ ". We will call at the time we confirmed then.");
	}

	@Test
	void suggestionsComeFromTheExtensionPointAndOnlyWithSafeLinks() throws Exception {
		String ip = ip();
		String token = session("{\"brand\":\"tuinhuys\"}", ip).path("token").asString();
		JsonNode found = json.readTree(visitorGet(token, "/webchat/api/suggestions?q=ik wil retour", ip)
			.getResponse().getContentAsString());
		assertThat(found.path("suggestions")).hasSize(1);
		assertThat(found.path("suggestions").get(0).path("url").asString()).isEqualTo("https://help.example/retour");
		JsonNode none = json.readTree(visitorGet(token, "/webchat/api/suggestions?q=hallo", ip)
			.getResponse().getContentAsString());
		assertThat(none.path("suggestions")).isEmpty();
		assertThat(visitorGet("nope", "/webchat/api/suggestions?q=retour", ip)).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void theDemoPageAndTheScriptAreOpenAndEverythingTheVisitorReadsIsInDutchAndEnglish() throws Exception {
		MvcTestResult page = mvc.get().uri("/webchat/demo").exchange();
		assertThat(page).hasStatusOk();
		assertThat(page.getResponse().getContentAsString()).contains("/webchat/widget.js")
			.contains("data-brand=\"tuinhuys\"").contains("Tuinhuis Veluwe");
		assertThat(mvc.get().uri("/webchat/demo?lang=en").exchange().getResponse().getContentAsString())
			.contains("Garden house Veluwe").contains("data-lang=\"en\"");
		MvcTestResult script = mvc.get().uri("/webchat/widget.js").exchange();
		assertThat(script).hasStatusOk();
		assertThat(script.getResponse().getContentType()).contains("javascript");

		JsonNode nl = session("{\"brand\":\"tuinhuys\",\"language\":\"nl\"}", ip()).path("texts");
		JsonNode en = session("{\"brand\":\"tuinhuys\",\"language\":\"en\"}", ip()).path("texts");
		assertThat(nl.path("title").asString()).isEqualTo("Chat met ons");
		assertThat(en.path("title").asString()).isEqualTo("Chat with us");
		for (String key : WidgetApiController.WIDGET_TEXTS) {
			assertThat(nl.path(key).asString()).as(key).isNotBlank().isNotEqualTo(en.path(key).asString());
		}
		assertThat(mvc.post().uri("/webchat/api/sessions").contentType(MediaType.APPLICATION_JSON)
			.content("{\"brand\":\"onbekend\"}").exchange()).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void aHugeBodyIsRefusedBeforeItIsRead() throws Exception {
		String ip = ip();
		String token = session("{\"brand\":\"tuinhuys\"}", ip).path("token").asString();
		MvcTestResult result = visitorPost(token, "/webchat/api/messages",
				"{\"clientMessageId\":\"big\",\"text\":\"" + "x".repeat(300_000) + "\"}", ip);
		assertThat(result).hasStatus(HttpStatus.CONTENT_TOO_LARGE);
		assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
	}

	/** Bodies a careless or hostile page may send: random text and valid bodies with fields swapped for junk. */
	@Test
	void noBodyMakesTheWidgetApiAnswer500() throws Exception {
		List<String> odd = List.of("null", "[]", "{}", "1e999", "\"x\"", "-1", "true", "{\"a\":", "\u0000", "[{}]",
				"18446744073709551616", "\"" + "x".repeat(6000) + "\"");
		java.util.Random random = new java.util.Random(Long.getLong("baken.test.seed", System.nanoTime()));
		List<String> templates = List.of("{\"brand\":%s}", "{\"brand\":\"tuinhuys\",\"language\":%s}",
				"{\"brand\":\"tuinhuys\",\"token\":%s}",
				"{\"brand\":\"tuinhuys\",\"identity\":{\"email\":\"a@b.nl\",\"expires\":%s,\"signature\":\"ab\"}}",
				"{\"clientMessageId\":%s,\"text\":\"x\"}", "{\"clientMessageId\":\"a\",\"text\":%s}",
				"{\"clientMessageId\":\"a\",\"text\":\"x\",\"attachmentIds\":%s}", "{\"id\":%s,\"status\":\"read\"}",
				"{\"id\":\"x\",\"status\":%s}", "{\"clientMessageId\":\"b\",\"phone\":%s}",
				"{\"clientMessageId\":\"c\",\"name\":\"n\",\"email\":%s,\"text\":\"t\"}", "%s");
		List<String> endpoints = List.of("/webchat/api/sessions", "/webchat/api/messages", "/webchat/api/receipts",
				"/webchat/api/callbacks", "/webchat/api/offline-messages", "/webchat/api/typing");
		List<String> values = new java.util.ArrayList<>();
		for (int i = 0; i < 60; i++) {
			values.add(random.nextBoolean() ? RandomInput.text(random, 200) : RandomInput.oneOf(random, odd));
		}
		String token = null;
		int sent = 0;
		for (String endpoint : endpoints) {
			for (String template : templates) {
				for (String value : values.subList(0, 8)) {
					if (sent++ % 5 == 0) {
						token = session("{\"brand\":\"tuinhuys\"}", ip()).path("token").asString();
					}
					String body = template.contains("%s") ? template.formatted(value) : template;
					int status = visitorPost(token, endpoint, body, ip()).getResponse().getStatus();
					assertThat(status).as("%s %s", endpoint, body).isBetween(200, 499);
				}
			}
			java.util.Collections.rotate(values, 8);
		}
	}

	private JsonNode session(String body, String ip) throws Exception {
		MvcTestResult result = mvc.post().uri("/webchat/api/sessions").contentType(MediaType.APPLICATION_JSON)
			.content(body).with(r -> { r.setRemoteAddr(ip); return r; }).exchange();
		assertThat(result).hasStatusOk();
		return json.readTree(result.getResponse().getContentAsString());
	}

	private static String identityRequest(String email, String name, long expires, String signature) {
		return """
				{"brand":"tuinhuys","identity":{"email":"%s","name":"%s","expires":%d,"signature":"%s"}}"""
			.formatted(email, name, expires, signature);
	}

	private MvcTestResult visitorPost(String token, String uri, String body, String ip) {
		return mvc.post().uri(uri).header("Baken-Visitor-Token", token).contentType(MediaType.APPLICATION_JSON)
			.content(body).with(r -> { r.setRemoteAddr(ip); return r; }).exchange();
	}

	private MvcTestResult visitorGet(String token, String uri, String ip) {
		return mvc.get().uri(uri).header("Baken-Visitor-Token", token)
			.with(r -> { r.setRemoteAddr(ip); return r; }).exchange();
	}

	private MvcTestResult upload(String token, String name, String type, byte[] content, String ip) {
		return mvc.post().uri("/webchat/api/attachments").multipart()
			.file(new MockMultipartFile("file", name, type, content))
			.header("Baken-Visitor-Token", token)
			.with(r -> { r.setRemoteAddr(ip); return r; }).exchange();
	}

	private JsonNode accepted(MvcTestResult result) throws Exception {
		assertThat(result).hasStatus(HttpStatus.ACCEPTED);
		return json.readTree(result.getResponse().getContentAsString());
	}

	private long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	private String status(UUID messageId) {
		return jdbc.sql("select delivery_status from message where id = ?").param(messageId).query(String.class)
			.single();
	}

	private static String ip() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
	}
}
