package nl.baken.proactive.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.channel.ChannelAdapter;
import nl.baken.channel.Outbox;
import nl.baken.channel.OutboundMessage;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ConversationDetail;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.ConversationStatus;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.Deliveries;
import nl.baken.conversation.DeliveryStatus;
import nl.baken.conversation.MessageView;
import nl.baken.customer.CustomerId;
import nl.baken.customer.CustomerProfile.Consent;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.proactive.Notice;
import nl.baken.proactive.NoticeCounts;
import nl.baken.proactive.NoticeResult;
import nl.baken.proactive.NotificationTemplate;
import nl.baken.proactive.Notifications;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.Sql;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notifications on the real database and outbox, with a recording SMS adapter as the channel: once per customer per
 * key (also two nodes at once), consent and channel choice, templates and missing values, quiet hours and volume
 * limits deferring at fixed times, the worker's claims shared by two nodes, and counts that follow the delivery
 * status.
 */
@DatabaseTest
@TestPropertySource(properties = { "baken.notifications.worker-enabled=false",
		"baken.notifications.limits.sms.per-minute=3", "baken.notifications.limits.sms.per-hour=5",
		"baken.outbox.poll-interval=100ms" })
class NotificationsTests extends ApiTestSupport {

	@Autowired
	Notifications api;

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
	Conversations conversations;

	@Autowired
	Deliveries deliveries;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RecordingSms sms;

	/** A weekday morning (11:00 in Amsterdam) on a day of its own, so volume windows of other runs do not count. */
	Instant morning;

	String kind;

	@TestConfiguration
	static class Sms {

		@Bean
		RecordingSms recordingSms() {
			return new RecordingSms();
		}
	}

	static class RecordingSms implements ChannelAdapter {

		final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();

		@Override
		public String id() {
			return "sms";
		}

		@Override
		public String send(OutboundMessage message) {
			sent.add(message);
			return "sms-" + message.messageId();
		}
	}

	@BeforeEach
	void setUp() {
		morning = Instant.parse("2031-01-06T10:00:00Z").plus(ThreadLocalRandom.current().nextInt(3000) * 7L,
				ChronoUnit.DAYS);
		kind = unique("update");
		templates.defineKind(kind, List.of("title", "status"));
		save(NotificationTemplate.ANY, "nl", "Storing {{title}}: {{status}}", null, List.of());
		save(NotificationTemplate.ANY, "en", "Outage {{title}}: {{status}}", null, List.of());
		save("whatsapp", "nl", "Storing {{title}}: {{status}}", "storing_update", List.of("title", "status"));
		// notices other tests left queued would be due at these test times too: park them
		jdbc.sql("update notice set due_at = ? where state = 'queued'")
			.param(Sql.utc(Instant.parse("2999-01-01T00:00:00Z")))
			.update();
	}

	@Test
	void aSecondSendOfTheSameKeyIsADuplicate() {
		CustomerId customer = customer("email", "nl", true, false, Identity.email(unique("a") + "@example.nl"));
		Notice notice = notice(List.of(customer, customer), unique("topic"), unique("once"));
		List<NoticeResult> first = notifications.send(notice, morning);
		assertThat(first).extracting(NoticeResult::outcome).containsExactly("queued", "duplicate");
		assertThat(first.getFirst().channel()).isEqualTo("email");
		assertThat(notifications.send(notice, morning)).extracting(NoticeResult::outcome).containsExactly("duplicate",
				"duplicate");
		assertThat(api.counts(notice.topic())).isEqualTo(new NoticeCounts(1, 0, 0, 0, 0, 0));
		// another update of the same incident is a new notice
		Notice next = notice(List.of(customer), notice.topic(), unique("once"));
		assertThat(notifications.send(next, morning)).extracting(NoticeResult::outcome).containsExactly("queued");
	}

	@Test
	void twoNodesSendingAtOnceQueueEachCustomerOnce() throws Exception {
		List<CustomerId> audience = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			audience.add(customer(null, "nl", true, false, Identity.email(unique("c" + i) + "@example.nl")));
		}
		String topic = unique("topic");
		String once = unique("once");
		List<CustomerId> reversed = new ArrayList<>(audience);
		Collections.reverse(reversed);
		CountDownLatch start = new CountDownLatch(1);
		try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
			Future<List<NoticeResult>> a = nodes.submit(() -> {
				start.await();
				return notifications.send(notice(audience, topic, once), morning);
			});
			Future<List<NoticeResult>> b = nodes.submit(() -> {
				start.await();
				return notifications.send(notice(reversed, topic, once), morning);
			});
			start.countDown();
			List<NoticeResult> all = new ArrayList<>(a.get());
			all.addAll(b.get());
			for (CustomerId customer : audience) {
				assertThat(all.stream().filter(r -> r.customer().equals(customer)).map(NoticeResult::outcome))
					.containsExactlyInAnyOrder("queued", "duplicate");
			}
		}
		assertThat(jdbc.sql("select count(*) from notice where once_key = ?").param(once).query(Long.class).single())
			.isEqualTo(40);
		assertThat(api.counts(topic).queued()).isEqualTo(40);
	}

	@Test
	void consentAddressAndTemplateDecideTheOutcome() {
		CustomerId noConsent = customer("email", "nl", false, true, Identity.email(unique("n") + "@example.nl"));
		CustomerId webOnly = customer(null, "nl", true, true, Identity.webVisitor(unique("visitor")));
		CustomerId whatsappNl = customer("whatsapp", "nl", true, true, Identity.whatsapp(phone()));
		CustomerId whatsappNoOptIn = customer("whatsapp", "nl", true, false, Identity.whatsapp(phone()),
				Identity.email(unique("w") + "@example.nl"));
		CustomerId whatsappEn = customer("whatsapp", "en", true, true, Identity.whatsapp(phone()));
		CustomerId smsOnly = customer(null, null, true, false, Identity.phone(phone()));
		String topic = unique("topic");
		List<NoticeResult> results = notifications.send(
				notice(List.of(noConsent, webOnly, whatsappNl, whatsappNoOptIn, whatsappEn, smsOnly), topic,
						unique("once")),
				morning);
		assertThat(results).extracting(NoticeResult::outcome, NoticeResult::channel)
			.containsExactly(tuple("no_consent", null),
					tuple("no_channel", null),
					tuple("queued", "whatsapp"),
					tuple("queued", "email"),
					// only a channel-neutral English text: WhatsApp cannot start a chat with it, so the next channel
					tuple("queued", "sms"),
					// no language of their own: the brand's default (nl)
					tuple("queued", "sms"));
		assertThat(store.find(rowOf(smsOnly, topic)).orElseThrow().language()).isEqualTo("nl");
		assertThat(api.counts(topic)).isEqualTo(new NoticeCounts(4, 0, 0, 0, 0, 2));
		assertThat(skipReason(noConsent, topic)).contains("consent");
	}

	@Test
	void aMissingValueIsAClearSkipNotABrokenMessage() {
		CustomerId english = customer("email", "en", true, false, Identity.email(unique("e") + "@example.nl"));
		CustomerId dutch = customer("email", "nl", true, false, Identity.email(unique("d") + "@example.nl"));
		String topic = unique("topic");
		Notice notice = new Notice(List.of(english, dutch), kind,
				Map.of("nl", Map.of("title", "Netwerk", "status", "opgelost"), "en", Map.of("title", "Network")),
				topic, unique("once"), null);
		assertThat(notifications.send(notice, morning)).extracting(NoticeResult::outcome)
			.containsExactly("no_template", "queued");
		assertThat(skipReason(english, topic)).isEqualTo("the notice has no en value for {{status}}");
		assertThatThrownBy(() -> notifications.send(new Notice(List.of(dutch), "no-such-template", Map.of(), topic,
				unique("once"), null), morning))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("no-such-template");
	}

	@Test
	void savingATemplateRefusesPlaceholdersItsKindDoesNotHave() {
		assertThatThrownBy(() -> save("email", "nl", "Beste klant, {{titel}}", null, List.of()))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("{{titel}} is not a placeholder of " + kind);
		assertThatThrownBy(() -> save("email", "nl", "Beste klant, {{title}", null, List.of()))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("broken");
		assertThatThrownBy(() -> save("whatsapp", "en", "Outage {{title}}", null, List.of()))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("approved");
		assertThatThrownBy(() -> save("whatsapp", "en", "Outage {{title}}", "outage", List.of("eta")))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("'eta' is not a placeholder");
		assertThatThrownBy(() -> templates.defineKind(kind, List.of("title")))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("{{status}}");
	}

	@Test
	void quietHoursDeferToTheirEndAndTheWorkerSendsThen() {
		CustomerId customer = customer(null, "nl", true, false, Identity.phone(phone()));
		String topic = unique("topic");
		ZonedDateTime local = morning.atZone(ZoneId.of("Europe/Amsterdam"));
		Instant evening = local.withHour(22).withMinute(30).toInstant();
		assertThat(notifications.send(notice(List.of(customer), topic, unique("once")), evening))
			.extracting(NoticeResult::outcome)
			.containsExactly("queued");
		UUID id = rowOf(customer, topic);
		Instant nextMorning = local.plusDays(1).withHour(8).withMinute(0).toInstant();
		assertThat(store.find(id).orElseThrow().dueAt()).isEqualTo(nextMorning);
		worker.runOnce(evening.plus(1, ChronoUnit.HOURS));
		assertThat(store.find(id).orElseThrow().state()).isEqualTo("queued");
		worker.runOnce(nextMorning);
		assertThat(store.find(id).orElseThrow().state()).isEqualTo("sent");
	}

	@Test
	void volumeLimitsDeferToTheNextWindowAndDropNothing() {
		List<CustomerId> audience = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			audience.add(customer(null, "nl", true, false, Identity.phone(phone())));
		}
		String topic = unique("topic");
		notifications.send(notice(audience, topic, unique("once")), morning);
		// 3 a minute, 5 an hour
		assertThat(worker.runOnce(morning)).isEqualTo(new NoticeWorker.Run(3, 4, 0));
		assertThat(worker.runOnce(morning.plusSeconds(30))).isEqualTo(new NoticeWorker.Run(0, 0, 0));
		assertThat(worker.runOnce(morning.plusSeconds(60))).isEqualTo(new NoticeWorker.Run(2, 2, 0));
		assertThat(worker.runOnce(morning.plusSeconds(120))).isEqualTo(new NoticeWorker.Run(0, 0, 0));
		assertThat(worker.runOnce(morning.plus(1, ChronoUnit.HOURS))).isEqualTo(new NoticeWorker.Run(2, 0, 0));
		assertThat(jdbc.sql("select count(*) from notice where topic = ? and state = 'sent'")
			.param(topic)
			.query(Long.class)
			.single()).isEqualTo(7);
	}

	@Test
	void countsFollowTheDeliveryStatusOfEachMessage() {
		List<CustomerId> audience = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			audience.add(customer(null, "nl", true, false, Identity.phone(phone())));
		}
		String topic = unique("topic");
		Notice notice = new Notice(audience, kind,
				Map.of("nl", Map.of("title", "<b>Netwerk</b> {{status}}", "status", "opgelost")), topic,
				unique("once"), null);
		notifications.send(notice, morning);
		// 3 a minute: the fourth goes a minute later
		assertThat(worker.runOnce(morning).sent()).isEqualTo(3);
		assertThat(worker.runOnce(morning.plusSeconds(60)).sent()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(20)).until(() -> api.counts(topic).sent() == 4);
		List<String> providerIds = audience.stream()
			.map(c -> "sms-" + store.find(rowOf(c, topic)).orElseThrow().messageId())
			.toList();
		Instant now = Instant.now();
		deliveries.reported("sms", providerIds.get(0), DeliveryStatus.DELIVERED, null, now);
		deliveries.reported("sms", providerIds.get(1), DeliveryStatus.READ, null, now);
		deliveries.reported("sms", providerIds.get(2), DeliveryStatus.FAILED, "unknown number", now);
		assertThat(api.counts(topic)).isEqualTo(new NoticeCounts(0, 1, 1, 1, 1, 0));

		// the message: in a conversation of its own that no agent's inbox shows, by the system, with its event
		UUID messageId = store.find(rowOf(audience.getFirst(), topic)).orElseThrow().messageId();
		OutboundMessage sent = sms.sent.stream().filter(m -> m.messageId().equals(messageId)).findFirst().orElseThrow();
		assertThat(sent.text()).isEqualTo("Storing <b>Netwerk</b> {{status}}: opgelost");
		ConversationDetail detail = conversations.detail(new ConversationId(sent.conversationId())).orElseThrow();
		assertThat(detail.conversation().status()).isEqualTo(ConversationStatus.CLOSED);
		assertThat(detail.messages()).singleElement()
			.extracting(MessageView::authorKind, MessageView::direction)
			.containsExactly("system", "outbound");
		assertThat(detail.events()).anySatisfy(e -> {
			assertThat(e.type()).isEqualTo(ContactEventType.NOTIFICATION_SENT);
			assertThat(e.attributes()).containsEntry("topic", topic).containsEntry("messageId", messageId.toString());
		});
	}

	@Test
	void twoWorkersShareTheDueNoticesAndSendEachOnce() throws Exception {
		List<CustomerId> audience = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			audience.add(customer(null, "nl", true, false, Identity.phone(phone())));
		}
		String topic = unique("topic");
		notifications.send(notice(audience, topic, unique("once")), morning);
		NoticeWorker other = new NoticeWorker(store, templates, limits, conversations, outbox, List.of(),
				settings, transactionManager, Clock.systemUTC());
		CountDownLatch start = new CountDownLatch(1);
		try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
			Future<NoticeWorker.Run> a = nodes.submit(() -> {
				start.await();
				return worker.runOnce(morning);
			});
			Future<NoticeWorker.Run> b = nodes.submit(() -> {
				start.await();
				return other.runOnce(morning);
			});
			start.countDown();
			assertThat(a.get().sent() + b.get().sent()).isEqualTo(3); // the per-minute limit holds across both
		}
		assertThat(jdbc.sql("""
				select count(*) from message m where m.id in (select message_id from notice where topic = ?)""")
			.param(topic)
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	@Test
	void aClaimHoldsANoticeForOneNodeUntilItsLeaseRunsOut() {
		CustomerId customer = customer(null, "nl", true, false, Identity.phone(phone()));
		String topic = unique("topic");
		notifications.send(notice(List.of(customer), topic, unique("once")), morning);
		UUID id = rowOf(customer, topic);
		Instant lease = morning.plus(2, ChronoUnit.MINUTES);
		assertThat(store.due(morning, 1000)).contains(id);
		assertThat(store.claim(id, "node-a", morning, lease)).isTrue();
		assertThat(store.claim(id, "node-b", morning.plusSeconds(60), lease)).isFalse();
		assertThat(store.due(morning.plusSeconds(60), 1000)).doesNotContain(id);
		// only the holder may move it on
		assertThat(store.defer(id, "node-b", morning.plusSeconds(90), morning)).isFalse();
		assertThat(store.sent(id, "node-b", UUID.randomUUID(), morning)).isFalse();
		// node-a died: after the lease node-b takes it, and node-a's late write is refused
		assertThat(store.claim(id, "node-b", lease.plusSeconds(1), lease.plusSeconds(121))).isTrue();
		assertThat(store.sent(id, "node-a", UUID.randomUUID(), lease.plusSeconds(2))).isFalse();
		assertThat(store.defer(id, "node-b", lease.plusSeconds(600), lease.plusSeconds(2))).isTrue();
		assertThat(store.due(lease.plusSeconds(599), 1000)).doesNotContain(id);
		assertThat(store.find(id).orElseThrow().attempts()).isEqualTo(2);
		assertThat(store.claim(id, "node-a", lease.plusSeconds(600), lease.plusSeconds(720))).isTrue();
		assertThat(store.skipped(id, "node-a", "no_template", "test", lease.plusSeconds(601))).isTrue();
		assertThat(store.claim(id, "node-b", lease.plusSeconds(900), lease.plusSeconds(1000))).isFalse();
		assertThat(api.counts(topic)).isEqualTo(new NoticeCounts(0, 0, 0, 0, 0, 1));
	}

	// helpers

	@Autowired
	VolumeLimits limits;

	@Autowired
	Outbox outbox;

	@Autowired
	NotificationSettings settings;

	@Autowired
	PlatformTransactionManager transactionManager;

	private Notice notice(List<CustomerId> audience, String topic, String once) {
		return new Notice(audience, kind, Map.of("nl", Map.of("title", "Netwerk", "status", "verholpen"), "en",
				Map.of("title", "Network", "status", "fixed")), topic, once, null);
	}

	private void save(String channel, String language, String body, String provider, List<String> parameters) {
		templates.save(new NotificationTemplate(kind, channel, language, null, body, provider, parameters, null, null),
				"test");
	}

	private CustomerId customer(String preferred, String language, boolean proactive, boolean whatsapp,
			Identity... identities) {
		CustomerId id = new TransactionTemplate(transactionManager).execute(status -> customers
			.resolve(new IdentityClaim(List.of(identities), "Klant", null, Instant.now())));
		customers.updatePreferences(id, preferred, language, new Consent(proactive, whatsapp, false),
				Actor.system("test"));
		return id;
	}

	private UUID rowOf(CustomerId customer, String topic) {
		return jdbc.sql("select id from notice where customer_id = ? and topic = ?")
			.params(customer.value(), topic)
			.query(UUID.class)
			.single();
	}

	private String skipReason(CustomerId customer, String topic) {
		return store.find(rowOf(customer, topic)).orElseThrow().skipReason();
	}

	private static String phone() {
		return "+3161" + (1000000 + ThreadLocalRandom.current().nextInt(8999999));
	}
}
