package nl.baken.proactive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import nl.baken.customer.CustomerId;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.proactive.BusinessEvent.EventSubject;
import nl.baken.proactive.intake.BusinessEventStore;
import nl.baken.proactive.intake.EventSchema;
import nl.baken.shared.Ids;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.RuleViolationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores business events once per sender's id and publishes {@link BusinessEventReceived} in the storing
 * transaction. The same id with the same content is answered as before and not published again; the same id with
 * other content is refused. Callers get the receipt only after commit.
 */
@Service
public class EventIntake {

	/** At most this many events in one batch: one transaction, one answer. */
	public static final int MAX_BATCH = 500;

	private final BusinessEventStore store;

	private final Customers customers;

	private final ApplicationEventPublisher publisher;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final Clock clock;

	private final String externalSystem;

	EventIntake(BusinessEventStore store, Customers customers, ApplicationEventPublisher publisher,
			PlatformTransactionManager transactionManager, JsonMapper json, Clock clock,
			@Value("${baken.proactive.intake.external-system:shop}") String externalSystem) {
		this.store = store;
		this.customers = customers;
		this.publisher = publisher;
		this.transactions = new TransactionTemplate(transactionManager);
		this.json = json;
		this.clock = clock;
		this.externalSystem = externalSystem;
	}

	/** What the sender gets back; the same for a retry of the same event. */
	public record Receipt(UUID storedId, String eventId, String type, UUID customerId, Instant receivedAt,
			boolean duplicate) {
	}

	/** Whether any business event was ever stored (the demo seeds its events only into an empty intake). */
	public boolean anyStored() {
		return store.any();
	}

	public Receipt receive(BusinessEvent event) {
		return receiveAll(List.of(event), false).getFirst();
	}

	/** All events of a batch are stored in one transaction, or none when one of them is refused. */
	public List<Receipt> receiveAll(List<BusinessEvent> events) {
		return receiveAll(events, true);
	}

	private List<Receipt> receiveAll(List<BusinessEvent> events, boolean batch) {
		if (events == null || events.isEmpty()) {
			throw new InvalidInputException("events", "events must hold at least one event");
		}
		if (events.size() > MAX_BATCH) {
			throw new InvalidInputException("events", "at most " + MAX_BATCH + " events per batch");
		}
		List<Checked> checked = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			String prefix = batch ? "events[" + i + "]." : "";
			BusinessEvent event = events.get(i);
			BusinessEventType type = EventSchema.check(event, prefix);
			String content = canonical(event);
			checked.add(new Checked(event, type, content, sha256(content), prefix));
		}
		try {
			return store(checked);
		}
		catch (DuplicateKeyException raced) {
			// another request stored one of these ids between our look-up and insert: now the look-up finds it
			return store(checked);
		}
	}

	private record Checked(BusinessEvent event, BusinessEventType type, String content, String hash, String prefix) {
	}

	private List<Receipt> store(List<Checked> checked) {
		return transactions.execute(status -> {
			List<Receipt> receipts = new ArrayList<>();
			Map<String, Receipt> inThisBatch = new LinkedHashMap<>();
			Map<String, String> hashes = new LinkedHashMap<>();
			for (Checked c : checked) {
				String id = c.event().id();
				if (inThisBatch.containsKey(id)) {
					if (!hashes.get(id).equals(c.hash())) {
						throw new RuleViolationException("Event id '" + id + "' appears twice in the batch with "
								+ "different content");
					}
					receipts.add(asDuplicate(inThisBatch.get(id)));
					continue;
				}
				Optional<BusinessEventStore.Stored> earlier = store.byEventId(id);
				Receipt receipt;
				if (earlier.isPresent()) {
					if (!earlier.get().contentHash().equals(c.hash())) {
						throw new RuleViolationException("Event id '" + id
								+ "' was received before with different content; send a new id for a new event");
					}
					BusinessEventStore.Stored s = earlier.get();
					receipt = new Receipt(s.id(), s.eventId(), s.type(), s.customerId(), s.receivedAt(), true);
				}
				else {
					receipt = insert(c);
				}
				inThisBatch.put(id, receipt);
				hashes.put(id, c.hash());
				receipts.add(receipt);
			}
			return receipts;
		});
	}

	private static Receipt asDuplicate(Receipt r) {
		return new Receipt(r.storedId(), r.eventId(), r.type(), r.customerId(), r.receivedAt(), true);
	}

	private Receipt insert(Checked c) {
		// as the database keeps it, so a retry is answered with the very same time
		Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		EventSubject subject = c.event().subject();
		CustomerId customer = match(subject, c.prefix()).orElse(null);
		UUID storedId = Ids.next();
		store.insert(new BusinessEventStore.Row(storedId, c.event().id(), c.type().code(), c.event().occurredAt(),
				receivedAt, customer == null ? null : customer.value(), blankToNull(subject.orderId()),
				blankToNull(subject.parcelId()), blankToNull(subject.deviceId()),
				EventSchema.normalisedPostcode(subject.postcode()), EventSchema.area(subject.postcode()),
				blankToNull(subject.product()), c.content(), c.hash()));
		publisher.publishEvent(new BusinessEventReceived(storedId, c.event(), customer, receivedAt));
		return new Receipt(storedId, c.event().id(), c.type().code(), customer == null ? null : customer.value(),
				receivedAt, false);
	}

	/** The customer behind the subject: by e-mail, then phone, then the sending system's customer id. */
	private Optional<CustomerId> match(EventSubject subject, String prefix) {
		List<Identity> identities = new ArrayList<>();
		if (subject.customerEmail() != null && !subject.customerEmail().isBlank()) {
			identities.add(identity(() -> Identity.email(subject.customerEmail()), prefix + "subject.customerEmail"));
		}
		if (subject.customerPhone() != null && !subject.customerPhone().isBlank()) {
			identities.add(identity(() -> Identity.phone(subject.customerPhone()), prefix + "subject.customerPhone"));
		}
		if (subject.customerExternalId() != null && !subject.customerExternalId().isBlank()) {
			identities.add(identity(() -> Identity.external(externalSystem, subject.customerExternalId()),
					prefix + "subject.customerExternalId"));
		}
		return identities.stream().map(customers::findByIdentity).flatMap(Optional::stream).findFirst();
	}

	private static Identity identity(java.util.function.Supplier<Identity> parse, String field) {
		try {
			return parse.get();
		}
		catch (InvalidInputException e) {
			throw new InvalidInputException(field, e.getMessage());
		}
	}

	/** The event in one spelling: keys sorted, time as UTC instant, empty subject fields left out. */
	private String canonical(BusinessEvent event) {
		Map<String, Object> root = new TreeMap<>();
		root.put("id", event.id());
		root.put("type", event.type());
		root.put("occurredAt", event.occurredAt().toString());
		Map<String, Object> subject = new TreeMap<>();
		EventSubject s = event.subject();
		putFilled(subject, "customerEmail", s.customerEmail());
		putFilled(subject, "customerPhone", s.customerPhone());
		putFilled(subject, "customerExternalId", s.customerExternalId());
		putFilled(subject, "orderId", s.orderId());
		putFilled(subject, "parcelId", s.parcelId());
		putFilled(subject, "deviceId", s.deviceId());
		putFilled(subject, "postcode", s.postcode());
		putFilled(subject, "product", s.product());
		root.put("subject", subject);
		root.put("data", sorted(event.data() == null ? Map.of() : event.data()));
		String content = json.writeValueAsString(root);
		if (content.length() > 100_000) {
			throw new InvalidInputException("data", "an event is at most 100,000 characters of JSON");
		}
		return content;
	}

	private static Object sorted(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new TreeMap<>();
			map.forEach((k, v) -> copy.put(String.valueOf(k), sorted(v)));
			return copy;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(EventIntake::sorted).toList();
		}
		return value;
	}

	private static void putFilled(Map<String, Object> map, String key, String value) {
		if (value != null && !value.isBlank()) {
			map.put(key, value);
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static String sha256(String content) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
