package nl.baken.analytics.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import nl.baken.access.Teams;
import nl.baken.analytics.CountedContact;
import nl.baken.analytics.KpiDefinition;
import nl.baken.analytics.KpiQuery;
import nl.baken.analytics.KpiResult;
import nl.baken.analytics.UnnecessaryContacts;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.customer.Brands;
import nl.baken.customer.Customers;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * Reads the part of the event log a KPI needs (through the conversation module's API) and hands it to the
 * calculator: the contacts offered in the period with their whole history, and for the repeat KPIs the customers'
 * other contacts within the window around it.
 */
@Service
public class KpiEngine {

	/** Keeps the IN list of one query well below what either database accepts. */
	private static final int CHUNK = 500;

	private static final Duration MAX_PERIOD = Duration.ofDays(400);

	private static final Duration HANDLING_LOOK_BACK = Duration.ofDays(1);

	/** An agent's state at the start of the period is read from a change this long before it at most. */
	private static final Duration PRESENCE_LOOK_BACK = Duration.ofDays(7);

	/** Callbacks are offered up to 14 days ahead; their attempts are read that far past the period. */
	private static final Duration CALLBACK_LOOK_AHEAD = Duration.ofDays(15);

	private static final List<ContactEventType> HANDLING = List.of(ContactEventType.ASSIGNED,
			ContactEventType.FIRST_AGENT_RESPONSE, ContactEventType.MESSAGE_RECEIVED, ContactEventType.MESSAGE_SENT,
			ContactEventType.TRANSFERRED, ContactEventType.RESOLVED, ContactEventType.WRAP_UP_ENDED);

	private final ContactEvents events;

	private final Customers customers;

	private final Teams teams;

	private final Brands brands;

	private final Clock clock;

	private final ContactFactTable facts;

	private final ContactFactRollup rollup;

	KpiEngine(ContactEvents events, Customers customers, Teams teams, Brands brands, Clock clock,
			ContactFactTable facts, ContactFactRollup rollup) {
		this.events = events;
		this.facts = facts;
		this.rollup = rollup;
		this.customers = customers;
		this.teams = teams;
		this.brands = brands;
		this.clock = clock;
	}

	public record Computed(KpiResult result, List<CountedContact> counted) {
	}

	public List<KpiDefinition> definitions() {
		return KpiCatalogue.all();
	}

	public KpiDefinition definition(String name) {
		return KpiCatalogue.find(name).orElseThrow(() -> new NotFoundException("KPI", name));
	}

	/** The KPI with the contacts it counted. */
	public Computed compute(String name, KpiQuery query) {
		return compute(name, query, true);
	}

	/**
	 * The KPI; the unnecessary-contact KPIs come from the per-contact facts when those are current for their
	 * definition, otherwise from the log. {@code withContacts} false leaves the counted contacts out where that saves
	 * reading them; then a period of whole days with the default parameters is counted on the per-day rollup.
	 */
	public Computed compute(String name, KpiQuery query, boolean withContacts) {
		KpiDefinition definition = definition(name);
		Map<String, String> parameters = KpiParameters.resolve(definition, query.parameters());
		check(query);
		if (ContactFactTable.KPIS.contains(name) && facts.ready()) {
			boolean byDay = !withContacts && ContactFactRollup.onDays(query.from(), query.to())
					&& ContactFactRollup.defaults(name, parameters);
			return result(definition, parameters, query, clock.instant(), byDay ? rollup.compute(name, query)
					: facts.compute(name, parameters, query, withContacts));
		}
		return fromLog(definition, parameters, query);
	}

	/**
	 * The unnecessary-contact view over the weeks between {@code bounds} (their starts and the end of the last), with
	 * each definition's default parameters; empty while the per-contact facts are not current. Weeks of whole days
	 * are counted on the per-day rollup, others on the facts.
	 */
	public Optional<UnnecessaryContacts> unnecessaryContacts(KpiQuery filters, List<Instant> bounds) {
		KpiQuery period = new KpiQuery(bounds.getFirst(), bounds.getLast(), filters.channel(), filters.teamId(),
				filters.queue(), filters.brandId(), Map.of());
		check(period);
		if (!facts.ready()) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		Map<String, Map<String, String>> parameters = new LinkedHashMap<>();
		for (String name : List.of(KpiCatalogue.REPEAT_CONTACT_RATE, KpiCatalogue.TRANSFER_RATE,
				KpiCatalogue.INFORMATIONAL_SHARE)) {
			parameters.put(name, KpiParameters.resolve(definition(name), Map.of()));
		}
		if (bounds.stream().allMatch(b -> ContactFactRollup.onDays(b, b))) {
			// whole days: weeks, reasons and totals from one pass over the rollup
			ContactFactRollup.Summary summary = rollup.summary(period, bounds);
			long[] t = summary.totals();
			List<KpiResult> totals = List.of(
					total(KpiCatalogue.REPEAT_CONTACT_RATE, parameters, period, now, t[1], t[0]),
					total(KpiCatalogue.TRANSFER_RATE, parameters, period, now, t[3], t[2]),
					total(KpiCatalogue.INFORMATIONAL_SHARE, parameters, period, now, t[5], t[4]));
			return Optional.of(new UnnecessaryContacts(weeks(summary.weeks(), bounds), summary.reasons(), totals));
		}
		List<KpiResult> totals = parameters.entrySet()
			.stream()
			.map(e -> result(definition(e.getKey()), e.getValue(), period, now,
					facts.compute(e.getKey(), e.getValue(), period, false)).result())
			.toList();
		return Optional.of(new UnnecessaryContacts(weeks(facts.weekly(period, bounds, parameters), bounds),
				facts.reasons(period, parameters), totals));
	}

	private KpiResult total(String name, Map<String, Map<String, String>> parameters, KpiQuery period, Instant now,
			long numerator, long denominator) {
		Double value = denominator == 0 ? null : 100.0 * numerator / denominator;
		return result(definition(name), parameters.get(name), period, now,
				new KpiCalculator.Computation(numerator, (double) denominator, value, List.of())).result();
	}

	private static List<UnnecessaryContacts.Week> weeks(List<long[]> rows, List<Instant> bounds) {
		List<UnnecessaryContacts.Week> weeks = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			long[] r = rows.get(i);
			weeks.add(new UnnecessaryContacts.Week(bounds.get(i), bounds.get(i + 1), r[0], r[1], r[2], r[3], r[4],
					r[5]));
		}
		return weeks;
	}

	/** Always from the event log, never from the facts. */
	Computed fromLog(KpiDefinition definition, Map<String, String> parameters, KpiQuery query) {
		String name = definition.name();
		Instant now = clock.instant();
		List<ContactEvent> cohort = List.of();
		List<ContactEvent> side = List.of();
		switch (name) {
			case KpiCatalogue.OCCUPANCY -> {
				// handling that began up to a day before the period can still run into it
				cohort = ofConversations(events.between(query.from().minus(HANDLING_LOOK_BACK), query.to(), HANDLING));
				side = events.between(query.from().minus(PRESENCE_LOOK_BACK), query.to(),
						List.of(ContactEventType.PRESENCE_CHANGED));
			}
			case KpiCatalogue.CALLBACK_PROMISE_KEPT -> {
				Instant until = query.to().plus(CALLBACK_LOOK_AHEAD);
				side = events.between(query.from(), until.isBefore(now) ? until : now.plusMillis(1),
						CallbackPromises.TYPES);
			}
			default -> cohort = ofConversations(
					events.between(query.from(), query.to(), List.of(ContactEventType.OFFERED)));
		}
		List<ContactEvent> context = List.of();
		Duration window = parameters.containsKey("windowDays")
				? Duration.ofDays(Long.parseLong(parameters.get("windowDays")))
				: parameters.containsKey("windowHours") ? Duration.ofHours(Long.parseLong(parameters.get("windowHours")))
						: null;
		if (window != null) {
			// a contact resolved late can still be followed by a repeat until W after its resolution
			Instant lastResolved = cohort.stream()
				.filter(e -> e.type() == ContactEventType.RESOLVED)
				.map(ContactEvent::occurredAt)
				.max(Instant::compareTo)
				.filter(at -> at.isAfter(query.to()))
				.orElse(query.to());
			context = events.between(query.from().minus(window), lastResolved.plus(window).plusMillis(1),
					List.of(ContactEventType.OFFERED, ContactEventType.RESOLVED));
		}
		// every merge in one query, rather than one query per customer
		Map<UUID, UUID> merged = window == null ? Map.of() : customers.canonicalOfMerged();
		KpiCalculator.Computation computation = KpiCalculator.compute(definition, parameters, query, cohort, context, side,
				customer -> customer == null ? null : merged.getOrDefault(customer, customer), now);
		return result(definition, parameters, query, now, computation);
	}

	private static Computed result(KpiDefinition definition, Map<String, String> parameters, KpiQuery query,
			Instant now, KpiCalculator.Computation computation) {
		KpiResult result = new KpiResult(definition.identity(parameters), computation.value(),
				computation.numerator(), computation.denominator(), definition.unit(), query.from(), query.to(), now,
				parameters, definition);
		return new Computed(result, computation.counted());
	}

	/** All events of the conversations the given events belong to. */
	private List<ContactEvent> ofConversations(List<ContactEvent> found) {
		List<UUID> ids = found.stream().map(ContactEvent::conversationId).filter(id -> id != null).distinct().toList();
		List<ContactEvent> all = new ArrayList<>();
		for (int i = 0; i < ids.size(); i += CHUNK) {
			all.addAll(events.ofConversations(ids.subList(i, Math.min(ids.size(), i + CHUNK))));
		}
		return all;
	}

	private void check(KpiQuery query) {
		if (!query.from().isBefore(query.to())) {
			throw new InvalidInputException("from", "from must be before to");
		}
		if (Duration.between(query.from(), query.to()).compareTo(MAX_PERIOD) > 0) {
			throw new InvalidInputException("from", "a period is at most " + MAX_PERIOD.toDays() + " days");
		}
		if (query.teamId() != null && !teams.exists(query.teamId())) {
			throw new InvalidInputException("teamId", "unknown team '" + query.teamId() + "'");
		}
		if (query.brandId() != null && !brands.exists(query.brandId())) {
			throw new InvalidInputException("brandId", "unknown brand '" + query.brandId() + "'");
		}
	}
}
