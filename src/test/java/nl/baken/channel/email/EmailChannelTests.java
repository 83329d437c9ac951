package nl.baken.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.Role;
import nl.baken.access.Scope;
import nl.baken.access.Teams;
import nl.baken.access.Users;
import nl.baken.channel.DeliveryFailure;
import nl.baken.channel.OutboundMessage;
import nl.baken.customer.Identity;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ConversationDetail;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.MessageView;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * The e-mail channel against GreenMail, a real IMAP and SMTP server: mail in the support mailbox becomes a
 * conversation of the right customer, the agent's reply goes out threaded, the customer's answer comes back into the
 * same conversation, automatic mail and bounces are recorded but not answered, a mail fetched twice is stored once,
 * and attachments are served only to those who may see the conversation.
 */
@DatabaseTest
@ExtendWith(OutputCaptureExtension.class)
class EmailChannelTests extends ApiTestSupport {

	static final String SUPPORT = "support@baken.test";

	static final String PASSWORD = "imap-secret-" + UUID.randomUUID();

	static final GreenMail mail = new GreenMail(
			new ServerSetup[] { ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort() });

	static final GreenMailUser support;

	static {
		mail.start();
		support = mail.setUser(SUPPORT, "support", PASSWORD);
	}

	@DynamicPropertySource
	static void mailServers(DynamicPropertyRegistry registry) {
		registry.add("baken.channels.email.imap.host", () -> "127.0.0.1");
		registry.add("baken.channels.email.imap.port", () -> mail.getImap().getPort());
		registry.add("baken.channels.email.imap.username", () -> "support");
		registry.add("baken.channels.email.imap.password", () -> PASSWORD);
		registry.add("baken.channels.email.smtp.host", () -> "127.0.0.1");
		registry.add("baken.channels.email.smtp.port", () -> mail.getSmtp().getPort());
		registry.add("baken.channels.email.smtp.username", () -> "support");
		registry.add("baken.channels.email.smtp.password", () -> PASSWORD);
		registry.add("baken.channels.email.from-address", () -> SUPPORT);
		registry.add("baken.channels.email.from-name", () -> "Klantenservice");
		registry.add("baken.channels.email.poll-interval", () -> "200ms");
		// small enough for a test to send a mail over it
		registry.add("baken.channels.email.max-message-bytes", () -> "400000");
		registry.add("baken.outbox.poll-interval", () -> "100ms");
	}

	@Autowired
	Conversations conversations;

	@Autowired
	EmailStore store;

	@Autowired
	MailboxFetcher fetcher;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Users users;

	@Autowired
	Teams teams;

	@Test
	void aMailBecomesAConversationOfTheCustomerKnownFromWhatsApp() throws Exception {
		String email = unique("klant") + "@example.nl";
		String whatsapp = "3161" + (1000000 + (int) (Math.random() * 8999999));
		MvcTestResult whatsappContact = post(token(Scope.INBOUND_WRITE), "/api/v1/inbound", """
				{"channel":"whatsapp","providerMessageId":"%s","sentAt":"2026-11-20T10:00:00Z","text":"Hoi",
				 "sender":{"whatsappId":"%s","email":"%s","name":"Jan"}}""".formatted(unique("wa"), whatsapp, email));
		assertThat(whatsappContact).hasStatus(HttpStatus.ACCEPTED);
		UUID whatsappCustomer = UUID.fromString(
				json.readTree(whatsappContact.getResponse().getContentAsString()).get("customerId").asString());

		String id = unique("first") + "@example.nl";
		deliver("""
				From: Jan <%s>
				To: %s
				Message-ID: <%s>
				Subject: Waar blijft mijn pakket?
				Date: Thu, 26 Nov 2026 10:00:00 +0100
				Content-Type: multipart/alternative; boundary="A"

				--A
				Content-Type: text/plain; charset=utf-8

				Mijn pakket is er nog niet.

				Op 20 nov. 2026 om 10:00 schreef Klantenservice <support@baken.test>:
				> Wij kijken het na.
				--A
				Content-Type: text/html; charset=utf-8

				<p>Mijn pakket is er nog niet.</p><script>alert(1)</script><blockquote>Wij kijken het na.</blockquote>
				--A--
				""".formatted(email, SUPPORT, id));

		MessageView in = awaitMessage(id);
		ConversationDetail detail = conversations.detail(new ConversationId(in.conversationId())).orElseThrow();
		assertThat(detail.conversation().customerId()).isEqualTo(whatsappCustomer);
		assertThat(detail.conversation().channel()).isEqualTo("email");
		assertThat(detail.conversation().subject()).isEqualTo("Waar blijft mijn pakket?");
		assertThat(in.text()).isEqualTo("Mijn pakket is er nog niet.");
		assertThat(in.html()).contains("Mijn pakket").contains("Wij kijken het na.").doesNotContain("script");
		// the original is kept just after the message is committed (a crash between the two refetches the mail)
		await().atMost(Duration.ofSeconds(10)).until(() -> store.originalText(id).isPresent());
		assertThat(store.originalText(id)).hasValueSatisfying(text -> assertThat(text).contains("Wij kijken het na."));
		awaitSeen(id);
	}

	@Test
	void theAgentsReplyGoesOutThreadedAndTheAnswerComesBackIntoTheConversation() throws Exception {
		String email = unique("jan") + "@example.nl";
		String first = unique("q") + "@example.nl";
		deliver(plain(email, first, "Vraag over factuur", "Klopt mijn factuur?", ""));
		MessageView question = awaitMessage(first);
		UUID conversation = question.conversationId();

		MessageView reply = conversations.reply(new ConversationId(conversation), "anna", "Ja, die klopt.", null,
				Instant.now());
		MimeMessage sent = awaitSentTo(email, 1).getFirst();
		String ourId = reply.id() + "@baken.test";
		assertThat(sent.getMessageID()).isEqualTo("<" + ourId + ">");
		assertThat(sent.getHeader("In-Reply-To", null)).isEqualTo("<" + first + ">");
		assertThat(sent.getHeader("References", null)).contains("<" + first + ">");
		assertThat(sent.getFrom()[0].toString()).contains(SUPPORT);
		assertThat(sent.getSubject()).startsWith("Re: Vraag over factuur [#").endsWith("]");
		assertThat(sent.getContent()).isInstanceOf(MimeMultipart.class);
		assertThat(((MimeMultipart) sent.getContent()).getContentType()).startsWith("multipart/alternative");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "sent".equals(conversations.detail(new ConversationId(conversation))
				.orElseThrow()
				.messages()
				.stream()
				.filter(m -> m.id().equals(reply.id()))
				.findFirst()
				.orElseThrow()
				.deliveryStatus()));
		String token = sent.getSubject().replaceAll(".*\\[#([A-Z2-9]{8})].*", "$1");
		assertThat(store.conversationOf(List.of(ourId))).contains(conversation);
		assertThat(store.conversationOfToken(token)).contains(conversation);

		String answer = unique("a") + "@example.nl";
		deliver(plain(email, answer, "Re: Vraag over factuur [#" + token + "]", "Dank u.\n\n> Ja, die klopt.",
				"In-Reply-To: <" + ourId + ">\nReferences: <" + first + "> <" + ourId + ">\n"));
		MessageView answered = awaitMessage(answer);
		assertThat(answered.conversationId()).isEqualTo(conversation);
		assertThat(answered.text()).isEqualTo("Dank u.");

		String headerless = unique("h") + "@example.nl";
		deliver(plain(email, headerless, "Re: Vraag over factuur [#" + token + "]", "Nog een vraag.", ""));
		assertThat(awaitMessage(headerless).conversationId()).isEqualTo(conversation);
		assertThat(awaitSentTo(email, 1)).as("nothing answered automatically").hasSize(1);
	}

	@Test
	void autoRepliesAndBouncesAreRecordedButNeverAnswered() throws Exception {
		String email = unique("weg") + "@example.nl";
		String first = unique("q") + "@example.nl";
		deliver(plain(email, first, "Retour", "Ik wil retourneren.", ""));
		UUID conversation = awaitMessage(first).conversationId();
		MessageView reply = conversations.reply(new ConversationId(conversation), "anna", "Prima, hier is het label.",
				null, Instant.now());
		awaitSentTo(email, 1);
		String ourId = reply.id() + "@baken.test";

		String outOfOffice = unique("ooo") + "@example.nl";
		deliver(plain(email, outOfOffice, "Afwezig: Re: Retour", "Ik ben afwezig tot maandag.",
				"Auto-Submitted: auto-replied\nIn-Reply-To: <" + ourId + ">\n"));
		String bulk = unique("bulk") + "@example.nl";
		deliver(plain("nieuws@example.nl", bulk, "Nieuwsbrief", "Aanbiedingen", "Precedence: bulk\n"));
		String loop = unique("loop") + "@baken.test";
		deliver(plain(SUPPORT, loop, "Re: iets", "Onze eigen mail", ""));
		String bounce = unique("dsn") + "@mx.example.nl";
		deliver("""
				From: Mail Delivery System <MAILER-DAEMON@mx.example.nl>
				To: %s
				Message-ID: <%s>
				Subject: Undelivered Mail Returned to Sender
				Content-Type: multipart/report; report-type=delivery-status; boundary="B"

				--B
				Content-Type: text/plain

				Your message could not be delivered.
				--B
				Content-Type: message/delivery-status

				Final-Recipient: rfc822; %s
				Action: failed
				Status: 5.1.1
				Diagnostic-Code: smtp; 550 5.1.1 User unknown
				--B
				Content-Type: text/rfc822-headers

				Message-ID: <%s>
				--B--
				""".formatted(SUPPORT, bounce, email, ourId));

		await().atMost(Duration.ofSeconds(20))
			.until(() -> store.known(outOfOffice) && store.known(bulk) && store.known(loop) && store.known(bounce));
		ConversationDetail detail = conversations.detail(new ConversationId(conversation)).orElseThrow();
		assertThat(detail.messages()).extracting(MessageView::providerMessageId)
			.doesNotContain(outOfOffice, bulk, loop, bounce);
		assertThat(detail.notes()).singleElement()
			.satisfies(note -> assertThat(note.text()).contains("Automatic reply").contains("afwezig"));
		assertThat(detail.messages()).filteredOn(m -> m.id().equals(reply.id()))
			.singleElement()
			.extracting(MessageView::deliveryStatus)
			.isEqualTo("failed");
		assertThat(detail.events()).filteredOn(e -> e.type() == ContactEventType.DELIVERY_UPDATED)
			.anySatisfy(e -> assertThat(String.valueOf(e.attributes().get("detail"))).contains("User unknown"));
		assertThat(jdbc.sql("select count(*) from message where provider_message_id in (?, ?, ?, ?)")
			.params(outOfOffice, bulk, loop, bounce)
			.query(Long.class)
			.single()).isZero();
		assertThat(awaitSentTo(email, 1)).as("only the agent's reply went out").hasSize(1);
		assertThat(mail.getReceivedMessagesForDomain("baken.test")).extracting(MimeMessage::getSubject)
			.noneMatch(subject -> subject.startsWith("Re: Afwezig") || subject.startsWith("Re: Nieuwsbrief"));
	}

	@Test
	void theSameMailFetchedTwiceIsStoredOnce() throws Exception {
		String email = unique("dubbel") + "@example.nl";
		String id = unique("twice") + "@example.nl";
		String raw = plain(email, id, "Dubbel", "Twee keer bezorgd.", "");
		deliver(raw);
		MessageView first = awaitMessage(id);
		deliver(raw);
		markUnseen(id);
		await().atMost(Duration.ofSeconds(20)).until(() -> unseen(id) == 0);
		assertThat(jdbc.sql("select count(*) from message where channel = 'email' and provider_message_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(conversations.detail(new ConversationId(first.conversationId())).orElseThrow().messages())
			.hasSize(1);
	}

	@Test
	void aMailOverTheSizeLimitIsStoredFromItsHeadersAndNoLongerWaits() throws Exception {
		String email = unique("groot") + "@example.nl";
		String id = unique("large") + "@example.nl";
		deliver(plain(email, id, "Foto's van de schade", "Zie de foto's.\n" + "x".repeat(500_000), ""));
		MessageView stored = awaitMessage(id);
		awaitSeen(id);
		assertThat(stored.text()).isEqualTo("Foto's van de schade");
		assertThat(stored.attachments()).singleElement().satisfies(file -> {
			assertThat(file.fileName()).isEqualTo("e-mail.eml");
			assertThat(file.sizeBytes()).isGreaterThan(400_000);
			assertThat(file.url()).as("too large to keep: listed without a link").isNull();
		});
		assertThat(conversations.detail(new ConversationId(stored.conversationId())).orElseThrow().conversation()
			.subject()).isEqualTo("Foto's van de schade");
	}

	@Test
	void attachmentsAreStoredAndServedOnlyToThoseWhoMaySeeTheConversation() throws Exception {
		String email = unique("bijlage") + "@example.nl";
		String id = unique("att") + "@example.nl";
		deliver("""
				From: %s
				To: %s
				Message-ID: <%s>
				Subject: Foto van de schade
				Content-Type: multipart/mixed; boundary="M"

				--M
				Content-Type: text/plain

				Zie de foto.
				--M
				Content-Type: application/pdf; name="factuur.pdf"
				Content-Disposition: attachment; filename="factuur.pdf"
				Content-Transfer-Encoding: base64

				JVBERi0xLjQK
				--M
				Content-Type: application/x-msdownload; name="virus.exe"
				Content-Disposition: attachment; filename="virus.exe"
				Content-Transfer-Encoding: base64

				TVqQAAMAAAAEAAAA
				--M--
				""".formatted(email, SUPPORT, id));
		MessageView in = awaitMessage(id);
		assertThat(in.attachments()).hasSize(2);
		var pdf = in.attachments().getFirst();
		assertThat(pdf.fileName()).isEqualTo("factuur.pdf");
		assertThat(pdf.url()).startsWith("/api/v1/attachments/");
		assertThat(in.attachments().get(1).url()).as("a type that is not allowed is listed, not kept").isNull();

		MvcTestResult withScope = mvc.get().uri(pdf.url()).header("Authorization", token(Scope.CONVERSATIONS_READ)).exchange();
		assertThat(withScope).hasStatusOk();
		assertThat(withScope.getResponse().getContentAsString(StandardCharsets.ISO_8859_1)).startsWith("%PDF-1.4");
		assertThat(withScope.getResponse().getHeader("Content-Disposition")).startsWith("attachment");
		assertThat(withScope.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(mvc.get().uri(pdf.url()).exchange()).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(mvc.get().uri(pdf.url()).header("Authorization", token(Scope.CUSTOMERS_READ)).exchange())
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(mvc.get()
			.uri("/api/v1/attachments/" + UUID.randomUUID())
			.header("Authorization", token(Scope.CONVERSATIONS_READ))
			.exchange()).hasStatus(HttpStatus.NOT_FOUND);

		String deskPath = pdf.url().replace("/api/v1/attachments/", "/desk/attachments/");
		String team = "t" + UUID.randomUUID().toString().substring(0, 8);
		String otherTeam = "t" + UUID.randomUUID().toString().substring(0, 8);
		teams.define(team, "Team", "Team");
		teams.define(otherTeam, "Ander team", "Other team");
		conversations.assign(new ConversationId(in.conversationId()), "owner-" + team, team, Actor.system("test"),
				Instant.now());
		assertThat(mvc.get().uri(deskPath).with(user("admin-" + team, Role.ADMIN, null)).exchange()).hasStatusOk();
		assertThat(mvc.get()
			.uri("/desk/conversations/" + in.conversationId())
			.with(user("admin-" + team, Role.ADMIN, null))
			.exchange()
			.getResponse()
			.getContentAsString()).contains("href=\"" + deskPath + "\"").contains("virus.exe");
		assertThat(mvc.get().uri(deskPath).with(user("agent-" + otherTeam, Role.AGENT, otherTeam)).exchange())
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void adminsSeeTheMailboxStatus() throws Exception {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> get(token(Scope.ADMIN), "/api/v1/channels/email/status").hasNonNull("lastFetchAt"));
		JsonNode status = get(token(Scope.ADMIN), "/api/v1/channels/email/status");
		assertThat(status.get("mailbox").asString()).isEqualTo("support@127.0.0.1/INBOX").doesNotContain(PASSWORD);
		assertThat(mvc.get().uri("/api/v1/channels/email/status").exchange()).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(mvc.get()
			.uri("/api/v1/channels/email/status")
			.header("Authorization", token(Scope.CONVERSATIONS_READ))
			.exchange()).hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void aCustomerWithoutAnAddressGetsAPermanentFailureAndNoSecretIsLogged(CapturedOutput output) throws Exception {
		MvcTestResult contact = post(token(Scope.INBOUND_WRITE), "/api/v1/inbound", """
				{"channel":"email","providerMessageId":"%s","sentAt":"2026-11-20T10:00:00Z","text":"Bel me",
				 "sender":{"phone":"%s"}}""".formatted(unique("noaddress"), "+3120" + (2000000 + (int) (Math.random() * 6999999))));
		assertThat(contact).hasStatus(HttpStatus.ACCEPTED);
		UUID conversation = UUID.fromString(
				json.readTree(contact.getResponse().getContentAsString()).get("conversationId").asString());
		MessageView reply = conversations.reply(new ConversationId(conversation), "anna", "Wij bellen u.", null,
				Instant.now());
		await().atMost(Duration.ofSeconds(20))
			.until(() -> "failed".equals(conversations.detail(new ConversationId(conversation))
				.orElseThrow()
				.messages()
				.stream()
				.filter(m -> m.id().equals(reply.id()))
				.findFirst()
				.orElseThrow()
				.deliveryStatus()));
		assertThat(get(token(Scope.ADMIN), "/api/v1/outbox/dead-letters").toString())
			.contains("the customer has no e-mail address");
		assertThat(output.getAll()).doesNotContain(PASSWORD);
	}

	@Test
	void anUnreachableMailServerIsRetriedAndTheReasonNamesNoSecret() throws Exception {
		int closedPort;
		try (var socket = new java.net.ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		EmailProperties properties = new EmailProperties(null,
				new EmailProperties.Server("127.0.0.1", closedPort, false, false, "support", PASSWORD,
						Duration.ofSeconds(2)),
				"INBOX", SUPPORT, null, null, Duration.ofSeconds(30), 50, 1000, 1000, List.of("image/"));
		assertThat(properties.smtp().toString()).doesNotContain(PASSWORD);
		EmailAdapter adapter = new EmailAdapter(properties, store, java.time.Clock.systemUTC());
		OutboundMessage message = new OutboundMessage(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "email",
				null, "nl", "Vraag", "Antwoord", List.of(Identity.email("iemand@example.nl")), null, 1);
		assertThatThrownBy(() -> adapter.send(message)).isInstanceOfSatisfying(DeliveryFailure.class, failure -> {
			assertThat(failure.retryable()).isTrue();
			assertThat(failure.getMessage()).doesNotContain(PASSWORD);
		});
	}

	@Test
	void oneNodeAtATimeHoldsTheMailbox() {
		String mailbox = unique("box");
		Instant now = Instant.now();
		assertThat(store.lease(mailbox, "node-a", now, now.plusSeconds(60))).isTrue();
		assertThat(store.lease(mailbox, "node-b", now, now.plusSeconds(60))).isFalse();
		assertThat(store.lease(mailbox, "node-b", now.plusSeconds(61), now.plusSeconds(120))).as("lease ran out")
			.isTrue();
		store.fetched(mailbox, "node-b", 3, null, now.plusSeconds(62));
		assertThat(store.lease(mailbox, "node-a", now.plusSeconds(63), now.plusSeconds(120))).as("released")
			.isTrue();
		assertThat(store.status(mailbox)).hasValueSatisfying(status -> assertThat(status.fetched()).isEqualTo(3));
	}

	// --- helpers

	private org.springframework.test.web.servlet.request.RequestPostProcessor user(String name, Role role,
			String team) {
		if (users.find(name).isEmpty()) {
			users.create(new nl.baken.access.NewUser(name, name, "wachtwoord-" + UUID.randomUUID(), java.util.Set.of(role),
					team, "nl"), Actor.system("test"));
		}
		return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(name)
			.roles(role.name());
	}

	static String plain(String from, String messageId, String subject, String text, String extraHeaders) {
		return """
				From: %s
				To: %s
				Message-ID: <%s>
				Subject: %s
				%sContent-Type: text/plain; charset=utf-8

				%s
				""".formatted(from, SUPPORT, messageId, subject, extraHeaders, text);
	}

	private void deliver(String raw) throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
				new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
		support.deliver(message);
		fetcher.wake();
	}

	private MessageView awaitMessage(String providerMessageId) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> jdbc.sql("select count(*) from message where channel = 'email' and provider_message_id = ?")
				.param(providerMessageId)
				.query(Long.class)
				.single() == 1);
		UUID conversation = jdbc.sql("select conversation_id from message where provider_message_id = ?")
			.param(providerMessageId)
			.query(UUID.class)
			.single();
		return conversations.detail(new ConversationId(conversation))
			.orElseThrow()
			.messages()
			.stream()
			.filter(m -> providerMessageId.equals(m.providerMessageId()))
			.findFirst()
			.orElseThrow();
	}

	private List<MimeMessage> awaitSentTo(String address, int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> sentTo(address).size() >= count);
		return sentTo(address);
	}

	private static List<MimeMessage> sentTo(String address) {
		return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
			try {
				return m.getAllRecipients() != null
						&& Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
			}
			catch (jakarta.mail.MessagingException e) {
				return false;
			}
		}).toList();
	}

	private void awaitSeen(String messageId) {
		await().atMost(Duration.ofSeconds(20)).until(() -> unseen(messageId) == 0);
	}

	/** How many copies of the mail in the support mailbox are not flagged as seen. */
	private static int unseen(String messageId) throws Exception {
		return withInbox(folder -> {
			int count = 0;
			for (var message : folder.getMessages()) {
				if (("<" + messageId + ">").equals(((MimeMessage) message).getMessageID())
						&& !message.isSet(Flags.Flag.SEEN)) {
					count++;
				}
			}
			return count;
		});
	}

	private static void markUnseen(String messageId) throws Exception {
		withInbox(folder -> {
			for (var message : folder.getMessages()) {
				if (("<" + messageId + ">").equals(((MimeMessage) message).getMessageID())) {
					message.setFlag(Flags.Flag.SEEN, false);
				}
			}
			return null;
		});
	}

	interface InboxAction<T> {

		T apply(Folder folder) throws Exception;
	}

	private static <T> T withInbox(InboxAction<T> action) throws Exception {
		Properties props = new Properties();
		props.put("mail.imap.peek", "true");
		try (Store imap = Session.getInstance(props).getStore("imap")) {
			imap.connect("127.0.0.1", mail.getImap().getPort(), "support", PASSWORD);
			Folder folder = imap.getFolder("INBOX");
			folder.open(Folder.READ_WRITE);
			try {
				return action.apply(folder);
			}
			finally {
				folder.close(false);
			}
		}
	}
}
