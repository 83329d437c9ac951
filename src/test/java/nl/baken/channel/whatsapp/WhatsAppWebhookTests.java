package nl.baken.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.RandomInput;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Scope;
import nl.baken.access.Teams;
import nl.baken.access.Users;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboundMessage;
import nl.baken.conversation.InboundReceipt;
import nl.baken.conversation.MessageView;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * WhatsApp end to end in the application: Meta's subscription check, signed webhooks that become conversations of the
 * right customer (once, however often Meta delivers them), unsigned or wrongly signed ones refused and logged without
 * secrets, agent replies sent to a Graph peer with their statuses coming back, and the 24-hour window.
 */
@DatabaseTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "baken.channels.whatsapp.api-version=" + GraphPeer.VERSION,
		"baken.channels.whatsapp.phone-number-id=" + GraphPeer.PHONE_NUMBER_ID,
		"baken.channels.whatsapp.access-token=" + GraphPeer.TOKEN,
		"baken.channels.whatsapp.app-secret=" + WhatsAppWebhookTests.SECRET,
		"baken.channels.whatsapp.verify-token=" + WhatsAppWebhookTests.VERIFY,
		"baken.outbox.first-backoff=20ms", "baken.outbox.max-backoff=50ms", "baken.outbox.max-attempts=2",
		"baken.outbox.poll-interval=50ms" })
class WhatsAppWebhookTests extends ApiTestSupport {

	static final String SECRET = "test-app-secret-3f9a";

	static final String VERIFY = "test-verify-token-77";

	static final GraphPeer PEER = start();

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Conversations conversations;

	@Autowired
	Customers customers;

	@Autowired
	ContactEvents events;

	@Autowired
	Users users;

	@Autowired
	Teams teams;

	static GraphPeer start() {
		try {
			return new GraphPeer();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	@DynamicPropertySource
	static void graph(DynamicPropertyRegistry registry) {
		registry.add("baken.channels.whatsapp.graph-base-url", PEER::baseUrl);
	}

	@AfterAll
	static void stopPeer() {
		PEER.close();
	}

	static String number() {
		return "3161" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
	}

	static String textMessage(String from, String name, String wamid, String text) {
		return payload(from, name, """
				{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}"""
			.formatted(from, wamid, Instant.now().getEpochSecond(), text));
	}

	static String payload(String from, String name, String message) {
		return """
				{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
				"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
				"contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],"messages":[%s]},"field":"messages"}]}]}"""
			.formatted(GraphPeer.PHONE_NUMBER_ID, name, from, message);
	}

	static String statuses(String... statuses) {
		return """
				{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
				"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
				"statuses":[%s]},"field":"messages"}]}]}"""
			.formatted(GraphPeer.PHONE_NUMBER_ID, String.join(",", statuses));
	}

	static String status(String wamid, String status, String recipient) {
		String errors = status.equals("failed")
				? ",\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\",\"message\":\"Message undeliverable\",\"error_data\":{\"details\":\"Receiver is incapable of receiving this message\"}}]"
				: "";
		return """
				{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s"%s}"""
			.formatted(wamid, status, Instant.now().getEpochSecond(), recipient, errors);
	}

	MvcTestResult webhook(String body, String signature) {
		var request = mvc.post()
			.uri(WebhookController.PATH)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body.getBytes(StandardCharsets.UTF_8));
		if (signature != null) {
			request = request.header(WebhookSignature.HEADER, signature);
		}
		return request.exchange();
	}

	MvcTestResult signed(String body) {
		return webhook(body, WebhookSignature.sign(body.getBytes(StandardCharsets.UTF_8), SECRET));
	}

	long stored(String wamid) {
		return jdbc.sql("select count(*) from message where channel = 'whatsapp' and provider_message_id = ?")
			.param(wamid)
			.query(Long.class)
			.single();
	}

	UUID conversationOf(String wamid) {
		return jdbc.sql("select conversation_id from message where channel = 'whatsapp' and provider_message_id = ?")
			.param(wamid)
			.query(UUID.class)
			.single();
	}

	@Test
	void metaVerifiesTheSubscriptionWithTheVerifyToken() {
		MvcTestResult ok = mvc.get()
			.uri(WebhookController.PATH + "?hub.mode=subscribe&hub.verify_token=" + VERIFY + "&hub.challenge=1158201444")
			.exchange();
		assertThat(ok).hasStatus(HttpStatus.OK).hasBodyTextEqualTo("1158201444");
		assertThat(ok.getResponse().getContentType()).startsWith("text/plain");
		assertThat(mvc.get()
			.uri(WebhookController.PATH + "?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1158201444")
			.exchange()).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(mvc.get().uri(WebhookController.PATH).exchange()).hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void aSignedMessageBecomesAConversationOfTheCustomerAndARetryIsStoredOnce() throws Exception {
		String from = number();
		String wamid = "wamid.HBgL" + UUID.randomUUID();
		String body = textMessage(from, "Sanne de Vries", wamid, "Waar blijft mijn bestelling?");

		assertThat(signed(body)).hasStatus(HttpStatus.OK);
		assertThat(signed(body)).hasStatus(HttpStatus.OK);

		assertThat(stored(wamid)).isEqualTo(1);
		var customer = customers.findByIdentity(Identity.whatsapp(from)).orElseThrow();
		assertThat(customers.profile(customer).orElseThrow().displayName()).isEqualTo("Sanne de Vries");
		JsonNode conversation = get(token(Scope.CONVERSATIONS_READ), "/api/v1/conversations/" + conversationOf(wamid));
		assertThat(conversation.findValuesAsString("channel")).contains("whatsapp");
		assertThat(conversation.findValuesAsString("text")).contains("Waar blijft mijn bestelling?");
		assertThat(conversation.path("conversation").path("customerId").asString()).isEqualTo(customer.toString());
	}

	@Test
	void aBatchLargerThanTheApisBodyLimitIsTakenWhole() throws Exception {
		// Meta batches notifications up to 3 MB; the API's 256 KB would refuse them on every retry until Meta gives up
		String from = number();
		List<String> wamids = new ArrayList<>();
		List<String> messages = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			String wamid = "wamid.HBgL" + UUID.randomUUID();
			wamids.add(wamid);
			messages.add("""
					{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}"""
				.formatted(from, wamid, Instant.now().getEpochSecond(), ("Bericht " + i + " ").repeat(400)));
		}
		String body = payload(from, "Joris", String.join(",", messages));
		assertThat(body.length()).isGreaterThan(600_000);
		assertThat(signed(body)).hasStatus(HttpStatus.OK);
		assertThat(wamids).allSatisfy(wamid -> assertThat(stored(wamid)).isEqualTo(1));

		String tooLarge = payload(from, "Joris", String.join(",", Collections.nCopies(8, String.join(",", messages))));
		assertThat(tooLarge.length()).isGreaterThan(4_194_304);
		assertThat(signed(tooLarge)).hasStatus(HttpStatus.CONTENT_TOO_LARGE);
	}

	@Test
	void aWhatsAppNumberThatCalledBeforeIsTheSameCustomer() throws Exception {
		String from = number();
		InboundReceipt call = conversations.receive(new InboundMessage("phone", "call-" + UUID.randomUUID(),
				new IdentityClaim(List.of(Identity.phone("0" + from.substring(2))), null, null, Instant.now()), null,
				null, null, "Telefoongesprek", null, List.of(), Instant.now(), Instant.now()));
		String wamid = "wamid.HBgL" + UUID.randomUUID();

		assertThat(signed(textMessage(from, "Noor", wamid, "Ik belde net al"))).hasStatus(HttpStatus.OK);

		assertThat(jdbc.sql("select customer_id from conversation where id = ?")
			.param(conversationOf(wamid))
			.query(UUID.class)
			.single()).isEqualTo(call.customerId());
	}

	@Test
	void unsignedAndWronglySignedWebhooksAreRefusedLoggedAndStoreNothing(CapturedOutput output) {
		String wamid = "wamid.HBgL" + UUID.randomUUID();
		String body = textMessage(number(), "Mallory", wamid, "secret-body-text");

		assertThat(webhook(body, null)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(webhook(body, WebhookSignature.sign(body.getBytes(StandardCharsets.UTF_8), "other-secret")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(webhook(body, "sha256=zz-not-hex")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(webhook(body + " ", WebhookSignature.sign(body.getBytes(StandardCharsets.UTF_8), SECRET)))
			.as("signature of another body")
			.hasStatus(HttpStatus.UNAUTHORIZED);
		// a token is no way around the signature
		assertThat(mvc.post()
			.uri(WebhookController.PATH)
			.header("Authorization", token())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange()).hasStatus(HttpStatus.UNAUTHORIZED);

		assertThat(stored(wamid)).isZero();
		assertThat(output).contains("WhatsApp webhook refused", "no X-Hub-Signature-256", "wrong X-Hub-Signature-256")
			.doesNotContain(SECRET)
			.doesNotContain("secret-body-text")
			.doesNotContain(GraphPeer.TOKEN);
	}

	@Test
	void mediaLocationInteractiveAndUnknownMessagesAreKept() throws Exception {
		String from = number();
		String[] ids = new String[7];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = "wamid.HBgL" + UUID.randomUUID();
		}
		long ts = Instant.now().getEpochSecond();
		String messages = String.join(",", """
				{"from":"%s","id":"%s","timestamp":"%d","type":"image","image":{"caption":"Kapotte pot","mime_type":"image/jpeg","sha256":"abc","id":"1234567890"}}"""
			.formatted(from, ids[0], ts), """
				{"from":"%s","id":"%s","timestamp":"%d","type":"document","document":{"caption":"Factuur","filename":"factuur-2026-118.pdf","mime_type":"application/pdf","sha256":"def","id":"2233445566"}}"""
			.formatted(from, ids[1], ts), """
				{"from":"%s","id":"%s","timestamp":"%d","type":"location","location":{"latitude":52.370216,"longitude":4.895168,"name":"Tuinhuys","address":"Dam 1, Amsterdam"}}"""
			.formatted(from, ids[2], ts), """
				{"from":"%s","id":"%s","timestamp":"%d","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"yes","title":"Ja, graag"}}}"""
			.formatted(from, ids[3], ts), """
				{"from":"%s","id":"%s","timestamp":"%d","type":"interactive","interactive":{"type":"list_reply","list_reply":{"id":"r2","title":"Retour","description":"Iets terugsturen"}}}"""
			.formatted(from, ids[4], ts), """
				{"from":"%s","id":"%s","timestamp":"%d","type":"ephemeral_hologram","ephemeral_hologram":{"x":1}}"""
			.formatted(from, ids[5], ts), """
				{"from":"%s","id":"%s","timestamp":"%d","type":"unsupported","errors":[{"code":131051,"title":"Message type unknown"}]}"""
			.formatted(from, ids[6], ts));

		assertThat(signed(payload(from, "Bram", messages))).hasStatus(HttpStatus.OK);

		JsonNode conversation = get(token(Scope.CONVERSATIONS_READ), "/api/v1/conversations/" + conversationOf(ids[0]));
		List<String> texts = conversation.path("messages").findValuesAsString("text");
		assertThat(texts).contains("Kapotte pot", "Factuur", "Ja, graag", "Retour — Iets terugsturen",
				"[WhatsApp ephemeral_hologram message]", "[WhatsApp unsupported message]");
		assertThat(texts).anySatisfy(t -> assertThat(t).contains("Tuinhuys", "Dam 1, Amsterdam", "52.370216"));
		assertThat(conversation.path("messages").findValuesAsString("fileName")).contains("image",
				"factuur-2026-118.pdf");
		assertThat(conversation.path("messages").findValuesAsString("url")).contains("whatsapp-media:1234567890",
				"whatsapp-media:2233445566");
		assertThat(conversation.path("messages").findValuesAsString("contentType")).contains("image/jpeg",
				"application/pdf");
		for (String id : ids) {
			assertThat(stored(id)).as(id).isEqualTo(1);
		}
	}

	/**
	 * A photo stays with Meta until an agent opens it: then Baken asks Graph for the download address, fetches it with
	 * the token, checks its SHA-256 and keeps it; the second look is served from Baken. Only media the conversation's
	 * messages list is fetched, and media Meta no longer has gives a readable 502.
	 */
	@Test
	void anAgentOpensAPhotoThatWhatsAppHeldAndBakenKeepsIt() throws Exception {
		String from = number();
		String photoId = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
		String goneId = photoId + "7";
		byte[] photo = new byte[40_000];
		ThreadLocalRandom.current().nextBytes(photo);
		PEER.media.put(photoId, photo);
		PEER.media.put("not-in-this-conversation", photo);
		String wamid = "wamid.HBgL" + UUID.randomUUID();
		long ts = Instant.now().getEpochSecond();
		assertThat(signed(payload(from, "Fenna", """
				{"from":"%s","id":"%s","timestamp":"%d","type":"image","image":{"caption":"Zo kwam het aan","mime_type":"image/jpeg","sha256":"x","id":"%s"}},				{"from":"%s","id":"%s","timestamp":"%d","type":"image","image":{"mime_type":"image/jpeg","sha256":"y","id":"%s"}}"""
			.formatted(from, wamid, ts, photoId, from, wamid + "b", ts, goneId)))).hasStatus(HttpStatus.OK);
		UUID conversation = conversationOf(wamid);
		String admin = "media-admin-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(admin, "Admin", "wachtwoord-" + UUID.randomUUID(), EnumSet.of(Role.ADMIN), null,
				"en"), Actor.system("test"));
		String link = "/desk/conversations/" + conversation + "/media/whatsapp-media/" + photoId;

		assertThat(mvc.get().uri("/desk/conversations/" + conversation).with(user(admin).roles("ADMIN")).exchange()
			.getResponse()
			.getContentAsString()).contains("href=\"" + link + "\"");
		var first = mvc.get().uri(link).with(user(admin).roles("ADMIN")).exchange();
		assertThat(first).hasStatus(HttpStatus.OK).hasContentType("image/jpeg");
		assertThat(first.getResponse().getContentAsByteArray()).isEqualTo(photo);
		assertThat(first.getResponse().getHeader("Content-Disposition")).startsWith("attachment");
		int asked = PEER.mediaRequests.size();
		assertThat(PEER.mediaRequests).contains("/" + GraphPeer.VERSION + "/" + photoId, "/download/" + photoId);

		var second = mvc.get().uri(link).with(user(admin).roles("ADMIN")).exchange();
		assertThat(second.getResponse().getContentAsByteArray()).isEqualTo(photo);
		assertThat(PEER.mediaRequests).as("kept by Baken after the first look").hasSize(asked);

		assertThat(mvc.get()
			.uri("/desk/conversations/" + conversation + "/media/whatsapp-media/not-in-this-conversation")
			.with(user(admin).roles("ADMIN"))).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(PEER.mediaRequests).hasSize(asked);
		var gone = mvc.get()
			.uri("/desk/conversations/" + conversation + "/media/whatsapp-media/" + goneId)
			.with(user(admin).roles("ADMIN"))
			.exchange();
		assertThat(gone).hasStatus(HttpStatus.BAD_GATEWAY);
		assertThat(gone.getResponse().getContentAsString()).contains("could not be fetched", "30 days")
			.doesNotContain(GraphPeer.TOKEN);
	}

	@Test
	void aStatusThatOvertakesTheRecordOfItsSendIsDeliveredAgainAndAnOldUnknownOneIsLetGo() throws Exception {
		String recipient = number();
		String unknown = "wamid.HBgL" + UUID.randomUUID();
		MvcTestResult early = signed(statuses(status(unknown, "failed", recipient)));
		assertThat(early).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(early.getResponse().getContentType()).isEqualTo("application/problem+json");

		String old = """
				{"id":"%s","status":"delivered","timestamp":"%d","recipient_id":"%s"}"""
			.formatted(unknown, Instant.now().minus(WebhookController.OVERTAKEN).minusSeconds(60).getEpochSecond(),
					recipient);
		assertThat(signed(statuses(old))).hasStatus(HttpStatus.OK);
	}

	@Test
	void aReplyGoesToGraphAndItsStatusesComeBackAsDeliveryStatuses() throws Exception {
		String from = number();
		String wamid = "wamid.HBgL" + UUID.randomUUID();
		assertThat(signed(textMessage(from, "Eva", wamid, "Hallo?"))).hasStatus(HttpStatus.OK);
		UUID conversation = conversationOf(wamid);
		String token = token(Scope.CONVERSATIONS_WRITE, Scope.CONVERSATIONS_READ);

		MessageView first = reply(token, conversation, "Goedemiddag, waarmee kan ik helpen?");
		MessageView second = reply(token, conversation, "Tweede bericht");
		String sent1 = awaitStatus(first.id(), "sent");
		String sent2 = awaitStatus(second.id(), "sent");
		assertThat(PEER.violations).isEmpty();
		assertThat(PEER.received).anySatisfy(r -> {
			assertThat(r.wamid()).isEqualTo(sent1);
			assertThat(r.body().path("to").stringValue()).isEqualTo(from);
			assertThat(r.body().path("text").path("body").stringValue()).isEqualTo("Goedemiddag, waarmee kan ik helpen?");
		});

		String statusBody = statuses(status(sent1, "delivered", from), status(sent1, "read", from),
				status(sent2, "sent", from), status(sent2, "failed", from),
				"""
						{"id":"wamid.not-ours-%s","status":"read","timestamp":"%d","recipient_id":"%s"}"""
					.formatted(UUID.randomUUID(), Instant.now().minus(Duration.ofHours(1)).getEpochSecond(), from));
		assertThat(signed(statusBody)).hasStatus(HttpStatus.OK);
		assertThat(signed(statusBody)).as("a retried status delivery").hasStatus(HttpStatus.OK);

		assertThat(deliveryStatus(first.id())).isEqualTo("read");
		assertThat(deliveryStatus(second.id())).isEqualTo("failed");
		var updates = events.ofConversations(List.of(conversation))
			.stream()
			.filter(e -> e.type() == ContactEventType.DELIVERY_UPDATED)
			.toList();
		assertThat(updates).filteredOn(e -> first.id().toString().equals(e.attributes().get("messageId")))
			.extracting(e -> e.attributes().get("status"))
			.containsExactlyInAnyOrder("sent", "delivered", "read");
		assertThat(updates).filteredOn(e -> "failed".equals(e.attributes().get("status")))
			.singleElement()
			.satisfies(e -> assertThat(String.valueOf(e.attributes().get("detail")))
				.contains("131026", "Receiver is incapable of receiving this message"));
	}

	@Test
	void outsideTheWindowAFreeReplyIsRefusedUpFrontAndATemplateGoesOut() throws Exception {
		String from = number();
		Instant longAgo = Instant.now().minus(Duration.ofHours(30));
		InboundReceipt in = conversations.receive(new InboundMessage("whatsapp", "wamid.old-" + UUID.randomUUID(),
				new IdentityClaim(List.of(Identity.whatsapp(from)), "Oud", null, longAgo), null, null, null,
				"Gisteren gevraagd", null, List.of(), longAgo, longAgo));
		String token = token(Scope.CONVERSATIONS_WRITE, Scope.CONVERSATIONS_READ);
		int before = PEER.received.size();

		MvcTestResult refused = post(token, "/api/v1/conversations/" + in.conversationId() + "/replies",
				"{\"agentId\":\"agent-1\",\"text\":\"Nog vragen?\"}");
		assertThat(refused).hasStatus(HttpStatus.CONFLICT);
		assertThat(refused.getResponse().getContentAsString()).contains("24-hour customer-service window",
				"/templates");
		assertThat(conversations.detail(new ConversationId(in.conversationId())).orElseThrow().messages())
			.extracting(MessageView::text)
			.containsExactly("Gisteren gevraagd");

		// in the desk the agent reads why, in their language
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		teams.define("wa" + suffix, "WhatsApp " + suffix, "WhatsApp " + suffix);
		String agent = "wa-agent-" + suffix;
		users.create(new NewUser(agent, "Agent", "whatsapp-wachtwoord", EnumSet.of(Role.AGENT), "wa" + suffix, "nl"),
				Actor.system("test"));
		MvcTestResult desk = mvc.post()
			.uri("/desk/conversations/" + in.conversationId() + "/reply")
			.with(user(agent))
			.with(csrf())
			.param("text", "Nog vragen?")
			.param("replyKey", UUID.randomUUID().toString())
			.exchange();
		assertThat(desk).hasStatus(HttpStatus.FOUND);
		assertThat(desk.getResponse().getRedirectedUrl()).endsWith("?error=desk.error.serviceWindowClosed");
		assertThat(mvc.get()
			.uri(desk.getResponse().getRedirectedUrl())
			.with(user(agent))
			.exchange()
			.getResponse()
			.getContentAsString()).contains("binnen 24 uur na het laatste bericht van de klant");

		MvcTestResult sent = post(token,
				"/api/v1/channels/whatsapp/conversations/" + in.conversationId() + "/templates",
				"{\"agentId\":\"agent-1\",\"name\":\"order_update\",\"language\":\"nl\",\"parameters\":[\"A-118\",\"morgen\"]}");
		assertThat(sent).hasStatus(HttpStatus.CREATED);
		UUID messageId = UUID.fromString(json.readTree(sent.getResponse().getContentAsString()).path("id").asString());
		awaitStatus(messageId, "sent");
		assertThat(PEER.received.subList(before, PEER.received.size())).singleElement().satisfies(r -> {
			assertThat(r.body().path("type").stringValue()).isEqualTo("template");
			assertThat(r.body().path("template").path("name").stringValue()).isEqualTo("order_update");
		});
		assertThat(PEER.violations).isEmpty();

		assertThat(post(token, "/api/v1/channels/whatsapp/conversations/" + in.conversationId() + "/templates",
				"{\"agentId\":\"agent-1\",\"name\":\"Order Update!\",\"language\":\"nl\"}"))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(post(token, "/api/v1/channels/whatsapp/conversations/" + UUID.randomUUID() + "/templates",
				"{\"agentId\":\"agent-1\",\"name\":\"order_update\",\"language\":\"nl\"}"))
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void arbitrarySignedPayloadsAreAnsweredDeliberately() {
		RandomInput.tries(100, random -> {
			String body = WebhookParserRandomTests.webhookLikeJson(random);
			// 503 only for a recent status of a message Baken has not recorded sending (delivered again later)
			assertThat(signed(body).getResponse().getStatus()).as(body).isIn(200, 400, 503);
		});
		for (int i = 0; i < 30; i++) {
			byte[] bytes = new byte[ThreadLocalRandom.current().nextInt(200)];
			ThreadLocalRandom.current().nextBytes(bytes);
			var result = mvc.post()
				.uri(WebhookController.PATH)
				.contentType(MediaType.APPLICATION_JSON)
				.header(WebhookSignature.HEADER, WebhookSignature.sign(bytes, SECRET))
				.content(bytes)
				.exchange();
			assertThat(result.getResponse().getStatus()).isIn(200, 400);
		}
	}

	private MessageView reply(String token, UUID conversation, String text) throws Exception {
		MvcTestResult result = post(token, "/api/v1/conversations/" + conversation + "/replies",
				"{\"agentId\":\"agent-1\",\"text\":\"" + text + "\"}");
		assertThat(result).hasStatus(HttpStatus.CREATED);
		return json.readValue(result.getResponse().getContentAsString(), MessageView.class);
	}

	private String deliveryStatus(UUID messageId) {
		return jdbc.sql("select delivery_status from message where id = ?").param(messageId).query(String.class).single();
	}

	private String awaitStatus(UUID messageId, String status) {
		await().atMost(Duration.ofSeconds(20)).until(() -> status.equals(deliveryStatus(messageId)));
		return jdbc.sql("select provider_message_id from message where id = ?")
			.param(messageId)
			.query(String.class)
			.single();
	}
}
