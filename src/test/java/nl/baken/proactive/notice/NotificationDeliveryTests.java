package nl.baken.proactive.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.channel.whatsapp.GraphPeer;
import nl.baken.conversation.Deliveries;
import nl.baken.conversation.DeliveryStatus;
import nl.baken.customer.CustomerId;
import nl.baken.customer.CustomerProfile.Consent;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.proactive.Notice;
import nl.baken.proactive.NoticeCounts;
import nl.baken.proactive.NoticeResult;
import nl.baken.proactive.NotificationTemplate;
import nl.baken.shared.Actor;
import nl.baken.shared.Sql;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The worker sends through the real adapters: e-mail to GreenMail over SMTP, with the customer's values escaped in
 * the HTML part; WhatsApp to a peer speaking the Cloud API's wire format, as the approved template with its body
 * parameters. Counts follow what the outbox and the provider report.
 */
@DatabaseTest
class NotificationDeliveryTests extends ApiTestSupport {

	static final String FROM = "service@baken.test";

	static final GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static final GraphPeer graph = start();

	static {
		mail.start();
	}

	static GraphPeer start() {
		try {
			return new GraphPeer();
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	@DynamicPropertySource
	static void channels(DynamicPropertyRegistry registry) {
		registry.add("baken.channels.email.smtp.host", () -> "127.0.0.1");
		registry.add("baken.channels.email.smtp.port", () -> mail.getSmtp().getPort());
		registry.add("baken.channels.email.from-address", () -> FROM);
		registry.add("baken.channels.whatsapp.graph-base-url", graph::baseUrl);
		registry.add("baken.channels.whatsapp.api-version", () -> GraphPeer.VERSION);
		registry.add("baken.channels.whatsapp.phone-number-id", () -> GraphPeer.PHONE_NUMBER_ID);
		registry.add("baken.channels.whatsapp.access-token", () -> GraphPeer.TOKEN);
		registry.add("baken.notifications.worker-enabled", () -> "false");
		registry.add("baken.outbox.poll-interval", () -> "100ms");
	}

	@Autowired
	NotificationService notifications;

	@Autowired
	NoticeWorker worker;

	@Autowired
	NoticeTemplates templates;

	@Autowired
	NoticeStore store;

	@Autowired
	Customers customers;

	@Autowired
	Deliveries deliveries;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	Instant morning;

	String kind;

	@BeforeEach
	void setUp() {
		morning = Instant.parse("2031-01-07T10:00:00Z").plus(ThreadLocalRandom.current().nextInt(3000) * 7L,
				ChronoUnit.DAYS);
		kind = unique("incident");
		templates.defineKind(kind, List.of("title", "status"));
		templates.save(new NotificationTemplate(kind, "email", "nl", "Storing: {{title}}",
				"Beste klant,\n\nStoring: {{title}}\nStand van zaken: {{status}}", null, List.of(), null, null), "test");
		templates.save(new NotificationTemplate(kind, "whatsapp", "nl", null, "Storing {{title}}: {{status}}",
				"incident_update", List.of("title", "status"), null, null), "test");
		jdbc.sql("update notice set due_at = ? where state = 'queued'")
			.param(Sql.utc(Instant.parse("2999-01-01T00:00:00Z")))
			.update();
	}

	@Test
	void anEmailGoesOutWithTheCustomersValuesEscapedInItsHtml() throws Exception {
		String address = unique("klant") + "@example.nl";
		CustomerId customer = customer("email", false, Identity.email(address));
		String topic = unique("topic");
		String title = "<script>alert('x')</script> & {{status}}";
		List<NoticeResult> results = notifications.send(new Notice(List.of(customer), kind,
				Map.of("nl", Map.of("title", title, "status", "monteur\nonderweg")), topic, unique("once"), null),
				morning);
		assertThat(results).extracting(NoticeResult::outcome, NoticeResult::channel)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("queued", "email"));
		assertThat(worker.runOnce(morning).sent()).isGreaterThanOrEqualTo(1);

		await().atMost(Duration.ofSeconds(20)).until(() -> sentTo(address).size() == 1);
		MimeMessage sent = sentTo(address).getFirst();
		// the template's subject as it is: a notice answers nothing, so no "Re:" and no reply token
		assertThat(sent.getSubject()).isEqualTo("Storing: <script>alert('x')</script> & {{status}}");
		assertThat(sent.getHeader("In-Reply-To")).isNull();
		assertThat(sent.getMessageID()).isNotBlank();
		MimeMultipart parts = (MimeMultipart) sent.getContent();
		String text = ((String) part(parts, "text/plain").getContent()).replace("\r\n", "\n");
		String html = (String) part(parts, "text/html").getContent();
		assertThat(text).contains("Storing: " + title).contains("Stand van zaken: monteur\nonderweg");
		assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; {{status}}")
			.doesNotContain("<script>");
		await().atMost(Duration.ofSeconds(20)).until(() -> notifications.counts(topic).sent() == 1);
		assertThat(notifications.counts(topic)).isEqualTo(new NoticeCounts(0, 1, 0, 0, 0, 0));
	}

	@Test
	void aWhatsAppNoticeGoesOutAsTheApprovedTemplateWithItsParameters() {
		String number = "3161" + (1000000 + ThreadLocalRandom.current().nextInt(8999999));
		CustomerId customer = customer("whatsapp", true, Identity.whatsapp(number),
				Identity.email(unique("wa") + "@example.nl"));
		String topic = unique("topic");
		List<NoticeResult> results = notifications.send(new Notice(List.of(customer), kind,
				Map.of("nl", Map.of("title", "Glasvezel\nUtrecht", "status", "*opgelost*")), topic, unique("once"),
				null), morning);
		assertThat(results).extracting(NoticeResult::channel).containsExactly("whatsapp");
		worker.runOnce(morning);

		await().atMost(Duration.ofSeconds(20))
			.until(() -> graph.received.stream().anyMatch(r -> number.equals(r.body().path("to").asString(null))));
		GraphPeer.Received request = graph.received.stream()
			.filter(r -> number.equals(r.body().path("to").asString(null)))
			.findFirst()
			.orElseThrow();
		assertThat(graph.violations).isEmpty();
		JsonNode template = request.body().path("template");
		assertThat(request.body().path("type").asString(null)).isEqualTo("template");
		assertThat(template.path("name").asString(null)).isEqualTo("incident_update");
		assertThat(template.path("language").path("code").asString(null)).isEqualTo("nl");
		assertThat(template.path("components").path(0).path("parameters").values())
			.extracting(p -> p.path("text").asString(null))
			.containsExactly("Glasvezel Utrecht", "*opgelost*");

		await().atMost(Duration.ofSeconds(20)).until(() -> notifications.counts(topic).sent() == 1);
		deliveries.reported("whatsapp", request.wamid(), DeliveryStatus.READ, null, Instant.now());
		assertThat(notifications.counts(topic)).isEqualTo(new NoticeCounts(0, 0, 0, 1, 0, 0));
		UUID message = store.find(jdbc.sql("select id from notice where topic = ?")
			.param(topic)
			.query(UUID.class)
			.single()).orElseThrow().messageId();
		assertThat(message).isNotNull();
	}

	private CustomerId customer(String preferred, boolean whatsapp, Identity... identities) {
		CustomerId id = new TransactionTemplate(transactionManager).execute(status -> customers
			.resolve(new IdentityClaim(List.of(identities), "Klant", null, Instant.now())));
		customers.updatePreferences(id, preferred, "nl", new Consent(true, whatsapp, false), Actor.system("test"));
		return id;
	}

	private static BodyPart part(MimeMultipart parts, String type) throws Exception {
		for (int i = 0; i < parts.getCount(); i++) {
			if (parts.getBodyPart(i).isMimeType(type)) {
				return parts.getBodyPart(i);
			}
		}
		throw new AssertionError("no " + type + " part");
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
}
