package nl.baken.analytics.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.access.Teams;
import nl.baken.analytics.CountedContact;
import nl.baken.analytics.KpiDefinition;
import nl.baken.analytics.KpiQuery;
import nl.baken.analytics.KpiResult;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.customer.Brands;
import nl.baken.customer.CustomerId;
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

	private final ContactEvents events;

	private final Customers customers;

	private final Teams teams;

	private final Brands brands;

	private final Clock clock;

	KpiEngine(ContactEvents events, Customers customers, Teams teams, Brands brands, Clock clock) {
		this.events = events;
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

	public Computed compute(String name, KpiQuery query) {
		KpiDefinition definition = definition(name);
		Map<String, String> parameters = KpiParameters.resolve(definition, query.parameters());
		check(query);
		Instant now = clock.instant();
		List<UUID> offered = events.between(query.from(), query.to(), List.of(ContactEventType.OFFERED))
			.stream()
			.map(ContactEvent::conversationId)
			.distinct()
			.toList();
		List<ContactEvent> cohort = new ArrayList<>();
		for (int i = 0; i < offered.size(); i += CHUNK) {
			cohort.addAll(events.ofConversations(offered.subList(i, Math.min(offered.size(), i + CHUNK))));
		}
		List<ContactEvent> context = List.of();
		if (parameters.containsKey("windowDays")) {
			Duration window = Duration.ofDays(Long.parseLong(parameters.get("windowDays")));
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
		Map<UUID, UUID> canonical = new HashMap<>();
		KpiCalculator.Computation computation = KpiCalculator.compute(definition, parameters, query, cohort, context,
				customer -> canonical.computeIfAbsent(customer, id -> customers.canonical(new CustomerId(id)).value()),
				now);
		KpiResult result = new KpiResult(definition.identity(parameters), computation.value(),
				computation.numerator(), computation.denominator(), definition.unit(), query.from(), query.to(), now,
				parameters, definition);
		return new Computed(result, computation.counted());
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
