package nl.baken.analytics.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import nl.baken.analytics.CountedContact;
import nl.baken.analytics.KpiDefinition;
import nl.baken.analytics.KpiQuery;
import nl.baken.conversation.ContactEvent;

/**
 * Computes a KPI from events alone, without a database: the same input always gives the same number, which is what
 * lets any definition be recomputed over history and tested on a hand-made log.
 */
final class KpiCalculator {

	/** A KPI's counts and the contacts behind them; {@code value} is null when nothing was counted. */
	record Computation(double numerator, Double denominator, Double value, List<CountedContact> counted) {
	}

	/** The drill-down's note for a callback's own conversation, which is never a repeat (both paths). */
	static final String CALLBACK_WORK = "a callback made as promised, not a repeat";

	private KpiCalculator() {
	}

	/**
	 * @param cohortEvents all events of the contacts that may be in the period (contacts offered in [from, to) count)
	 * @param contextEvents offered/resolved events of the customers' other contacts around the period, for the
	 * repeat KPIs; may overlap with the cohort
	 * @param canonical maps a customer to the customer it was merged into, so a merged customer is one customer
	 * @param asOf now: a contact still waiting is judged against this moment
	 */
	static Computation compute(KpiDefinition definition, Map<String, String> parameters, KpiQuery query,
			List<ContactEvent> cohortEvents, List<ContactEvent> contextEvents, UnaryOperator<UUID> canonical,
			Instant asOf) {
		return compute(definition, parameters, query, cohortEvents, contextEvents, List.of(), canonical, asOf);
	}

	/**
	 * @param sideEvents events that belong to no contact of the cohort: agents' presence changes for occupancy, the
	 * callbacks' events for callback promises
	 */
	static Computation compute(KpiDefinition definition, Map<String, String> parameters, KpiQuery query,
			List<ContactEvent> cohortEvents, List<ContactEvent> contextEvents, List<ContactEvent> sideEvents,
			UnaryOperator<UUID> canonical, Instant asOf) {
		List<ContactFacts> cohort = contacts(cohortEvents).values()
			.stream()
			.filter(c -> c.offeredAt() != null && !c.offeredAt().isBefore(query.from())
					&& c.offeredAt().isBefore(query.to()) && c.matches(query))
			.sorted(Comparator.comparing(ContactFacts::offeredAt).thenComparing(ContactFacts::conversationId))
			.toList();
		Tally tally = new Tally();
		switch (definition.name()) {
			case KpiCatalogue.SERVICE_LEVEL -> serviceLevel(cohort, parameters, asOf, tally);
			case KpiCatalogue.AVERAGE_SPEED_OF_ANSWER -> averageSpeedOfAnswer(cohort, parameters, tally);
			case KpiCatalogue.ABANDONMENT_RATE -> abandonment(cohort, parameters, tally);
			case KpiCatalogue.REPEAT_CONTACT_RATE -> repeats(cohort, customers(cohortEvents, contextEvents, canonical),
					canonical, parameters, tally);
			case KpiCatalogue.FIRST_CONTACT_RESOLUTION -> firstContactResolution(cohort,
					customers(cohortEvents, contextEvents, canonical), canonical, parameters, tally);
			case KpiCatalogue.TRANSFER_RATE -> transfers(cohort, parameters, tally);
			case KpiCatalogue.INFORMATIONAL_SHARE -> informational(cohort, tally);
			case KpiCatalogue.CSAT -> cohort.stream()
				.filter(c -> c.csat() != null)
				.forEach(c -> tally.count(c, c.csat() >= 4, true, "csat " + c.csat()));
			case KpiCatalogue.CES -> cohort.stream()
				.filter(c -> c.ces() != null)
				.forEach(c -> tally.count(c, c.ces(), true, true, "ces " + c.ces()));
			case KpiCatalogue.HANDLE_TIME -> handleTime(cohort, parameters, asOf, tally);
			case KpiCatalogue.OCCUPANCY -> occupancy(contacts(cohortEvents).values(), sideEvents, query, parameters,
					asOf, tally);
			case KpiCatalogue.BOT_CONTAINMENT, KpiCatalogue.BOT_FALSE_CONTAINMENT -> containment(definition.name(),
					cohort, customers(cohortEvents, contextEvents, canonical), canonical, parameters, tally);
			case KpiCatalogue.CALLBACK_PROMISE_KEPT -> callbackPromises(sideEvents, query, asOf, tally);
			case KpiCatalogue.BACKLOG -> {
				backlog(cohort, query.to().isBefore(asOf) ? query.to() : asOf, tally);
				return new Computation(tally.numerator, null, tally.numerator, tally.counted);
			}
			default -> throw new IllegalArgumentException("No computation for " + definition.name());
		}
		Double value = tally.denominator == 0 ? null
				: "percent".equals(definition.unit()) ? 100 * tally.numerator / tally.denominator
						: tally.numerator / tally.denominator;
		return new Computation(tally.numerator, tally.denominator, value, tally.counted);
	}

	private static final class Tally {

		double numerator;

		double denominator;

		final List<CountedContact> counted = new ArrayList<>();

		void count(ContactFacts c, boolean inNumerator, boolean inDenominator, String note) {
			count(c, inNumerator ? 1 : 0, inNumerator, inDenominator, note);
		}

		void count(ContactFacts c, double numeratorWeight, boolean inNumerator, boolean inDenominator, String note) {
			count(c, numeratorWeight, inNumerator, inDenominator, note, null);
		}

		void count(ContactFacts c, double numeratorWeight, boolean inNumerator, boolean inDenominator, String note,
				String agentId) {
			if (!inNumerator && !inDenominator) {
				return;
			}
			numerator += numeratorWeight;
			denominator += inDenominator ? 1 : 0;
			counted.add(new CountedContact(c.conversationId(), c.customerId(), c.channel(), c.brandId(), c.offeredAt(),
					inNumerator, inDenominator, note, agentId));
		}
	}

	/** How a queued contact left the queue, and after how long. */
	private enum Outcome {
		ANSWERED, ABANDONED, FLOW_OUT, WAITING
	}

	private record Wait(Outcome outcome, Duration duration) {

		boolean within(long seconds) {
			return duration.compareTo(Duration.ofSeconds(seconds)) <= 0;
		}

		/** Short abandons: hanging up within S seconds; S = 0 switches them off. */
		boolean shortAbandon(long s) {
			return outcome == Outcome.ABANDONED && s > 0 && within(s);
		}

		String note() {
			return outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " after "
					+ duration.toMillis() / 1000.0 + " s";
		}
	}

	private static Wait waitOf(ContactFacts c, boolean includeIvr, Instant asOf) {
		Instant start = c.waitStart(includeIvr);
		if (c.answeredAt() != null) {
			return new Wait(Outcome.ANSWERED, Duration.between(start, c.answeredAt()));
		}
		if (c.abandonedAt() != null) {
			return new Wait(Outcome.ABANDONED, Duration.between(start, c.abandonedAt()));
		}
		if (c.flowOutAt() != null) {
			return new Wait(Outcome.FLOW_OUT, Duration.between(start, c.flowOutAt()));
		}
		return new Wait(Outcome.WAITING, Duration.between(start, asOf));
	}

	/** Offered to the queue: the IVR only moves where the clock starts, a call that ended in it never queued. */
	private static boolean queued(ContactFacts c) {
		return c.queuedAt() != null;
	}

	private static void serviceLevel(List<ContactFacts> cohort, Map<String, String> p, Instant asOf, Tally tally) {
		long t = Long.parseLong(p.get("thresholdSeconds"));
		long s = Long.parseLong(p.get("shortAbandonSeconds"));
		String abandons = p.get("abandons");
		boolean ivr = Boolean.parseBoolean(p.get("includeIvr"));
		boolean flowOuts = Boolean.parseBoolean(p.get("includeFlowOuts"));
		for (ContactFacts c : cohort) {
			if (!queued(c)) {
				continue;
			}
			Wait w = waitOf(c, ivr, asOf);
			if (w.outcome() == Outcome.FLOW_OUT && !flowOuts || w.outcome() == Outcome.WAITING && w.within(t)) {
				continue; // outside the service level, or not decided yet
			}
			boolean answeredInTime = w.outcome() == Outcome.ANSWERED && w.within(t);
			boolean abandonedInTime = w.outcome() == Outcome.ABANDONED && w.within(t);
			boolean shortAbandon = w.shortAbandon(s);
			boolean inNumerator;
			boolean inDenominator;
			switch (abandons) {
				case "ignore" -> {
					inNumerator = answeredInTime;
					inDenominator = !abandonedInTime;
				}
				case "positive" -> {
					inNumerator = answeredInTime || abandonedInTime && !shortAbandon;
					inDenominator = !shortAbandon;
				}
				case "answeredOnly" -> {
					inNumerator = answeredInTime;
					inDenominator = w.outcome() == Outcome.ANSWERED;
				}
				default -> {
					inNumerator = answeredInTime;
					inDenominator = !shortAbandon;
				}
			}
			tally.count(c, inNumerator, inDenominator, w.note());
		}
	}

	private static void averageSpeedOfAnswer(List<ContactFacts> cohort, Map<String, String> p, Tally tally) {
		boolean ivr = Boolean.parseBoolean(p.get("includeIvr"));
		for (ContactFacts c : cohort) {
			if (queued(c) && c.answeredAt() != null) {
				Duration wait = Duration.between(c.waitStart(ivr), c.answeredAt());
				tally.count(c, wait.toMillis() / 1000.0, true, true, "answered after " + wait.toMillis() / 1000.0 + " s");
			}
		}
	}

	private static void abandonment(List<ContactFacts> cohort, Map<String, String> p, Tally tally) {
		long s = Long.parseLong(p.get("shortAbandonSeconds"));
		boolean ivr = Boolean.parseBoolean(p.get("includeIvr"));
		boolean flowOuts = Boolean.parseBoolean(p.get("includeFlowOuts"));
		for (ContactFacts c : cohort) {
			if (!queued(c)) {
				continue;
			}
			// the outcome does not depend on now here: a contact still waiting is offered and not (yet) abandoned
			Wait w = waitOf(c, ivr, c.waitStart(ivr));
			if (w.outcome() == Outcome.FLOW_OUT && !flowOuts || w.shortAbandon(s)) {
				continue;
			}
			tally.count(c, w.outcome() == Outcome.ABANDONED, true, w.note());
		}
	}

	/**
	 * Every contact of every customer seen, by canonical customer, oldest first; contacts offered at the same instant
	 * in the order of their ids, as the facts order them (a UUID's text sorts as the database sorts it).
	 */
	private static Map<UUID, List<ContactFacts>> customers(List<ContactEvent> cohortEvents,
			List<ContactEvent> contextEvents, UnaryOperator<UUID> canonical) {
		Map<UUID, ContactFacts> all = new HashMap<>(contacts(contextEvents));
		all.putAll(contacts(cohortEvents)); // the cohort's facts are complete
		return all.values()
			.stream()
			.filter(c -> c.offeredAt() != null && c.customerId() != null)
			.sorted(Comparator.comparing(ContactFacts::offeredAt).thenComparing(c -> c.conversationId().toString()))
			.collect(Collectors.groupingBy(c -> canonical.apply(c.customerId())));
	}

	private static boolean sameMatter(ContactFacts a, ContactFacts b, boolean sameReason) {
		return !sameReason || a.reason() != null && a.reason().equals(b.reason());
	}

	private static void repeats(List<ContactFacts> cohort, Map<UUID, List<ContactFacts>> byCustomer,
			UnaryOperator<UUID> canonical, Map<String, String> p, Tally tally) {
		Duration window = Duration.ofDays(Long.parseLong(p.get("windowDays")));
		boolean sameReason = Boolean.parseBoolean(p.get("sameReason"));
		for (ContactFacts c : cohort) {
			if (c.callbackWork()) {
				tally.count(c, false, true, CALLBACK_WORK);
				continue;
			}
			ContactFacts earlier = byCustomer.getOrDefault(canonical.apply(c.customerId()), List.of())
				.stream()
				.filter(d -> !d.conversationId().equals(c.conversationId()) && d.offeredAt().isBefore(c.offeredAt())
						&& !d.offeredAt().isBefore(c.offeredAt().minus(window)) && sameMatter(c, d, sameReason))
				.reduce((first, second) -> second)
				.orElse(null);
			tally.count(c, earlier != null, true, earlier == null ? "first contact in the window"
					: "repeat of " + earlier.conversationId() + " (" + earlier.channel() + ")");
		}
	}

	private static void firstContactResolution(List<ContactFacts> cohort, Map<UUID, List<ContactFacts>> byCustomer,
			UnaryOperator<UUID> canonical, Map<String, String> p, Tally tally) {
		Duration window = Duration.ofDays(Long.parseLong(p.get("windowDays")));
		boolean sameReason = Boolean.parseBoolean(p.get("sameReason"));
		for (ContactFacts c : cohort) {
			if (c.resolvedAt() == null) {
				continue;
			}
			Instant until = c.resolvedAt().plus(window);
			ContactFacts later = byCustomer.getOrDefault(canonical.apply(c.customerId()), List.of())
				.stream()
				.filter(d -> !d.conversationId().equals(c.conversationId()) && !d.callbackWork()
						&& d.offeredAt().isAfter(c.offeredAt()) && !d.offeredAt().isAfter(until)
						&& sameMatter(c, d, sameReason))
				.findFirst()
				.orElse(null);
			String note = c.reopened() ? "reopened"
					: later == null ? "resolved, no new contact" : "followed by " + later.conversationId();
			tally.count(c, !c.reopened() && later == null, true, note);
		}
	}

	private static void transfers(List<ContactFacts> cohort, Map<String, String> p, Tally tally) {
		boolean teamLevel = "team".equals(p.get("level"));
		for (ContactFacts c : cohort) {
			if (!c.handled()) {
				continue;
			}
			boolean transferred = teamLevel ? c.transferLevels().contains("team") : !c.transferLevels().isEmpty();
			tally.count(c, transferred, true, transferred ? "transferred" : "handled without transfer");
		}
	}

	private static void informational(List<ContactFacts> cohort, Tally tally) {
		for (ContactFacts c : cohort) {
			if (c.informational() != null) {
				tally.count(c, c.informational(), true, "reason " + c.reason());
			}
		}
	}

	private static double seconds(Duration d) {
		return d.toMillis() / 1000.0;
	}

	/** Mean handling seconds of the resolved contacts agents handled. */
	private static void handleTime(List<ContactFacts> cohort, Map<String, String> p, Instant asOf, Tally tally) {
		boolean excludeWait = Boolean.parseBoolean(p.get("excludeCustomerWait"));
		for (ContactFacts c : cohort) {
			if (c.resolvedAt() == null) {
				continue;
			}
			List<Handling.Busy> busy = Handling.busy(c.channel(), c.events(), excludeWait, asOf);
			if (busy.isEmpty()) {
				continue;
			}
			double handled = busy.stream().mapToDouble(b -> seconds(b.duration())).sum();
			tally.count(c, handled, true, true, "handled " + handled + " s", busy.getLast().agentId());
		}
	}

	/**
	 * Per agent the time handling at least one contact while available, over the time available, both within the
	 * period (up to now). Channel, brand and queue narrow the contacts whose handling counts; the team narrows the
	 * agents.
	 */
	private static void occupancy(java.util.Collection<ContactFacts> contacts, List<ContactEvent> presenceEvents,
			KpiQuery query, Map<String, String> p, Instant asOf, Tally tally) {
		Instant to = query.to().isBefore(asOf) ? query.to() : asOf;
		if (!to.isAfter(query.from())) {
			return;
		}
		Map<String, List<Handling.Busy>> available = Availability.of(presenceEvents, query.teamId(), query.from(), to);
		KpiQuery contactFilter = new KpiQuery(query.from(), query.to(), query.channel(), null, query.queue(),
				query.brandId(), Map.of());
		Map<String, List<Handling.Busy>> busyByAgent = new HashMap<>();
		List<ContactFacts> sorted = contacts.stream()
			.filter(c -> c.matches(contactFilter))
			.sorted(Comparator.comparing(ContactFacts::firstEventAt).thenComparing(ContactFacts::conversationId))
			.toList();
		for (ContactFacts c : sorted) {
			Map<String, List<Handling.Busy>> byAgent = new java.util.TreeMap<>();
			for (Handling.Busy b : Handling.busy(c.channel(), c.events(), true, to)) {
				List<Handling.Busy> agentAvailable = b.agentId() == null ? null : available.get(b.agentId());
				if (agentAvailable != null) {
					byAgent.computeIfAbsent(b.agentId(), a -> new ArrayList<>())
						.addAll(Handling.intersect(List.of(b), agentAvailable));
				}
			}
			byAgent.forEach((agent, counted) -> {
				Duration inPeriod = Handling.union(counted, query.from(), to);
				if (!inPeriod.isZero()) {
					busyByAgent.computeIfAbsent(agent, a -> new ArrayList<>()).addAll(counted);
					tally.counted.add(new CountedContact(c.conversationId(), c.customerId(), c.channel(), c.brandId(),
							c.offeredAt(), true, false, "handled " + seconds(inPeriod) + " s while available", agent));
				}
			});
		}
		available.forEach((agent, intervals) -> {
			if (intervals.isEmpty()) {
				return;
			}
			double availableSeconds = seconds(Handling.union(intervals, query.from(), to));
			double busySeconds = seconds(
					Handling.union(busyByAgent.getOrDefault(agent, List.of()), query.from(), to));
			tally.numerator += busySeconds;
			tally.denominator += availableSeconds;
			tally.counted.add(new CountedContact(null, null, null, null, intervals.getFirst().start(), busySeconds > 0,
					true, "busy " + busySeconds + " s of " + availableSeconds + " s available", agent));
		});
	}

	private static void containment(String name, List<ContactFacts> cohort, Map<UUID, List<ContactFacts>> byCustomer,
			UnaryOperator<UUID> canonical, Map<String, String> p, Tally tally) {
		Duration window = Duration.ofHours(Long.parseLong(p.get("windowHours")));
		boolean sameReason = Boolean.parseBoolean(p.get("sameReason"));
		BotSessions.Outcome counted = KpiCatalogue.BOT_CONTAINMENT.equals(name) ? BotSessions.Outcome.CONTAINED
				: BotSessions.Outcome.FALSELY_CONTAINED;
		for (ContactFacts c : cohort) {
			if (!BotSessions.isBotConversation(c)) {
				continue;
			}
			List<ContactFacts> later = byCustomer.getOrDefault(canonical.apply(c.customerId()), List.of())
				.stream()
				.filter(d -> sameMatter(c, d, sameReason))
				.toList();
			BotSessions.Outcome outcome = BotSessions.outcome(c, later, window);
			if (outcome == BotSessions.Outcome.OPEN) {
				continue; // not ended yet: neither contained nor handed off
			}
			tally.count(c, outcome == counted, true, outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
		}
	}

	private static void callbackPromises(List<ContactEvent> callbackEvents, KpiQuery query, Instant asOf,
			Tally tally) {
		for (CallbackPromises.Callback cb : CallbackPromises.of(callbackEvents)) {
			if (cb.requestedAt().isBefore(query.from()) || !cb.requestedAt().isBefore(query.to())
					|| !cb.matches(query)) {
				continue;
			}
			CallbackPromises.Promise promise = cb.promise(asOf);
			if (promise == CallbackPromises.Promise.OPEN || promise == CallbackPromises.Promise.LINKED
					|| promise == CallbackPromises.Promise.CANCELLED) {
				continue;
			}
			String note = "callback " + cb.callbackId() + " " + promise.name().toLowerCase(java.util.Locale.ROOT)
					+ (cb.connectedAt() != null ? ", connected " + cb.connectedAt()
							: cb.endedAt() != null ? ", ended " + cb.endedAt() + " without connecting"
									: ", not connected")
					+ ", promised " + cb.promisedFrom() + " to " + cb.promisedTo();
			boolean kept = promise == CallbackPromises.Promise.KEPT;
			tally.numerator += kept ? 1 : 0;
			tally.denominator += 1;
			tally.counted.add(new CountedContact(cb.conversationId(), cb.customerId(), Handling.PHONE, cb.brandId(),
					cb.requestedAt(), kept, true, note, null));
		}
	}

	private static void backlog(List<ContactFacts> cohort, Instant at, Tally tally) {
		for (ContactFacts c : cohort) {
			if (c.offeredAt().isBefore(at) && c.openAndUnassignedAt(at)) {
				tally.count(c, true, false, "open without an agent");
			}
		}
	}

	/** Facts per conversation; events without a conversation (such as a notification) are no contact. */
	static Map<UUID, ContactFacts> contacts(List<ContactEvent> events) {
		Map<UUID, List<ContactEvent>> byConversation = new LinkedHashMap<>();
		for (ContactEvent e : events) {
			if (e.conversationId() != null) {
				byConversation.computeIfAbsent(e.conversationId(), id -> new ArrayList<>()).add(e);
			}
		}
		Map<UUID, ContactFacts> facts = new HashMap<>();
		byConversation.forEach((id, list) -> facts.put(id, ContactFacts.of(list)));
		facts.values().removeIf(Objects::isNull);
		return facts;
	}
}
