package nl.baken.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.Teams;
import nl.baken.analytics.CountedContact;
import nl.baken.analytics.KpiDefinition;
import nl.baken.analytics.KpiQuery;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.customer.Brands;
import nl.baken.customer.CustomerId;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The repeat, transfer and informational KPIs computed from the event log and from the per-contact facts agree on a
 * generated history, for several definitions' parameters and filters; merges are followed after a recompute.
 */
@DatabaseTest
class ContactFactTableTests extends ApiTestSupport {

	@Autowired
	ContactEvents events;

	@Autowired
	ContactFactTable facts;

	@Autowired
	KpiEngine engine;

	@Autowired
	Customers customers;

	@Autowired
	Teams teams;

	@Autowired
	Brands brands;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void theLogAndTheFactsGiveTheSameRepeatTransferAndInformationalFigures() {
		for (String team : HistoryGenerator.TEAM_IDS) {
			if (!teams.exists(team)) {
				teams.define(team, team, team);
			}
		}
		for (String brand : HistoryGenerator.BRANDS) {
			if (!brands.exists(brand)) {
				brands.define(brand, brand);
			}
		}
		// a stretch of time no other test writes in, and a seed of its own (customers are derived from it)
		long seed = UUID.randomUUID().getMostSignificantBits() & 0xfff;
		Instant start = Instant.parse("2019-03-04T00:00:00Z").plus(Duration.ofDays(30 * (seed % 40)));
		List<ContactEvent> log = new ArrayList<>();
		new HistoryGenerator(new HistoryGenerator.Size(600, 6, seed, start), log::add).run();
		append(log);
		facts.refresh();
		assertThat(facts.ready()).as("the facts are current after a refresh").isTrue();

		List<KpiQuery> queries = List.of(query(start, 6, null, null, null), query(start.plusSeconds(86_400 + 3600), 3,
				"phone", null, null), query(start, 6, null, "orders", null), query(start, 6, null, null, "kookgraag"));
		List<Map<String, String>> repeatParameters = List.of(Map.of(), Map.of("windowDays", "1"),
				Map.of("windowDays", "3", "sameReason", "true"));
		for (KpiQuery q : queries) {
			for (Map<String, String> p : repeatParameters) {
				agree(KpiCatalogue.REPEAT_CONTACT_RATE, q, p);
			}
			agree(KpiCatalogue.TRANSFER_RATE, q, Map.of());
			agree(KpiCatalogue.TRANSFER_RATE, q, Map.of("level", "agent"));
			agree(KpiCatalogue.INFORMATIONAL_SHARE, q, Map.of());
		}
		KpiCalculator.Computation all = facts.compute(KpiCatalogue.REPEAT_CONTACT_RATE,
				KpiParameters.resolve(engine.definition(KpiCatalogue.REPEAT_CONTACT_RATE), Map.of()), queries.get(0),
				false);
		assertThat(all.denominator()).as("every generated contact with an offer is counted").isGreaterThan(500);
		assertThat(all.numerator()).as("the generator makes repeats").isGreaterThan(0);
	}

	@Test
	void aMergeMakesTheMergedCustomersContactsRepeatsOnceRecomputed() {
		Instant start = Instant.parse("2018-06-04T09:00:00Z").plus(Duration.ofDays(7 * (System.nanoTime() % 50)));
		CustomerId first = transactions.execute(s -> customers.resolve(new IdentityClaim(
				List.of(Identity.email(unique("a") + "@example.org")), null, null, start)));
		CustomerId second = transactions.execute(s -> customers.resolve(new IdentityClaim(
				List.of(Identity.email(unique("b") + "@example.org")), null, null, start)));
		UUID earlier = UUID.randomUUID();
		UUID later = UUID.randomUUID();
		append(List.of(offered(earlier, first, start), offered(later, second, start.plus(Duration.ofDays(2)))));
		KpiQuery week = query(start.minus(Duration.ofDays(1)), 7, null, null, null);

		facts.refresh();
		assertThat(repeats(week)).as("two customers: no repeat").isZero();

		customers.merge(first, second, "same person", Actor.system("test"));
		assertThat(facts.ready()).as("a merge makes the facts stale").isFalse();
		assertThat(engine.compute(KpiCatalogue.REPEAT_CONTACT_RATE, week, false).result().numerator())
			.as("meanwhile the log answers, with the merge").isEqualTo(1);
		facts.refresh();
		assertThat(facts.ready()).isTrue();
		assertThat(repeats(week)).as("one customer after the merge: the later contact is a repeat").isEqualTo(1);
		agree(KpiCatalogue.REPEAT_CONTACT_RATE, week, Map.of());
	}

	@Test
	void aWriterWhoseTransactionStayedOpenHasItsContactsReadAgain() {
		Instant at = Instant.parse("2018-01-08T09:00:00Z").plus(Duration.ofDays(System.nanoTime() % 300));
		long before = events.lastPosition();
		UUID conversation = UUID.randomUUID();
		append(List.of(new ContactEvent(0, null, at, conversation, UUID.randomUUID(), "email",
				ContactEventType.OFFERED, Actor.system("test"), "tuinhuys", null, null, Map.of())));
		facts.refresh();
		// as if the watermark had moved past this contact while its transaction was still open
		jdbc.sql("delete from contact_fact where conversation_id = ?").param(conversation).update();
		KpiQuery day = query(at.minus(Duration.ofHours(1)), 1, null, null, null);
		facts.refresh();
		assertThat(contactsCounted(day)).as("missed: the watermark is past it").isZero();

		facts.rereadFrom(before);
		facts.refresh();
		assertThat(contactsCounted(day)).as("read again from the position before it").isEqualTo(1);
	}

	@Test
	void theOnePassRebuildGivesTheSameFactsAsThePagedCatchUp() {
		defineTeamsAndBrands();
		long seed = UUID.randomUUID().getMostSignificantBits() & 0xfff;
		Instant start = Instant.parse("2016-02-01T00:00:00Z").plus(Duration.ofDays(30 * (seed % 40)));
		List<ContactEvent> log = new ArrayList<>();
		new HistoryGenerator(new HistoryGenerator.Size(500, 5, seed, start), log::add).run();
		append(log);
		List<UUID> conversations = log.stream().map(ContactEvent::conversationId).distinct().toList();
		facts.refresh(); // a few thousand events behind: page by page
		List<List<Map<String, Object>>> paged = rows(conversations);
		List<String> indexes = indexes();
		assertThat(paged.getFirst()).as("a fact row per offered contact").hasSize(500);
		assertThat(paged.get(1)).as("previous contacts").isNotEmpty();

		assertThat(facts.rebuild()).isGreaterThanOrEqualTo(paged.getFirst().size());
		assertThat(rows(conversations)).as("the same rows from the one-pass rebuild").isEqualTo(paged);
		assertThat(indexes()).as("the facts' indexes, built again after the load").isEqualTo(indexes);
		assertThat(facts.ready()).isTrue();
		agree(KpiCatalogue.REPEAT_CONTACT_RATE, query(start, 5, null, null, null), Map.of());
		agree(KpiCatalogue.TRANSFER_RATE, query(start, 5, null, "returns", null), Map.of());
	}

	@Test
	void newMessagesOnAConversationDoNotMakeTheCatchUpWriteItsFactsAgain() {
		Instant at = Instant.parse("2017-01-09T09:00:00Z").plus(Duration.ofDays(System.nanoTime() % 300));
		UUID conversation = UUID.randomUUID();
		UUID customer = UUID.randomUUID();
		List<ContactEvent> opening = new ArrayList<>(List.of(
				event(conversation, customer, at, ContactEventType.OFFERED, null, null, Map.of()),
				event(conversation, customer, at.plusSeconds(1), ContactEventType.QUEUED, "orders", "orders", Map.of()),
				event(conversation, customer, at.plusSeconds(2), ContactEventType.ASSIGNED, "orders", "orders",
						Map.of("agent", "agent.a"))));
		// a long exchange: the catch-up's look-back no longer reaches the opening events
		for (int i = 0; i < ContactFactTable.LOOK_BACK + 20; i++) {
			opening.add(event(conversation, customer, at.plusSeconds(10 + i),
					i % 2 == 0 ? ContactEventType.MESSAGE_RECEIVED : ContactEventType.MESSAGE_SENT, "orders", null,
					Map.of()));
		}
		append(opening);
		facts.refresh();
		assertThat(fact(conversation, "teams")).isEqualTo("|orders|");

		// a mark the catch-up would overwrite if it wrote the conversation's facts again
		mark(conversation);
		append(List.of(event(conversation, customer, at.plusSeconds(600), ContactEventType.MESSAGE_RECEIVED, "orders",
				null, Map.of()), event(conversation, customer, at.plusSeconds(601), ContactEventType.MESSAGE_SENT,
						"orders", null, Map.of())));
		facts.refresh();
		assertThat(fact(conversation, "valence")).as("skipped: messages with a known team change nothing")
			.isEqualTo("marked");

		append(List.of(event(conversation, customer, at.plusSeconds(700), ContactEventType.MESSAGE_SENT, "returns",
				null, Map.of())));
		facts.refresh();
		assertThat(fact(conversation, "valence")).as("a team the facts lack: written again").isNull();
		assertThat(fact(conversation, "teams")).isEqualTo("|orders|returns|");

		mark(conversation);
		append(List.of(event(conversation, customer, at.plusSeconds(800), ContactEventType.RESOLVED, "returns",
				"returns", Map.of("reason", "refund-status", "informational", true, "valence", "dissatisfier"))));
		facts.refresh();
		assertThat(fact(conversation, "valence")).as("a resolution: written again").isEqualTo("dissatisfier");
		assertThat(fact(conversation, "reason")).isEqualTo("refund-status");
		KpiQuery day = query(at.minus(Duration.ofHours(1)), 1, null, null, null);
		agree(KpiCatalogue.INFORMATIONAL_SHARE, day, Map.of());
		agree(KpiCatalogue.TRANSFER_RATE, day, Map.of());
	}

	private void defineTeamsAndBrands() {
		for (String team : HistoryGenerator.TEAM_IDS) {
			if (!teams.exists(team)) {
				teams.define(team, team, team);
			}
		}
		for (String brand : HistoryGenerator.BRANDS) {
			if (!brands.exists(brand)) {
				brands.define(brand, brand);
			}
		}
	}

	/** The fact rows and previous-contact rows of these conversations, every column. */
	private List<List<Map<String, Object>>> rows(List<UUID> conversations) {
		List<List<Map<String, Object>>> tables = new ArrayList<>();
		for (String table : List.of("contact_fact", "contact_fact_repeat")) {
			tables.add(jdbc.sql("select * from " + table + " where conversation_id in (:ids) order by conversation_id")
				.param("ids", conversations)
				.query()
				.listOfRows());
		}
		return tables;
	}

	private List<String> indexes() {
		if (!nl.baken.TestDatabase.isPostgres()) {
			return List.of();
		}
		return jdbc.sql("select indexdef from pg_indexes where tablename = 'contact_fact' order by indexname")
			.query(String.class)
			.list();
	}

	private void mark(UUID conversation) {
		jdbc.sql("update contact_fact set valence = 'marked' where conversation_id = ?").param(conversation).update();
	}

	private String fact(UUID conversation, String column) {
		return jdbc.sql("select " + column + " from contact_fact where conversation_id = ?")
			.param(conversation)
			.query((rs, n) -> java.util.Optional.ofNullable(rs.getString(1)))
			.single()
			.orElse(null);
	}

	private static ContactEvent event(UUID conversation, UUID customer, Instant at, ContactEventType type, String team,
			String queue, Map<String, Object> attributes) {
		return new ContactEvent(0, null, at, conversation, customer, "webchat", type, Actor.system("test"), "tuinhuys",
				team, queue, attributes);
	}

	private double contactsCounted(KpiQuery query) {
		return facts.compute(KpiCatalogue.REPEAT_CONTACT_RATE,
				KpiParameters.resolve(engine.definition(KpiCatalogue.REPEAT_CONTACT_RATE), Map.of()), query, false)
			.denominator();
	}

	private double repeats(KpiQuery query) {
		return facts.compute(KpiCatalogue.REPEAT_CONTACT_RATE,
				KpiParameters.resolve(engine.definition(KpiCatalogue.REPEAT_CONTACT_RATE), Map.of()), query, true)
			.numerator();
	}

	private void agree(String name, KpiQuery query, Map<String, String> parameters) {
		KpiDefinition definition = engine.definition(name);
		Map<String, String> resolved = KpiParameters.resolve(definition, parameters);
		KpiQuery withParameters = new KpiQuery(query.from(), query.to(), query.channel(), query.teamId(), null,
				query.brandId(), parameters);
		KpiCalculator.Computation fromFacts = facts.compute(name, resolved, withParameters, true);
		KpiCalculator.Computation counts = facts.compute(name, resolved, withParameters, false);
		var fromLog = engine.fromLog(definition, resolved, withParameters);
		String what = name + " " + parameters + " " + query;
		assertThat(fromFacts.numerator()).as(what + " numerator").isEqualTo(fromLog.result().numerator());
		assertThat(fromFacts.denominator()).as(what + " denominator").isEqualTo(fromLog.result().denominator());
		assertThat(fromFacts.value()).as(what + " value").isEqualTo(fromLog.result().value());
		assertThat(counts.numerator()).as(what + " counted without the list").isEqualTo(fromFacts.numerator());
		assertThat(counts.denominator()).isEqualTo(fromFacts.denominator());
		assertThat(fromFacts.counted().stream().map(ContactFactTableTests::side).sorted().toList())
			.as(what + " the same contacts on the same sides")
			.isEqualTo(fromLog.counted().stream().map(ContactFactTableTests::side).sorted().toList());
	}

	private static String side(CountedContact c) {
		return c.conversationId() + ":" + c.numerator() + ":" + c.denominator();
	}

	private static KpiQuery query(Instant from, int days, String channel, String team, String brand) {
		return new KpiQuery(from, from.plus(Duration.ofDays(days)), channel, team, null, brand, Map.of());
	}

	private static ContactEvent offered(UUID conversation, CustomerId customer, Instant at) {
		return new ContactEvent(0, null, at, conversation, customer.value(), "email", ContactEventType.OFFERED,
				Actor.customer(customer.value().toString()), "tuinhuys", null, null, Map.of());
	}

	private void append(List<ContactEvent> log) {
		transactions.executeWithoutResult(status -> {
			for (ContactEvent e : log) {
				events.append(e.occurredAt(), e.conversationId(), e.customerId(), e.channel(), e.type(), e.actor(),
						e.brandId(), e.teamId(), e.queue(), e.attributes());
			}
		});
	}
}
