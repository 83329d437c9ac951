package nl.baken.proactive.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.Integrations;
import nl.baken.access.IntegrationPeer;
import nl.baken.access.Scope;
import nl.baken.access.Teams;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.customer.CustomerId;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.proactive.BusinessEvent;
import nl.baken.proactive.BusinessEventReceived;
import nl.baken.proactive.Notice;
import nl.baken.proactive.NoticeCounts;
import nl.baken.proactive.NoticeResult;
import nl.baken.proactive.Notifications;
import nl.baken.routing.Routing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Rules in the whole application: written and checked over the API, evaluated on stored events in the storing
 * transaction, firing once per key per episode with a signed integration call, a notice and a task that routing
 * queues; waits that run out by a fixed clock in the sweep; a dry run that does nothing.
 */
@DatabaseTest
@TestPropertySource(properties = "baken.rules.sweep.enabled=false")
class PreventiveRulesTests extends ApiTestSupport {

	/** The clock every bean of this context reads; a test sets it to see waits run out. */
	static final class SettableClock extends Clock {

		final AtomicReference<Instant> now = new AtomicReference<>();

		@Override
		public Instant instant() {
			Instant set = now.get();
			return set == null ? Instant.now() : set;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("UTC only");
		}
	}

	/** Records notices: this test checks what the rule asks of the notification service, not its delivery. */
	static final class RecordingNotifications implements Notifications {

		final List<Notice> sent = new CopyOnWriteArrayList<>();

		@Override
		public List<NoticeResult> send(Notice notice) {
			sent.add(notice);
			return notice.customers().stream().map(c -> new NoticeResult(c, "queued", "email")).toList();
		}

		@Override
		public NoticeCounts counts(String topic) {
			return new NoticeCounts(sent.stream().filter(n -> n.topic().equals(topic)).count(), 0, 0, 0, 0, 0);
		}
	}

	@TestConfiguration
	static class Doubles {

		@Bean
		@Primary
		SettableClock settableClock() {
			return new SettableClock();
		}

		@Bean
		@Primary
		RecordingNotifications recordingNotifications() {
			return new RecordingNotifications();
		}
	}

	@Autowired
	SettableClock clock;

	@Autowired
	RecordingNotifications notices;

	@Autowired
	PreventiveRules rules;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Customers customers;

	@Autowired
	Teams teams;

	@Autowired
	Integrations integrations;

	@Autowired
	Conversations conversations;

	@Autowired
	Routing routing;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void realTime() {
		clock.now.set(null);
	}

	static String thresholdRule(String name, String integration, String team) {
		return """
				{"name":"%s","eventType":"device.telemetry","filters":{"metric":"temperature"},"key":"device",
				 "condition":{"kind":"threshold","field":"value","operator":"above","threshold":80,"duration":"10m"},
				 "actions":{"integration":{"name":"%s","path":"/actions/replace-device"},
				            "message":{"textNl":"Uw warmtepomp is te warm.","textEn":"Your heat pump runs too hot."},
				            "task":{"teamId":"%s"}}}""".formatted(name, integration, team);
	}

	@Test
	void aRuleIsWrittenCheckedAndSwitchedOffOverTheApi() throws Exception {
		String token = token(Scope.RULES_WRITE);
		String team = team();
		String name = unique("Te heet");
		MvcTestResult created = post(token, "/api/v1/rules", thresholdRule(name, "shop", team));
		assertThat(created).hasStatus(HttpStatus.CREATED);
		JsonNode rule = json.readTree(created.getResponse().getContentAsString());
		String id = rule.get("id").asString();
		assertThat(rule.get("enabled").asBoolean()).isTrue();
		assertThat(rule.at("/definition/condition/duration").asString()).isEqualTo("PT10M");
		assertThat(get(token, "/api/v1/rules").findValuesAsString("name")).contains(name);

		// refusals say what is wrong
		MvcTestResult wrong = post(token, "/api/v1/rules",
				thresholdRule(unique("x"), "shop", team).replace("\"10m\"", "\"ten minutes\""));
		assertThat(wrong).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(wrong.getResponse().getContentAsString()).contains("duration is between 1 second and 90 days");
		assertThat(post(token, "/api/v1/rules", thresholdRule(unique("x"), "shop", "no-such-team")))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyText()
			.contains("unknown team 'no-such-team'");
		assertThat(post(token, "/api/v1/rules", thresholdRule(name, "shop", team))).hasStatus(HttpStatus.CONFLICT)
			.bodyText()
			.contains("already a rule named");
		assertThat(post(token, "/api/v1/rules", "{\"name\":\"x\",\"colour\":\"red\"}"))
			.hasStatus(HttpStatus.BAD_REQUEST);

		MvcTestResult off = mvc.put()
			.uri("/api/v1/rules/" + id + "/enabled")
			.header("Authorization", token)
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content("{\"enabled\":false}")
			.exchange();
		assertThat(off).hasStatus(HttpStatus.OK);
		assertThat(get(token, "/api/v1/rules/" + id).get("enabled").asBoolean()).isFalse();
		assertThat(mvc.get().uri("/api/v1/rules/" + UUID.randomUUID()).header("Authorization", token).exchange())
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(mvc.get().uri("/api/v1/rules").header("Authorization", token(Scope.ADMIN)).exchange())
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void onlyTeamLeadsAndAdminsReachTheRulesPage() {
		for (String role : List.of("AGENT", "PLANNER", "KNOWLEDGE_EDITOR")) {
			assertThat(mvc.get().uri("/desk/rules").with(user("someone").roles(role))).as(role)
				.hasStatus(HttpStatus.FORBIDDEN);
			assertThat(mvc.post().uri("/desk/rules").with(user("someone").roles(role)).with(csrf()).param("name", "x"))
				.as(role)
				.hasStatus(HttpStatus.FORBIDDEN);
		}
		assertThat(mvc.get().uri("/desk/rules/new")).hasStatus(HttpStatus.FOUND)
			.headers()
			.hasValue("Location", "/login");
		assertThat(jdbc.sql("select count(*) from preventive_rule where name = 'x'").query(Long.class).single()).isZero();
	}

	@Test
	void aDryRunShowsTheFiringsAndDoesNothing() throws Exception {
		String token = token(Scope.RULES_WRITE);
		try (IntegrationPeer peer = new IntegrationPeer("dry-run-secret")) {
			String integration = "dry-" + UUID.randomUUID().toString().substring(0, 8);
			peer.registerWith(integrations, integration);
			JsonNode rule = json.readTree(post(token, "/api/v1/rules", thresholdRule(unique("Dry"), integration, team()))
				.getResponse()
				.getContentAsString());
			String id = rule.get("id").asString();
			String stream = RuleEvaluationTests.resource("demo/telemetry.jsonl");
			MvcTestResult replayed = mvc.post()
				.uri("/api/v1/rules/" + id + "/replay")
				.header("Authorization", token)
				.contentType(org.springframework.http.MediaType.TEXT_PLAIN)
				.content(stream)
				.exchange();
			assertThat(replayed).hasStatus(HttpStatus.OK);
			JsonNode result = json.readTree(replayed.getResponse().getContentAsString());
			assertThat(result.get("events").asInt()).isEqualTo(105);
			assertThat(result.get("firings").findValuesAsString("key")).containsExactly("hp-1002", "hp-1001");
			assertThat(result.get("firings").get(0).get("actions").get(0).asString())
				.isEqualTo("integration " + integration + " /actions/replace-device");
			assertThat(peer.calls).isEmpty();
			assertThat(notices.sent).isEmpty();
			assertThat(get(token, "/api/v1/rules/" + id + "/firings")).isEmpty();
			assertThat(mvc.post()
				.uri("/api/v1/rules/" + id + "/replay")
				.header("Authorization", token)
				.contentType(org.springframework.http.MediaType.TEXT_PLAIN)
				.content("{\"id\":\"1\",\"type\":\"device.telemetry\",\"occurredAt\":\"soon\"}")
				.exchange()).hasStatus(HttpStatus.BAD_REQUEST).bodyText().contains("line 1 is not an event");
			// the rule watches every device: switched off, so other tests' readings do not fire it
			assertThat(mvc.put()
				.uri("/api/v1/rules/" + id + "/enabled")
				.header("Authorization", token)
				.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
				.content("{\"enabled\":false}")).hasStatus(HttpStatus.OK);
		}
	}

	@Test
	void storedReadingsFireOncePerDevicePerEpisodeAndRunEveryAction() throws Exception {
		String token = token(Scope.RULES_WRITE);
		String team = team();
		try (IntegrationPeer peer = new IntegrationPeer("live-secret")) {
			String integration = "live-" + UUID.randomUUID().toString().substring(0, 8);
			peer.registerWith(integrations, integration);
			String id = json.readTree(post(token, "/api/v1/rules", thresholdRule(unique("Live"), integration, team))
				.getResponse()
				.getContentAsString()).get("id").asString();
			String hot = unique("hp");
			String cool = unique("hp");
			CustomerId owner = customer(unique("eigenaar") + "@example.nl");
			Instant t0 = Instant.parse("2026-11-20T08:00:00Z");
			// hot: over 80 from minute 0 to 14 (fires at 10), cools down at 16, over again 20 to 30 (fires at 30)
			for (int m = 0; m <= 32; m += 2) {
				double value = m <= 14 || m >= 20 && m <= 30 ? 85 : 70;
				receive(reading(hot, t0.plusSeconds(m * 60L), value), owner);
				// cool: only briefly too hot, never ten minutes
				receive(reading(cool, t0.plusSeconds(m * 60L), m % 8 == 0 ? 81 : 75), owner);
			}
			// a late reading from before the second episode changes nothing
			receive(reading(hot, t0.plusSeconds(60), 99), owner);

			List<FiringView> firings = rules.firings(UUID.fromString(id), 50);
			assertThat(firings).extracting(FiringView::key).containsExactly(hot, hot);
			assertThat(firings).extracting(FiringView::firedAt)
				.containsExactly(t0.plusSeconds(30 * 60), t0.plusSeconds(10 * 60));
			await().atMost(Duration.ofSeconds(15))
				.until(() -> rules.firings(UUID.fromString(id), 50).stream().allMatch(f -> f.actionState().equals("done")));
			firings = rules.firings(UUID.fromString(id), 50);
			assertThat(firings).allSatisfy(f -> assertThat(f.outcome()).contains("integration: ok 200",
					"message: queued (email)", "task: conversation"));

			// the integration: one signed call per firing, keyed by the firing (other tests' rules may watch all devices)
			List<IntegrationPeer.Call> calls = peer.calls.stream()
				.filter(call -> json.readTree(call.body()).get("ruleId").asString().equals(id))
				.toList();
			assertThat(calls).hasSize(2).allSatisfy(call -> {
				assertThat(call.signatureValid()).isTrue();
				assertThat(call.path()).isEqualTo("/actions/replace-device");
				assertThat(json.readTree(call.body()).get("deviceId").asString()).isEqualTo(hot);
			});
			assertThat(calls).extracting(IntegrationPeer.Call::idempotencyKey)
				.containsExactlyInAnyOrder("rule-firing-" + firings.get(0).id(), "rule-firing-" + firings.get(1).id());
			// the message: template rule-warning, topic of the rule, once per firing
			List<Notice> mine = notices.sent.stream().filter(n -> n.topic().equals("rule:" + id)).toList();
			assertThat(mine).hasSize(2).allSatisfy(n -> {
				assertThat(n.template()).isEqualTo("rule-warning");
				assertThat(n.customers()).containsExactly(owner);
				assertThat(n.values().get("nl").get("text")).isEqualTo("Uw warmtepomp is te warm.");
				assertThat(n.values().get("en").get("text")).isEqualTo("Your heat pump runs too hot.");
			});
			assertThat(mine).extracting(Notice::onceKey).doesNotHaveDuplicates();
			// the task: a queued conversation for the team, with a note of what the rule saw, routed
			List<UUID> tasks = jdbc.sql("select id from conversation where channel = 'task' and team_id = ?")
				.param(team)
				.query(UUID.class)
				.list();
			assertThat(tasks).hasSize(2);
			for (UUID task : tasks) {
				var detail = conversations.detail(new ConversationId(task)).orElseThrow();
				assertThat(detail.conversation().customerId()).isEqualTo(owner.value());
				assertThat(detail.conversation().status().code()).isEqualTo("queued");
				assertThat(detail.notes()).singleElement()
					.satisfies(note -> assertThat(note.text()).contains("value > 80", hot, "zag bij"));
				assertThat(detail.events()).extracting(e -> e.type().code())
					.contains("rule_triggered", "queued")
					.doesNotContain("offered");
				assertThat(routing.work(task)).isPresent();
			}
		}
	}

	@Test
	void aParcelWaitRunsOutOnlyWhenTheClockPassesIt() throws Exception {
		String token = token(Scope.RULES_WRITE);
		String team = team();
		String id = json.readTree(post(token, "/api/v1/rules", """
				{"name":"%s","eventType":"parcel.scanned","key":"parcel",
				 "condition":{"kind":"absence","expectedType":"parcel.scanned","duration":"48h"},
				 "actions":{"task":{"teamId":"%s"}}}""".formatted(unique("Pakket"), team)).getResponse()
			.getContentAsString()).get("id").asString();
		String parcel = unique("PK");
		CustomerId customer = customer(unique("pakket") + "@example.nl");
		Instant t0 = Instant.parse("2026-11-20T08:00:00Z");
		clock.now.set(t0.plusSeconds(60));
		receive(scan(parcel, t0), customer);
		for (Duration after : List.of(Duration.ofHours(1), Duration.ofHours(47), Duration.ofHours(48).minusSeconds(1))) {
			clock.now.set(t0.plus(after));
			rules.sweep();
			assertThat(rules.firings(UUID.fromString(id), 10)).as("after %s", after).isEmpty();
		}
		clock.now.set(t0.plus(Duration.ofHours(49)));
		rules.sweep();
		rules.sweep();
		List<FiringView> firings = rules.firings(UUID.fromString(id), 10);
		assertThat(firings).singleElement().satisfies(f -> {
			assertThat(f.key()).isEqualTo(parcel);
			assertThat(f.episodeStart()).isEqualTo(t0);
			assertThat(f.firedAt()).isEqualTo(t0.plus(Duration.ofHours(48)));
			assertThat(f.customerId()).isEqualTo(customer.value());
			assertThat(f.summaryNl()).contains("geen parcel.scanned vóór");
		});
		// a scan at last clears it; the next silence is a new episode
		receive(scan(parcel, t0.plus(Duration.ofHours(50))), customer);
		clock.now.set(t0.plus(Duration.ofHours(99)));
		rules.sweep();
		assertThat(rules.firings(UUID.fromString(id), 10)).hasSize(2);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> rules.firings(UUID.fromString(id), 10).stream().allMatch(f -> f.actionState().equals("done")));
		assertThat(jdbc.sql("select count(*) from conversation where channel = 'task' and team_id = ?")
			.param(team)
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	private String team() {
		String id = "t" + UUID.randomUUID().toString().substring(0, 8);
		transactions.executeWithoutResult(s -> teams.define(id, "Monteurs", "Engineers"));
		return id;
	}

	private CustomerId customer(String email) {
		return transactions.execute(s -> customers.resolve(new IdentityClaim(List.of(Identity.email(email)), null,
				null, Instant.now())));
	}

	/** As the event intake does it: published in the transaction that stored the event. */
	private void receive(BusinessEvent event, CustomerId customer) {
		transactions.executeWithoutResult(s -> publisher.publishEvent(new BusinessEventReceived(UUID.randomUUID(),
				event, customer, Instant.now())));
	}

	static BusinessEvent reading(String device, Instant at, double value) {
		return new BusinessEvent(UUID.randomUUID().toString(), "device.telemetry", at,
				new BusinessEvent.EventSubject(null, null, null, null, null, device, null, "warmtepomp"),
				Map.of("metric", "temperature", "value", value, "unit", "C"));
	}

	static BusinessEvent scan(String parcel, Instant at) {
		return new BusinessEvent(UUID.randomUUID().toString(), "parcel.scanned", at,
				new BusinessEvent.EventSubject(null, null, null, null, parcel, null, null, null),
				Map.of("location", "depot"));
	}

}
