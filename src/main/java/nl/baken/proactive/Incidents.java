package nl.baken.proactive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.baken.access.AuditLog;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.customer.Brands;
import nl.baken.customer.CustomerId;
import nl.baken.customer.Customers;
import nl.baken.proactive.incident.IncidentStore;
import nl.baken.proactive.incident.PreventedArithmetic;
import nl.baken.shared.Actor;
import nl.baken.shared.Ids;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import nl.baken.shared.RuleViolationException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Incidents: declared by a person on the desk or the API (or by a preventive rule), updated and ended. Every
 * declaration and update resolves the audience query to customers from the stored business events, keeps them as
 * the affected customers, and sends each of them the status once ({@code incident:<id>:update:<n>}).
 */
@Service
public class Incidents {

	/** The notification template every incident status uses (Dutch and English, per channel). */
	public static final String TEMPLATE = "incident-update";

	/** Customers with business events this long before an incident form the unaffected population. */
	static final Duration POPULATION_LOOK_BACK = Duration.ofDays(30);

	private static final int COMPARABLE_INCIDENTS = 5;

	private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm");

	private final IncidentStore store;

	private final Customers customers;

	private final Brands brands;

	private final ContactEvents contactEvents;

	private final Notifications notifications;

	private final MessageSource texts;

	private final AuditLog audit;

	private final Clock clock;

	Incidents(IncidentStore store, Customers customers, Brands brands, ContactEvents contactEvents,
			Notifications notifications, MessageSource texts, AuditLog audit, Clock clock) {
		this.texts = texts;
		this.store = store;
		this.customers = customers;
		this.brands = brands;
		this.contactEvents = contactEvents;
		this.notifications = notifications;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	public Incident declare(NewIncident given, Actor by) {
		if (given == null) {
			throw new InvalidInputException("incident", "an incident is required");
		}
		if (given.brandId() != null && !given.brandId().isBlank() && !brands.exists(given.brandId())) {
			throw new InvalidInputException("brandId", "unknown brand '" + given.brandId() + "'");
		}
		if (given.kind() == null) {
			throw new InvalidInputException("kind", "kind is required: delivery_delay, outage, recall or other");
		}
		String titleNl = text(given.titleNl(), "titleNl", 200);
		String titleEn = text(given.titleEn(), "titleEn", 200);
		IncidentAudience audience = given.audience();
		if (audience == null || audience.hasNoCriteria()) {
			throw new InvalidInputException("audience",
					"the audience needs order ids, postcode ranges, products, devices or customer segments");
		}
		if (audience.brand() != null && !brands.exists(audience.brand())) {
			throw new InvalidInputException("audience.brand", "unknown brand '" + audience.brand() + "'");
		}
		Instant at = clock.instant();
		UUID id = Ids.next();
		String brand = given.brandId() == null || given.brandId().isBlank() ? null : given.brandId().strip();
		store.insert(new IncidentStore.Head(id, brand, given.kind(), titleNl, titleEn, audience, true, 0, at, null,
				by.label()));
		audit.record(by, "incident.declared", "incident", id.toString(),
				Map.of("kind", given.kind().code(), "brand", String.valueOf(brand), "titleEn", titleEn));
		post(store.forUpdate(id).orElseThrow(), given.statusNl(), given.statusEn(), given.expectedEnd(), audience,
				false, by, at);
		return find(id).orElseThrow();
	}

	/** A new status; the audience is resolved again (new events may have added customers) and everyone hears it. */
	@Transactional
	public Incident update(UUID id, String statusNl, String statusEn, Instant expectedEnd, Actor by) {
		IncidentStore.Head head = openForUpdate(id);
		post(head, statusNl, statusEn, expectedEnd, head.audience(), false, by, clock.instant());
		audit.record(by, "incident.updated", "incident", id.toString(), Map.of("update", head.updates() + 1));
		return find(id).orElseThrow();
	}

	/** The last status (what was done, that it is over), sent like an update; the incident is then closed. */
	@Transactional
	public Incident end(UUID id, String statusNl, String statusEn, Actor by) {
		IncidentStore.Head head = openForUpdate(id);
		post(head, statusNl, statusEn, null, head.audience(), true, by, clock.instant());
		audit.record(by, "incident.ended", "incident", id.toString(), Map.of("update", head.updates() + 1));
		return find(id).orElseThrow();
	}

	public Optional<Incident> find(UUID id) {
		return store.head(id).map(this::incident);
	}

	/** Newest first, open ones before ended ones. */
	public List<Incident> list(boolean openOnly, int limit) {
		return store.list(openOnly, Math.max(1, Math.min(limit, 500))).stream().map(this::incident).toList();
	}

	/** The open incidents this customer (or a customer merged into them) is affected by, newest first. */
	public List<Incident> openFor(CustomerId customer) {
		List<UUID> members = customers.withMerged(customers.canonical(customer)).stream().map(CustomerId::value).toList();
		return store.openFor(members).stream().map(this::find).flatMap(Optional::stream).toList();
	}

	/** The customers an audience query finds now, after merges, without declaring anything. */
	public List<CustomerId> resolve(IncidentAudience audience) {
		Set<CustomerId> found = new LinkedHashSet<>();
		if (audience.hasEventCriteria()) {
			for (UUID stored : store.matching(audience)) {
				found.add(customers.canonical(new CustomerId(stored)));
			}
		}
		if (!audience.segments().isEmpty()) {
			List<CustomerId> inSegments = customers.inSegments(audience.segments());
			if (audience.hasEventCriteria()) {
				found.retainAll(new HashSet<>(inSegments));
			}
			else {
				found.addAll(inSegments);
			}
		}
		if (audience.brand() == null) {
			return List.copyOf(found);
		}
		return found.stream()
			.filter(c -> customers.profile(c).map(p -> p.brands().contains(audience.brand())).orElse(false))
			.toList();
	}

	public List<CustomerId> affected(UUID id) {
		return store.customers(id).stream().map(CustomerId::new).toList();
	}

	public long affectedCount(UUID id) {
		return store.customerCount(id);
	}

	/** Conversations of affected customers linked to the incident while it was open. */
	public long linkedCount(UUID id) {
		return store.linkCount(id);
	}

	/** What happened to this incident's notices so far. */
	public NoticeCounts notices(UUID id) {
		return notifications.counts(Incident.topic(id));
	}

	/** Contacts prevented, as KPI-DEFINITIONS.md defines it, over the incident's window (until now while open). */
	public ContactsPrevented prevented(UUID id) {
		IncidentStore.Head head = store.head(id).orElseThrow(() -> new NotFoundException("Incident", id));
		Instant to = head.endedAt() == null ? clock.instant() : head.endedAt();
		Set<UUID> affected = new HashSet<>(store.customers(id));
		List<ContactEvent> window = contacts(head.startedAt(), to);
		long came = conversationsOf(window, affected);
		List<PreventedArithmetic.Past> past = new ArrayList<>();
		for (IncidentStore.Head earlier : store.comparable(head.kind(), head.brandId(), id, head.startedAt(),
				COMPARABLE_INCIDENTS)) {
			Set<UUID> theirs = new HashSet<>(store.customers(earlier.id()));
			past.add(new PreventedArithmetic.Past(theirs.size(),
					conversationsOf(contacts(earlier.startedAt(), earlier.endedAt()), theirs)));
		}
		Set<UUID> population = new HashSet<>(store.customersWithEvents(head.startedAt().minus(POPULATION_LOOK_BACK), to));
		population.removeAll(affected);
		return PreventedArithmetic.compute(affected.size(), came, past, population.size(),
				conversationsOf(window, population));
	}

	private List<ContactEvent> contacts(Instant from, Instant to) {
		return contactEvents.between(from, to, EnumSet.of(ContactEventType.OFFERED, ContactEventType.MESSAGE_RECEIVED));
	}

	/** Contacts are conversations in which one of these customers reached out in the window. */
	private static long conversationsOf(List<ContactEvent> events, Collection<UUID> customers) {
		return events.stream()
			.filter(e -> e.conversationId() != null && e.customerId() != null && customers.contains(e.customerId()))
			.map(ContactEvent::conversationId)
			.distinct()
			.count();
	}

	private IncidentStore.Head openForUpdate(UUID id) {
		IncidentStore.Head head = store.forUpdate(id).orElseThrow(() -> new NotFoundException("Incident", id));
		if (!head.open()) {
			throw new RuleViolationException("Incident " + id + " has ended; declare a new one");
		}
		return head;
	}

	private void post(IncidentStore.Head head, String statusNl, String statusEn, Instant expectedEnd,
			IncidentAudience audience, boolean ending, Actor by, Instant at) {
		String nl = text(statusNl, "statusNl", 2000);
		String en = text(statusEn, "statusEn", 2000);
		List<CustomerId> now = resolve(audience);
		store.addCustomers(head.id(), now.stream().map(CustomerId::value).toList(), at);
		List<CustomerId> everyone = affected(head.id());
		int seq = head.updates() + 1;
		store.insertUpdate(head.id(), new Incident.Update(seq, nl, en, expectedEnd, at, by.label(), everyone.size()));
		if (ending) {
			store.ended(head.id(), seq, at);
		}
		else {
			store.updated(head.id(), seq, audience);
		}
		if (!everyone.isEmpty()) {
			Map<String, Map<String, String>> values = new LinkedHashMap<>();
			values.put("nl", values(head.titleNl(), nl, ending ? at : expectedEnd, Locale.forLanguageTag("nl")));
			values.put("en", values(head.titleEn(), en, ending ? at : expectedEnd, Locale.ENGLISH));
			notifications.send(new Notice(everyone, TEMPLATE, values, Incident.topic(head.id()),
					Incident.onceKey(head.id(), seq), head.brandId()));
		}
	}

	/** The template's placeholders: title, status and expected end (when it ended, the end; else "not known yet"). */
	private Map<String, String> values(String title, String status, Instant expectedEnd, Locale locale) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("title", title);
		values.put("status", status);
		values.put("expectedEnd", expectedEnd == null ? texts.getMessage("incidents.expectedEnd.unknown", null, locale)
				: when(expectedEnd));
		return values;
	}

	private Incident incident(IncidentStore.Head h) {
		return new Incident(h.id(), h.brandId(), h.kind(), h.titleNl(), h.titleEn(), h.audience(), h.open(),
				h.startedAt(), h.endedAt(), h.createdBy(), store.updates(h.id()));
	}

	private static String text(String value, String field, int max) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException(field, field + " is required");
		}
		if (value.strip().length() > max) {
			throw new InvalidInputException(field, field + " is at most " + max + " characters");
		}
		return value.strip();
	}

	/** An expected end as customers read it, in Dutch time. */
	static String when(Instant at) {
		return WHEN.format(at.atZone(ZONE));
	}
}
