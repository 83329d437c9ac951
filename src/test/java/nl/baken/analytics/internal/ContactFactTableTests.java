package nl.baken.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.RandomInput;
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
	ContactFactRollup rollup;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void theLogAndTheFactsGiveTheSameRepeatTransferAndInformationalFigures() {
		HistoryGenerator.defineTeamsAndBrands(teams, brands);
		// a stretch of time no other test writes in, and a seed of its own (customers are derived from it)
		long seed = UUID.randomUUID().getMostSignificantBits() & 0xfffffff;
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

	/**
	 * The rollup, the facts and the log agree on whole days through every way the facts change: contacts arriving
	 * out of order over two catch-ups, a merge and an unmerge (only the touched customers recomputed), a changed
	 * definition (the rollup counted again), a bulk load (all previous contacts again). Periods not on whole days are
	 * counted on the facts.
	 */
	@Test
	void theRollupTheFactsAndTheLogAgreeOnWholeDaysThroughArrivalsMergesAndADefinitionChange() {
		HistoryGenerator.defineTeamsAndBrands(teams, brands);
		RandomInput.tries(2, random -> {
			long seed = random.nextLong() & 0xfffffff;
			// before the other tests' stretches (2018 on), so no fact is spoilt on purpose in it
			LocalDate first = LocalDate.of(2008, 1, 7).plusDays(7 * ((random.nextLong() & 0xffff) % 300));
			Instant start = first.atStartOfDay(KpiQuery.REPORTING_ZONE).toInstant();
			List<ContactEvent> log = new ArrayList<>();
			new HistoryGenerator(new HistoryGenerator.Size(300, 4, seed, start), log::add).run();
			// the customers merged later, with contacts on several days, teams and queues; c's contact is now and then
			// offered at the same instant as a's or b's, which after the merge is a tie: neither is before the other,
			// and both are repeats of the day before
			CustomerId a = customer();
			CustomerId b = customer();
			CustomerId c = customer();
			for (int day = 0; day < 4; day++) {
				Instant offered = start.plus(Duration.ofHours(24 * day + 9 + day));
				log.addAll(contact(random.nextBoolean() ? a : b, offered, random.nextBoolean() ? "orders" : "returns",
						"queue-" + random.nextInt(2), "order-status"));
				log.addAll(contact(c, random.nextBoolean() ? offered : offered.plus(Duration.ofMinutes(90)), "advice",
						"queue-2", random.nextBoolean() ? "order-status" : "product-advice"));
			}
			// out of order: a random part of the conversations arrives after the rest was caught up with
			Set<UUID> late = new HashSet<>();
			log.stream().map(ContactEvent::conversationId).distinct().filter(id -> random.nextInt(3) == 0).forEach(late::add);
			append(log.stream().filter(e -> !late.contains(e.conversationId())).toList());
			facts.refresh();
			append(log.stream().filter(e -> late.contains(e.conversationId())).toList());
			facts.refresh();
			allAgree(start, first, random);

			UUID merge = customers.merge(a, b, "same person", Actor.system("test"));
			customers.merge(a, c, "same person", Actor.system("test"));
			facts.refresh();
			assertThat(facts.ready()).as("merges followed").isTrue();
			allAgree(start, first, random);
			customers.unmerge(merge, Actor.system("test"));
			facts.refresh();
			allAgree(start, first, random);

			// a changed definition counts the rollup again from the facts; spoil it first to see it is read
			KpiQuery stretch = new KpiQuery(start, start.plus(Duration.ofDays(4)), null, null, null, null, Map.of());
			jdbc.sql("delete from contact_fact_day where offered_day >= ? and offered_day < ?")
				.params(ContactFactRollup.day(start), ContactFactRollup.day(stretch.to()))
				.update();
			assertThat(engine.compute(KpiCatalogue.TRANSFER_RATE, stretch, false).result().denominator())
				.as("whole days are counted on the rollup")
				.isZero();
			KpiQuery notOnDays = new KpiQuery(start.plus(Duration.ofHours(1)), stretch.to(), null, null, null, null,
					Map.of());
			KpiDefinition transfer = engine.definition(KpiCatalogue.TRANSFER_RATE);
			assertThat(engine.compute(KpiCatalogue.TRANSFER_RATE, notOnDays, false).result().numerator())
				.as("a period not on whole days falls back to the facts")
				.isEqualTo(engine.fromLog(transfer, KpiParameters.resolve(transfer, Map.of()), notOnDays)
					.result()
					.numerator())
				.isPositive();
			jdbc.sql("update contact_fact_state set definition = 'facts:0' where id = 1").update();
			assertThat(facts.ready()).as("stale after a definition change").isFalse();
			assertThat(facts.refresh().recomputed()).isTrue();
			allAgree(start, first, random);

			// after a bulk load every previous contact is computed again, all history at once
			jdbc.sql("update contact_fact set previous_any_id = null, gap_any_ms = null, gap_same_ms = null").update();
			jdbc.sql("update contact_fact_state set previous_stale = true where id = 1").update();
			assertThat(facts.ready()).isFalse();
			facts.refresh();
			allAgree(start, first, random);
		});
	}

	/** Over the whole stretch and a random part of whole days, with and without a filter. */
	private void allAgree(Instant start, LocalDate first, java.util.Random random) {
		assertThat(facts.ready()).isTrue();
		int from = random.nextInt(2);
		int to = from + 1 + random.nextInt(4 - from);
		List<KpiQuery> queries = new ArrayList<>(List.of(days(first, 0, 4, null, null, null, null),
				days(first, from, to, null, null, null, null)));
		queries.add(switch (random.nextInt(4)) {
			case 0 -> days(first, 0, 4, RandomInput.oneOf(random, List.of("phone", "email", "webchat")), null, null, null);
			case 1 -> days(first, 0, 4, null, RandomInput.oneOf(random, List.of("orders", "returns", "advice")), null,
					null);
			case 2 -> days(first, 0, 4, null, null, "queue-" + random.nextInt(3), null);
			default -> days(first, from, to, null, null, null, "kookgraag");
		});
		for (KpiQuery q : queries) {
			for (String name : List.of(KpiCatalogue.REPEAT_CONTACT_RATE, KpiCatalogue.TRANSFER_RATE,
					KpiCatalogue.INFORMATIONAL_SHARE)) {
				KpiDefinition definition = engine.definition(name);
				Map<String, String> defaults = KpiParameters.resolve(definition, Map.of());
				KpiCalculator.Computation byDay = rollup.compute(name, q);
				KpiCalculator.Computation byFact = facts.compute(name, defaults, q, false);
				var byLog = engine.fromLog(definition, defaults, q).result();
				String what = name + " " + q;
				assertThat(byDay.numerator()).as(what + " numerator, rollup and facts").isEqualTo(byFact.numerator());
				assertThat(byDay.denominator()).as(what + " denominator, rollup and facts")
					.isEqualTo(byFact.denominator());
				assertThat(byFact.numerator()).as(what + " numerator, facts and log").isEqualTo(byLog.numerator());
				assertThat(byFact.denominator()).as(what + " denominator, facts and log")
					.isEqualTo(byLog.denominator());
				assertThat(engine.compute(name, q, false).result().numerator()).isEqualTo(byLog.numerator());
			}
			Map<String, Map<String, String>> defaults = new java.util.LinkedHashMap<>();
			for (String name : ContactFactTable.KPIS) {
				defaults.put(name, KpiParameters.resolve(engine.definition(name), Map.of()));
			}
			Instant second = LocalDate.ofInstant(q.from(), KpiQuery.REPORTING_ZONE)
				.plusDays(1)
				.atStartOfDay(KpiQuery.REPORTING_ZONE)
				.toInstant();
			List<Instant> weeks = second.isBefore(q.to()) ? List.of(q.from(), second, q.to())
					: List.of(q.from(), q.to());
			ContactFactRollup.Summary summary = rollup.summary(q, weeks);
			assertThat(rows(summary.weeks())).as("per week, rollup and facts " + q)
				.isEqualTo(rows(facts.weekly(q, weeks, defaults)));
			assertThat(summary.reasons()).as("reasons, rollup and facts " + q).isEqualTo(facts.reasons(q, defaults));
			assertThat(engine.unnecessaryContacts(q, weeks).orElseThrow().totals())
				.extracting(r -> r.numerator() + "/" + r.denominator())
				.as("the page's totals " + q)
				.containsExactly(Stream.of(KpiCatalogue.REPEAT_CONTACT_RATE, KpiCatalogue.TRANSFER_RATE,
						KpiCatalogue.INFORMATIONAL_SHARE)
					.map(name -> facts.compute(name, defaults.get(name), q, false))
					.map(c -> c.numerator() + "/" + c.denominator())
					.toArray(String[]::new));
		}
		assertThat(rollup.compute(KpiCatalogue.REPEAT_CONTACT_RATE, queries.getFirst()).denominator()).isPositive();
	}

	private static List<List<Long>> rows(List<long[]> rows) {
		return rows.stream().map(r -> java.util.Arrays.stream(r).boxed().toList()).toList();
	}

	private static KpiQuery days(LocalDate first, int from, int to, String channel, String team, String queue,
			String brand) {
		return new KpiQuery(first.plusDays(from).atStartOfDay(KpiQuery.REPORTING_ZONE).toInstant(),
				first.plusDays(to).atStartOfDay(KpiQuery.REPORTING_ZONE).toInstant(), channel, team, queue, brand,
				Map.of());
	}

	private CustomerId customer() {
		return transactions.execute(s -> customers.resolve(new IdentityClaim(
				List.of(Identity.email(unique("r") + "@example.org")), null, null, Instant.parse("2008-01-01T00:00:00Z"))));
	}

	/** A contact queued, assigned and resolved with a reason. */
	private static List<ContactEvent> contact(CustomerId customer, Instant at, String team, String queue,
			String reason) {
		UUID conversation = UUID.randomUUID();
		Actor actor = Actor.customer(customer.value().toString());
		return List.of(
				new ContactEvent(0, null, at, conversation, customer.value(), "email", ContactEventType.OFFERED, actor,
						"tuinhuys", null, null, Map.of()),
				new ContactEvent(0, null, at.plusSeconds(1), conversation, customer.value(), "email",
						ContactEventType.QUEUED, Actor.system("routing"), "tuinhuys", team, queue, Map.of()),
				new ContactEvent(0, null, at.plusSeconds(2), conversation, customer.value(), "email",
						ContactEventType.ASSIGNED, Actor.system("routing"), "tuinhuys", team, queue, Map.of()),
				new ContactEvent(0, null, at.plusSeconds(60), conversation, customer.value(), "email",
						ContactEventType.RESOLVED, Actor.agent("agent"), "tuinhuys", team, queue,
						Map.of("reason", reason, "informational", "order-status".equals(reason), "valence",
								"dissatisfier")));
	}

	@Test
	void aMergeMakesTheMergedCustomersContactsRepeatsOnceRecomputed() {
		Instant start = Instant.parse("2018-06-04T09:00:00Z").plus(Duration.ofDays(7 * (System.nanoTime() % 50)));
		CustomerId first = transactions.execute(s -> customers.resolve(new IdentityClaim(
				List.of(Identity.email(unique("a") + "@example.org")), null, null, start)));
		CustomerId second = transactions.execute(s -> customers.resolve(new IdentityClaim(
				List.of(Identity.email(unique("b") + "@example.org")), null, null, start)));
		String brand = brandOfItsOwn();
		append(List.of(offered(UUID.randomUUID(), first, start, brand),
				offered(UUID.randomUUID(), second, start.plus(Duration.ofDays(2)), brand)));
		KpiQuery week = query(start.minus(Duration.ofDays(1)), 7, null, null, brand);

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

	/**
	 * A callback is the organisation calling as promised, not the customer coming back: its own conversation is a
	 * contact but no repeat, and does not fail the first contact's resolution; what the customer does after it may be a
	 * repeat of it. Before, the callback counted as a repeat of the call it came from.
	 */
	@Test
	void aCallbacksOwnConversationIsNeverARepeatButWhatFollowsItMayBe() {
		Instant start = Instant.parse("2017-05-01T09:00:00Z").plus(Duration.ofDays(14 * (System.nanoTime() % 40)));
		String brand = brandOfItsOwn();
		List<ContactEvent> log = new ArrayList<>();
		// A: called, asked for a callback, was called back; wrote again ten days later (outside W)
		CustomerId a = customer(start);
		log.addAll(resolvedCall(UUID.randomUUID(), a, start, brand, null));
		log.addAll(resolvedCall(UUID.randomUUID(), a, start.plus(Duration.ofHours(4)), brand, UUID.randomUUID()));
		log.add(offered(UUID.randomUUID(), a, start.plus(Duration.ofDays(10)), brand));
		// B: the same, but wrote again three days after the callback
		CustomerId b = customer(start);
		log.addAll(resolvedCall(UUID.randomUUID(), b, start, brand, null));
		UUID callbackOfB = UUID.randomUUID();
		log.addAll(resolvedCall(callbackOfB, b, start.plus(Duration.ofHours(4)), brand, UUID.randomUUID()));
		log.add(offered(UUID.randomUUID(), b, start.plus(Duration.ofDays(3)), brand));
		append(log);
		facts.refresh();

		KpiQuery period = query(start.minus(Duration.ofDays(1)), 12, null, null, brand);
		KpiCalculator.Computation repeats = onFacts(KpiCatalogue.REPEAT_CONTACT_RATE, period);
		assertThat(repeats.denominator()).isEqualTo(6);
		assertThat(repeats.counted()).filteredOn(CountedContact::numerator)
			.singleElement()
			.satisfies(c -> assertThat(c.note()).startsWith("repeat of " + callbackOfB));
		assertThat(repeats.counted()).filteredOn(c -> c.note().equals(KpiCalculator.CALLBACK_WORK)).hasSize(2);
		agree(KpiCatalogue.REPEAT_CONTACT_RATE, period, Map.of());
		agree(KpiCatalogue.REPEAT_CONTACT_RATE, period, Map.of("sameReason", "true"));

		KpiDefinition fcr = engine.definition(KpiCatalogue.FIRST_CONTACT_RESOLUTION);
		var resolution = engine.fromLog(fcr, KpiParameters.resolve(fcr, Map.of()), period).result();
		// A's call and callback are resolved for good; B's are followed by the e-mail
		assertThat(resolution.numerator()).isEqualTo(2);
		assertThat(resolution.denominator()).isEqualTo(4);
	}

	/**
	 * The transfer rate's contacts are those an agent handled: answered or resolved. Before, every assigned contact
	 * counted, also one given back unanswered when its agent went away and then abandoned.
	 */
	@Test
	void theTransferRateCountsTheContactsAnAgentHandledNotThoseOnlyAssigned() {
		Instant start = Instant.parse("2016-05-02T09:00:00Z").plus(Duration.ofDays(14 * (System.nanoTime() % 40)));
		String brand = brandOfItsOwn();
		Actor agent = Actor.agent("anna");
		List<ContactEvent> log = new ArrayList<>();
		UUID answered = UUID.randomUUID();
		log.addAll(resolvedCall(answered, customer(start), start, brand, null));
		UUID givenBack = UUID.randomUUID();
		log.add(offered(givenBack, customer(start), start, brand));
		log.add(event(givenBack, start.plusSeconds(10), ContactEventType.ASSIGNED, Actor.system("routing"), brand,
				Map.of("agent", "anna")));
		log.add(event(givenBack, start.plusSeconds(60), ContactEventType.QUEUED, Actor.system("routing"), brand,
				Map.of("after", "agent-away", "fromAgent", "anna")));
		log.add(event(givenBack, start.plusSeconds(300), ContactEventType.ABANDONED, Actor.customer(null), brand,
				Map.of()));
		UUID transferred = UUID.randomUUID();
		log.add(offered(transferred, customer(start), start, brand));
		log.add(event(transferred, start.plusSeconds(10), ContactEventType.ASSIGNED, Actor.system("routing"), brand,
				Map.of("agent", "anna")));
		log.add(event(transferred, start.plusSeconds(40), ContactEventType.TRANSFERRED, agent, brand,
				Map.of("level", "team")));
		log.add(event(transferred, start.plusSeconds(90), ContactEventType.FIRST_AGENT_RESPONSE,
				Actor.agent("bert"), brand, Map.of()));
		UUID closedWithoutReply = UUID.randomUUID();
		log.add(offered(closedWithoutReply, customer(start), start, brand));
		log.add(event(closedWithoutReply, start.plusSeconds(10), ContactEventType.ASSIGNED, Actor.system("routing"),
				brand, Map.of("agent", "anna")));
		log.add(event(closedWithoutReply, start.plusSeconds(30), ContactEventType.RESOLVED, agent, brand,
				Map.of("reason", "thanks", "informational", false, "valence", "satisfier")));
		append(log);
		facts.refresh();

		KpiQuery day = query(start.minus(Duration.ofHours(1)), 1, null, null, brand);
		KpiCalculator.Computation rate = onFacts(KpiCatalogue.TRANSFER_RATE, day);
		assertThat(rate.numerator()).isEqualTo(1);
		assertThat(rate.denominator()).isEqualTo(3);
		assertThat(rate.counted()).extracting(CountedContact::conversationId)
			.containsExactlyInAnyOrder(answered, transferred, closedWithoutReply);
		agree(KpiCatalogue.TRANSFER_RATE, day, Map.of());
		agree(KpiCatalogue.TRANSFER_RATE, day, Map.of("level", "agent"));
	}

	private static ContactEvent event(UUID conversation, Instant at, ContactEventType type, Actor actor, String brand,
			Map<String, Object> attributes) {
		return new ContactEvent(0, null, at, conversation, null, "email", type, actor, brand, null, null, attributes);
	}

	private CustomerId customer(Instant at) {
		return transactions.execute(s -> customers.resolve(new IdentityClaim(
				List.of(Identity.email(unique("cb") + "@example.org")), null, null, at)));
	}

	/** A call answered and resolved in ten minutes; with a callback id, the conversation of that callback. */
	private static List<ContactEvent> resolvedCall(UUID conversation, CustomerId customer, Instant at, String brand,
			UUID callbackId) {
		Actor agent = Actor.agent("anna");
		return List.of(
				new ContactEvent(0, null, at, conversation, customer.value(), "phone", ContactEventType.OFFERED,
						Actor.customer(customer.value().toString()), brand, null, null, Map.of()),
				new ContactEvent(0, null, at, conversation, customer.value(), "phone", ContactEventType.QUEUED,
						Actor.system("routing"), brand, null, "service",
						callbackId == null ? Map.of() : Map.of("callbackId", callbackId.toString())),
				new ContactEvent(0, null, at.plusSeconds(30), conversation, customer.value(), "phone",
						ContactEventType.ASSIGNED, Actor.system("routing"), brand, null, null, Map.of("agent", "anna")),
				new ContactEvent(0, null, at.plusSeconds(600), conversation, customer.value(), "phone",
						ContactEventType.RESOLVED, agent, brand, null, null,
						Map.of("reason", "delivery", "informational", false, "valence", "dissatisfier")));
	}

	@Test
	void aWriterWhoseTransactionStayedOpenHasItsContactsReadAgain() {
		Instant at = Instant.parse("2018-01-08T09:00:00Z").plus(Duration.ofDays(System.nanoTime() % 300));
		long before = events.lastPosition();
		UUID conversation = UUID.randomUUID();
		String brand = brandOfItsOwn();
		append(List.of(new ContactEvent(0, null, at, conversation, UUID.randomUUID(), "email",
				ContactEventType.OFFERED, Actor.system("test"), brand, null, null, Map.of())));
		facts.refresh();
		// as if the watermark had moved past this contact while its transaction was still open
		jdbc.sql("delete from contact_fact where conversation_id = ?").param(conversation).update();
		KpiQuery day = query(at.minus(Duration.ofHours(1)), 1, null, null, brand);
		facts.refresh();
		assertThat(contactsCounted(day)).as("missed: the watermark is past it").isZero();

		facts.rereadFrom(before);
		facts.refresh();
		assertThat(contactsCounted(day)).as("read again from the position before it").isEqualTo(1);
	}

	@Test
	void theOnePassRebuildGivesTheSameFactsAsThePagedCatchUp() {
		HistoryGenerator.defineTeamsAndBrands(teams, brands);
		long seed = UUID.randomUUID().getMostSignificantBits() & 0xfffffff;
		Instant start = Instant.parse("2016-02-01T00:00:00Z").plus(Duration.ofDays(30 * (seed % 40)));
		List<ContactEvent> log = new ArrayList<>();
		new HistoryGenerator(new HistoryGenerator.Size(500, 5, seed, start), log::add).run();
		append(log);
		List<UUID> conversations = log.stream().map(ContactEvent::conversationId).distinct().toList();
		facts.refresh(); // a few thousand events behind: page by page
		List<Map<String, Object>> paged = factRows(conversations);
		List<String> indexes = indexes();
		assertThat(paged).as("a fact row per offered contact").hasSize(500);
		assertThat(paged).as("previous contacts").anyMatch(row -> row.get("previous_any_id") != null);

		assertThat(facts.rebuild()).isGreaterThanOrEqualTo(paged.size());
		assertThat(facts.stale()).as("previous contacts and rollup follow over all history").isNotEmpty();
		facts.refresh();
		assertThat(factRows(conversations)).as("the same rows from the one-pass rebuild").isEqualTo(paged);
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

	/** The fact rows of these conversations, every column (the previous contact included). */
	private List<Map<String, Object>> factRows(List<UUID> conversations) {
		return jdbc.sql("select * from contact_fact where conversation_id in (:ids) order by conversation_id")
			.param("ids", conversations)
			.query()
			.listOfRows();
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
		return onFacts(KpiCatalogue.REPEAT_CONTACT_RATE, query).numerator();
	}

	/** The KPI with its default parameters, counted on the facts with its contacts. */
	private KpiCalculator.Computation onFacts(String name, KpiQuery query) {
		return facts.compute(name, KpiParameters.resolve(engine.definition(name), Map.of()), query, true);
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

	private static ContactEvent offered(UUID conversation, CustomerId customer, Instant at, String brand) {
		return new ContactEvent(0, null, at, conversation, customer.value(), "email", ContactEventType.OFFERED,
				Actor.customer(customer.value().toString()), brand, null, null, Map.of());
	}

	/** Tests that count absolute figures filter on a brand no other test writes, since they share one database. */
	private String brandOfItsOwn() {
		String brand = unique("b");
		brands.define(brand, brand);
		return brand;
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
