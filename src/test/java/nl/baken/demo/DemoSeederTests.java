package nl.baken.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import nl.baken.DatabaseTest;
import nl.baken.TestDatabase;
import nl.baken.access.ActionRequestView;
import nl.baken.access.ApiClient;
import nl.baken.access.ApiTokens;
import nl.baken.access.Authorities;
import nl.baken.access.Scope;
import nl.baken.access.UserView;
import nl.baken.access.Users;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.ContactReason;
import nl.baken.conversation.ContactReasons;
import nl.baken.customer.Brands;
import nl.baken.proactive.Incident;
import nl.baken.proactive.Incidents;
import nl.baken.routing.Presence;
import nl.baken.routing.Routing;
import nl.baken.routing.Skill;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The demo as the application seeds it on start, in a database of its own. */
@DatabaseTest
@SpringBootTest
@TestPropertySource(properties = "baken.demo.enabled=true")
class DemoSeederTests {

	@Autowired
	DemoSeeder seeder;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Brands brands;

	@Autowired
	ContactReasons reasons;

	@Autowired
	ContactEvents events;

	@Autowired
	ApiTokens tokens;

	@Autowired
	Clock clock;

	@Autowired
	Users users;

	@Autowired
	Authorities authorities;

	@Autowired
	Routing routing;

	@Autowired
	Incidents incidents;

	@Autowired
	DemoIncidents demoIncidents;

	/** Other tests share one database with the demo switched off; the demo gets its own, empty one. */
	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		database(registry, "demo");
	}

	/** An empty database of its own, named {@code name}, for a demo test that needs other settings. */
	static void database(DynamicPropertyRegistry registry, String name) {
		if (TestDatabase.isPostgres()) {
			EmbeddedPostgres server = TestDatabase.postgres();
			createDatabase(server, name);
			registry.add("spring.datasource.url", () -> server.getJdbcUrl("postgres", name));
			registry.add("spring.datasource.username", () -> "postgres");
			registry.add("spring.datasource.password", () -> "");
		}
		else {
			registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + "-test;DB_CLOSE_DELAY=-1");
		}
	}

	private static void createDatabase(EmbeddedPostgres server, String name) {
		try (Connection connection = server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			if (!statement.executeQuery("select 1 from pg_database where datname = '" + name + "'").next()) {
				statement.execute("create database " + name);
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException(e);
		}
	}

	@Autowired
	nl.baken.knowledge.GuidedFlows flows;

	@Autowired
	DemoFlows demoFlows;

	@Test
	void loadsTwoBilingualGuidedFlowsLinkedToDemoArticlesOnce() throws Exception {
		var loaded = flows.list();
		assertThat(loaded).extracting(nl.baken.knowledge.GuidedFlow::titleEn)
			.containsExactlyInAnyOrder("My parcel did not arrive", "Return a product");
		assertThat(loaded).extracting(nl.baken.knowledge.GuidedFlow::titleNl)
			.containsExactlyInAnyOrder("Mijn pakket is niet aangekomen", "Een product retourneren");
		// every step that names a demo article by slug found it
		assertThat(loaded.stream().flatMap(f -> f.steps().stream()).filter(s -> s.articleId() != null)).hasSize(6);
		demoFlows.run(null);
		assertThat(flows.list()).hasSize(2);
	}

	@Autowired
	nl.baken.proactive.NotificationTemplates notificationTemplates;

	@Autowired
	DemoNotifications demoNotifications;

	@Test
	void seedsNotificationTemplatesInDutchAndEnglishForEveryChannelOnce() {
		for (String name : java.util.List.of("incident-update", "rule-warning")) {
			assertThat(notificationTemplates.templates(name))
				.extracting(t -> t.channel() + "/" + t.language())
				.containsExactlyInAnyOrder("any/en", "any/nl", "email/en", "email/nl", "whatsapp/en", "whatsapp/nl");
		}
		assertThat(notificationTemplates.templates("incident-update"))
			.filteredOn(t -> t.channel().equals("whatsapp"))
			.allSatisfy(t -> assertThat(t.providerParameters()).containsExactly("title", "status", "expectedEnd"));
		demoNotifications.run(null);
		assertThat(notificationTemplates.templates("rule-warning")).hasSize(6);
	}

	@Test
	void routingKnowsTheTeamsAsSkillsAndTheReasonsRequirementsAndAgentsStartOffline() {
		assertThat(routing.skills()).extracting(Skill::id)
			.containsExactlyInAnyOrder("orders", "returns", "advice", "payments", "relations");
		assertThat(routing.agents()).hasSize(DemoOrganisation.AGENTS.size()).allSatisfy(agent -> {
			assertThat(agent.presence()).isEqualTo(Presence.OFFLINE);
			assertThat(agent.skills()).hasSize(2).containsValue(4);
		});
		assertThat(routing.profiles()).filteredOn(p -> p.kind().equals("reason"))
			.hasSize(DemoOrganisation.REASONS.size())
			.allSatisfy(p -> assertThat(p.skills()).containsEntry(p.teamId(), 2));
	}

	@Test
	void seedsAWebshopWithTwoBrandsAndFlaggedContactReasons() {
		assertThat(brands.all()).extracting(Brands.Brand::id).containsExactlyInAnyOrder("tuinhuys", "kookgraag");
		List<ContactReason> all = reasons.all();
		assertThat(all).hasSizeGreaterThanOrEqualTo(10);
		assertThat(all).extracting(ContactReason::informational).contains(true, false);
		assertThat(all).extracting(ContactReason::satisfier).contains(true, false);
		assertThat(count("select count(*) from team")).isGreaterThanOrEqualTo(4);
	}

	@Test
	void seedsAFewHundredConversationsOfTheLastSixtyDaysOnEveryChannel() {
		long conversations = count("select count(*) from conversation");
		assertThat(conversations).isBetween(400L, 800L);
		Instant now = clock.instant();
		Instant first = jdbc.sql("select min(created_at) from conversation").query(OffsetDateTime.class).single().toInstant();
		Instant last = jdbc.sql("select max(created_at) from conversation").query(OffsetDateTime.class).single().toInstant();
		assertThat(first).isAfter(now.minus(Duration.ofDays(60)).minus(Duration.ofMinutes(5)));
		assertThat(last).isBefore(now);
		assertThat(strings("select distinct channel from conversation"))
			.containsExactlyInAnyOrder("email", "whatsapp", "webchat", "phone");
		assertThat(strings("select distinct language from conversation")).containsExactlyInAnyOrder("nl", "en");
		double dutch = count("select count(*) from conversation where language = 'nl'") / (double) conversations;
		assertThat(dutch).isBetween(0.5, 0.7);
		assertThat(count("select count(*) from conversation where status in ('queued', 'assigned', 'waiting_for_customer')"))
			.isGreaterThan(0);
	}

	@Test
	void theDemosPastRepliesCountAsSentAndNeverGoOut() {
		// proactive notifications (written by the system) are not past replies: they go out for real, and so does
		// the bot's answer to the demo incident's question, to the demo's own mail server (hence the wait)
		long replies = count("select count(*) from message where direction = 'outbound' and author_kind <> 'system'");
		assertThat(replies).isPositive();
		await().atMost(java.time.Duration.ofSeconds(60)).until(() -> count("""
				select count(*) from message
				where direction = 'outbound' and author_kind <> 'system' and delivery_status = 'sent'""") == replies);
		assertThat(count("""
				select count(*) from outbound_delivery d join message m on m.id = d.message_id
				where d.state = 'sent' and m.author_kind <> 'system'""")).isEqualTo(replies);
	}

	@Test
	void demoAgentsRefundThroughTheStandInShopWithinTheirLimit() {
		DemoOrganisation.Agent agent = DemoOrganisation.AGENTS.getLast();
		UserView user = users.find(agent.id()).orElseThrow();
		assertThat(authorities.allowedTo(user)).extracting(a -> a.action().id())
			.contains("refund", "waive-fee", "resend-order", "change-address");

		ActionRequestView refund = authorities.request(user, new Authorities.NewRequest("refund", UUID.randomUUID(),
				UUID.randomUUID(), agent.team(), 2_000L, "demo"));

		assertThat(refund.status()).isEqualTo(ActionRequestView.Status.EXECUTED);
		assertThat(refund.result()).startsWith("Refund of EUR 20.00 booked, reference R-");
	}

	@Test
	void aboutAThirdOfResolvedContactsHasASurveyAnswer() {
		long resolved = allEvents().stream().filter(e -> e.type() == ContactEventType.RESOLVED).count();
		List<ContactEvent> answers = allEvents().stream()
			.filter(e -> e.type() == ContactEventType.SURVEY_ANSWERED)
			.toList();
		assertThat((double) answers.size() / resolved).isBetween(0.2, 0.45);
		assertThat(answers).allSatisfy(e -> assertThat(e.attributes()).containsKeys("csat", "ces"));
	}

	@Test
	void aboutOneInTenHandledContactsIsTransferredWithAReason() {
		Map<ContactEventType, List<ContactEvent>> byType = allEvents().stream()
			.collect(Collectors.groupingBy(ContactEvent::type));
		List<ContactEvent> transfers = byType.get(ContactEventType.TRANSFERRED);
		assertThat(transfers).allSatisfy(e -> assertThat(e.attributes()).containsKeys("reason", "fromTeam", "toTeam"));
		long transferred = transfers.stream().map(ContactEvent::conversationId).distinct().count();
		long handled = byType.get(ContactEventType.ASSIGNED).stream().map(ContactEvent::conversationId).distinct().count();
		assertThat(transferred / (double) handled).isBetween(0.06, 0.15);
	}

	@Test
	void someCustomersComeBackWithinAWeekSomeOnAnotherChannel() {
		long conversations = count("select count(*) from conversation");
		String repeats = """
				select count(*) from conversation later where exists (
				  select 1 from conversation earlier where earlier.customer_id = later.customer_id
				  and earlier.created_at < later.created_at and earlier.created_at > later.created_at - interval '7' day%s)""";
		double share = count(repeats.formatted("")) / (double) conversations;
		// the demo history's bot conversations and callbacks are mostly one-off contacts: about 12 % in all
		assertThat(share).isBetween(0.09, 0.2);
		assertThat(count(repeats.formatted(" and earlier.channel <> later.channel"))).isGreaterThan(0);
		assertThat(count("""
				select count(*) from (select customer_id from customer_brand group by customer_id
				having count(*) > 1) as both_brands""")).isGreaterThan(0);
	}

	@Test
	void callsGoThroughTheIvrAndSomeCallersHangUpInTheQueue() {
		List<ContactEvent> all = allEvents();
		List<ContactEvent> abandoned = all.stream().filter(e -> e.type() == ContactEventType.ABANDONED).toList();
		assertThat(abandoned).isNotEmpty().allSatisfy(e -> assertThat(e.channel()).isEqualTo("phone"));
		assertThat(all).filteredOn(e -> e.type() == ContactEventType.IVR_OPTION_CHOSEN)
			.isNotEmpty()
			.allSatisfy(e -> assertThat(e.channel()).isEqualTo("phone"));
		// a proactive notification opens a conversation closed from the start; the other closed ones are abandoned calls
		assertThat(count("""
				select count(*) from conversation c where status = 'closed' and not exists (
				  select 1 from message m where m.conversation_id = c.id and m.author_kind = 'system')"""))
			.isEqualTo(abandoned.size());
	}

	@Test
	void everyConversationHappensInOrder() {
		Map<UUID, List<ContactEvent>> byConversation = allEvents().stream()
			.filter(e -> e.conversationId() != null)
			.collect(Collectors.groupingBy(ContactEvent::conversationId));
		Instant now = clock.instant();
		byConversation.forEach((id, log) -> {
			Instant offered = at(log, ContactEventType.OFFERED);
			Instant answered = at(log, ContactEventType.FIRST_AGENT_RESPONSE);
			Instant resolved = at(log, ContactEventType.RESOLVED);
			assertThat(log).allSatisfy(e -> assertThat(e.occurredAt()).isBefore(now));
			if (answered != null) {
				assertThat(answered).as("answered after offered in %s", id).isAfter(offered);
			}
			boolean byBot = log.stream().anyMatch(e -> e.type() == ContactEventType.BOT_CONTAINED);
			if (resolved != null && !byBot) {
				assertThat(answered).as("answered before resolved in %s", id).isNotNull().isBefore(resolved);
			}
			if (resolved != null) {
				// only the customer's survey answer comes after the resolution
				assertThat(log).filteredOn(e -> e.type() != ContactEventType.SURVEY_ANSWERED)
					.allSatisfy(e -> assertThat(e.occurredAt()).isBeforeOrEqualTo(resolved));
				assertThat(log).filteredOn(e -> e.type() == ContactEventType.SURVEY_ANSWERED)
					.allSatisfy(e -> assertThat(e.occurredAt()).isAfter(resolved));
			}
		});
	}

	@Test
	void theDocumentedTokenWorksAndNoOtherTokenWasGenerated() {
		assertThat(tokens.authenticate("baken-demo-token")).get()
			.extracting(ApiClient::scopes)
			.isEqualTo(EnumSet.allOf(Scope.class));
		assertThat(tokens.list()).hasSize(1);
	}

	@Test
	void seedingAgainAddsNothing() throws Exception {
		List<String> tables = List.of("brand", "team", "contact_reason", "customer", "conversation", "message", "note",
				"contact_event", "api_token");
		Map<String, Long> before = tables.stream().collect(Collectors.toMap(t -> t, t -> count("select count(*) from " + t)));
		seeder.run(new DefaultApplicationArguments());
		Map<String, Long> after = tables.stream().collect(Collectors.toMap(t -> t, t -> count("select count(*) from " + t)));
		assertThat(after).isEqualTo(before);
	}

	@Autowired
	DemoHistory demoHistory;

	/**
	 * The history the seeder's conversations lack, written as the live product writes it: presence changes of every
	 * agent (who all end offline), bot conversations that were contained or handed off, callbacks with their promised
	 * window; added once.
	 */
	@Test
	void theDemoHistoryHasPresenceBotConversationsAndCallbacksOnce() throws Exception {
		List<ContactEvent> all = allEvents();
		assertThat(all).filteredOn(e -> e.type() == ContactEventType.PRESENCE_CHANGED)
			.extracting(e -> e.actor().id())
			.containsAll(DemoOrganisation.AGENTS.stream().map(DemoOrganisation.Agent::id).toList());
		assertThat(all).filteredOn(e -> e.type() == ContactEventType.PRESENCE_CHANGED)
			.allSatisfy(e -> assertThat(e.attributes()).containsKeys("from", "to"));
		assertThat(routing.agents()).allSatisfy(agent -> assertThat(agent.presence()).isEqualTo(Presence.OFFLINE));
		long contained = all.stream().filter(e -> e.type() == ContactEventType.BOT_CONTAINED).count();
		long handedOff = all.stream().filter(e -> e.type() == ContactEventType.BOT_HANDOFF).count();
		assertThat(contained).isGreaterThan(50);
		assertThat(handedOff).isGreaterThan(40);
		assertThat(all).filteredOn(e -> e.type() == ContactEventType.CALLBACK_REQUESTED)
			.hasSizeGreaterThan(30)
			.allSatisfy(e -> assertThat(e.attributes()).containsKeys("callbackId", "promisedFrom", "promisedTo"));
		assertThat(all).filteredOn(e -> e.type() == ContactEventType.CALLBACK_ATTEMPTED)
			.allSatisfy(e -> assertThat(e.conversationId()).isNotNull());
		long events = count("select count(*) from contact_event");
		demoHistory.run(new DefaultApplicationArguments());
		assertThat(count("select count(*) from contact_event")).isEqualTo(events);
	}

	/** The demo's orders and its open delivery delay: informed, a question linked and answered, seeded once. */
	@Test
	void theDemoDelayReachesTheUtrechtOrdersAndItsQuestionIsLinked() throws Exception {
		assertThat(count("select count(*) from business_event where type = 'order.shipped'"))
			.isEqualTo(DemoIncidents.BUYERS.size());
		List<Incident> open = incidents.list(true, 10);
		assertThat(open).singleElement().satisfies(incident -> {
			long utrecht = DemoIncidents.BUYERS.stream().filter(b -> b.postcode().startsWith("35")).count();
			assertThat(incidents.affectedCount(incident.id())).isEqualTo(utrecht);
			assertThat(incidents.linkedCount(incident.id())).isEqualTo(1);
			assertThat(incidents.prevented(incident.id()).came()).isEqualTo(1);
		});
		assertThat(count("select count(*) from contact_event where type = 'incident_linked'")).isEqualTo(1);
		// the bot's answer about the delay (the demo history's bot conversations are not linked to it)
		assertThat(count("""
				select count(*) from message m where m.author_kind = 'bot' and exists (select 1 from contact_event e
				  where e.conversation_id = m.conversation_id and e.type = 'incident_linked')""")).isEqualTo(1);
		demoIncidents.run(new DefaultApplicationArguments());
		assertThat(incidents.list(false, 10)).hasSize(1);
		assertThat(count("select count(*) from business_event")).isEqualTo(
				DemoIncidents.BUYERS.size() + DemoIncidents.BUYERS.stream().filter(b -> b.postcode().startsWith("35")).count());
	}

	private List<ContactEvent> allEvents() {
		return events.between(Instant.EPOCH, Instant.now().plusSeconds(86_400), List.of());
	}

	private static Instant at(List<ContactEvent> log, ContactEventType type) {
		return log.stream().filter(e -> e.type() == type).map(ContactEvent::occurredAt).findFirst().orElse(null);
	}

	private long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	private List<String> strings(String sql) {
		return jdbc.sql(sql).query(String.class).list();
	}
}
