package nl.baken.proactive.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import nl.baken.proactive.BusinessEvent;
import nl.baken.proactive.BusinessEvent.EventSubject;
import nl.baken.proactive.BusinessEventType;
import nl.baken.shared.InvalidInputException;

/**
 * What each kind of business event must carry: the subject fields that say what it is about and the data fields
 * with their kind. Fields beyond these are kept but not checked, so a sender may add its own.
 */
public final class EventSchema {

	/** A subject requirement; {@code CUSTOMER} is met by any of e-mail, phone or external id. */
	public enum Subject {

		CUSTOMER("customerEmail"), ORDER("orderId"), PARCEL("parcelId"), DEVICE("deviceId"), POSTCODE("postcode"),
		PRODUCT("product");

		private final String field;

		Subject(String field) {
			this.field = field;
		}

		public String field() {
			return field;
		}
	}

	public enum Kind {
		TEXT, NUMBER, TIME
	}

	public record Field(String name, Kind kind) {
	}

	public record Schema(Set<Subject> subject, List<Field> data) {
	}

	private static final Map<BusinessEventType, Schema> SCHEMAS = new EnumMap<>(BusinessEventType.class);

	static {
		SCHEMAS.put(BusinessEventType.ORDER_SHIPPED, new Schema(Set.of(Subject.CUSTOMER, Subject.ORDER),
				List.of(new Field("carrier", Kind.TEXT), new Field("expectedDelivery", Kind.TIME))));
		SCHEMAS.put(BusinessEventType.ORDER_DELAYED,
				new Schema(Set.of(Subject.ORDER), List.of(new Field("expectedDelivery", Kind.TIME))));
		SCHEMAS.put(BusinessEventType.PARCEL_SCANNED,
				new Schema(Set.of(Subject.PARCEL), List.of(new Field("location", Kind.TEXT))));
		SCHEMAS.put(BusinessEventType.DELIVERY_EXCEPTION,
				new Schema(Set.of(Subject.PARCEL), List.of(new Field("reason", Kind.TEXT))));
		SCHEMAS.put(BusinessEventType.OUTAGE_REPORTED,
				new Schema(Set.of(Subject.POSTCODE), List.of(new Field("service", Kind.TEXT))));
		SCHEMAS.put(BusinessEventType.OUTAGE_RESOLVED,
				new Schema(Set.of(Subject.POSTCODE), List.of(new Field("service", Kind.TEXT))));
		SCHEMAS.put(BusinessEventType.DEVICE_TELEMETRY, new Schema(Set.of(Subject.DEVICE), List.of(
				new Field("metric", Kind.TEXT), new Field("value", Kind.NUMBER), new Field("unit", Kind.TEXT))));
		SCHEMAS.put(BusinessEventType.CHECKOUT_FAILED,
				new Schema(Set.of(Subject.CUSTOMER), List.of(new Field("reason", Kind.TEXT))));
	}

	/** Sender ids: what a shop or carrier uses as a key, bounded so it fits the unique index. */
	private static final Pattern EVENT_ID = Pattern.compile("^[\\p{Alnum}._:@/+=-]{1,200}$");

	/** Dutch postcodes: four digits (not starting with 0), optionally two letters. */
	private static final Pattern POSTCODE = Pattern.compile("^([1-9][0-9]{3}) ?([A-Za-z]{2})?$");

	private EventSchema() {
	}

	public static Schema of(BusinessEventType type) {
		return SCHEMAS.get(type);
	}

	/**
	 * Checks the event against its type's schema and answers the type; a missing or malformed field is an
	 * {@link InvalidInputException} naming it, prefixed with {@code prefix} (e.g. {@code events[2].}).
	 */
	public static BusinessEventType check(BusinessEvent event, String prefix) {
		if (event == null) {
			throw new InvalidInputException(prefix.isEmpty() ? "event" : prefix.substring(0, prefix.length() - 1),
					"an event is required");
		}
		if (event.id() == null || !EVENT_ID.matcher(event.id()).matches()) {
			throw new InvalidInputException(prefix + "id",
					"id must be 1 to 200 letters, digits or ._:@/+=- characters (the sender's event id)");
		}
		if (event.type() == null || event.type().isBlank()) {
			throw new InvalidInputException(prefix + "type", "type is required; one of " + codes());
		}
		BusinessEventType type = BusinessEventType.fromCode(event.type())
			.orElseThrow(() -> new InvalidInputException(prefix + "type",
					"unknown event type '" + event.type() + "'; one of " + codes()));
		if (event.occurredAt() == null) {
			throw new InvalidInputException(prefix + "occurredAt", "occurredAt is required (ISO-8601 instant)");
		}
		Schema schema = SCHEMAS.get(type);
		EventSubject subject = event.subject();
		if (subject == null) {
			throw new InvalidInputException(prefix + "subject", type.code() + " needs a subject with "
					+ schema.subject().stream().map(Subject::field).sorted().collect(Collectors.joining(", ")));
		}
		for (Subject needed : schema.subject()) {
			boolean present = switch (needed) {
				case CUSTOMER -> filled(subject.customerEmail()) || filled(subject.customerPhone())
						|| filled(subject.customerExternalId());
				case ORDER -> filled(subject.orderId());
				case PARCEL -> filled(subject.parcelId());
				case DEVICE -> filled(subject.deviceId());
				case POSTCODE -> filled(subject.postcode());
				case PRODUCT -> filled(subject.product());
			};
			if (!present) {
				throw new InvalidInputException(prefix + "subject." + needed.field(), needed == Subject.CUSTOMER
						? type.code() + " needs subject.customerEmail, subject.customerPhone or subject.customerExternalId"
						: type.code() + " needs subject." + needed.field());
			}
		}
		if (filled(subject.postcode()) && !POSTCODE.matcher(subject.postcode().strip()).matches()) {
			throw new InvalidInputException(prefix + "subject.postcode",
					"'" + subject.postcode() + "' is not a Dutch postcode (1234 AB)");
		}
		for (String value : new String[] { subject.orderId(), subject.parcelId(), subject.deviceId(),
				subject.product(), subject.customerExternalId() }) {
			if (value != null && value.length() > 200) {
				throw new InvalidInputException(prefix + "subject", "subject values are at most 200 characters");
			}
		}
		Map<String, Object> data = event.data() == null ? Map.of() : event.data();
		for (Field field : schema.data()) {
			Object value = data.get(field.name());
			String name = prefix + "data." + field.name();
			if (value == null || value instanceof String s && s.isBlank()) {
				throw new InvalidInputException(name, type.code() + " needs data." + field.name() + " ("
						+ field.kind().name().toLowerCase(Locale.ROOT) + ")");
			}
			switch (field.kind()) {
				case NUMBER -> {
					if (!(value instanceof Number)) {
						throw new InvalidInputException(name, "data." + field.name() + " must be a number");
					}
				}
				case TEXT -> {
					if (!(value instanceof String)) {
						throw new InvalidInputException(name, "data." + field.name() + " must be text");
					}
				}
				case TIME -> {
					if (!(value instanceof String text) || !time(text)) {
						throw new InvalidInputException(name,
								"data." + field.name() + " must be a date (2026-11-27) or an instant (ISO-8601)");
					}
				}
			}
		}
		return type;
	}

	/** The four digits of a Dutch postcode, which ranges like 1011-1099 compare; null for none. */
	public static Integer area(String postcode) {
		if (postcode == null) {
			return null;
		}
		var matcher = POSTCODE.matcher(postcode.strip());
		return matcher.matches() ? Integer.valueOf(matcher.group(1)) : null;
	}

	/** A postcode in one spelling: {@code 1234AB}, or {@code 1234} when only the digits were given. */
	public static String normalisedPostcode(String postcode) {
		if (postcode == null) {
			return null;
		}
		var matcher = POSTCODE.matcher(postcode.strip());
		if (!matcher.matches()) {
			return null;
		}
		return matcher.group(1) + (matcher.group(2) == null ? "" : matcher.group(2).toUpperCase(Locale.ROOT));
	}

	private static boolean time(String text) {
		try {
			LocalDate.parse(text);
			return true;
		}
		catch (DateTimeParseException notADate) {
			try {
				Instant.parse(text);
				return true;
			}
			catch (DateTimeParseException notAnInstant) {
				return false;
			}
		}
	}

	private static boolean filled(String value) {
		return value != null && !value.isBlank();
	}

	private static String codes() {
		return Arrays.stream(BusinessEventType.values()).map(BusinessEventType::code).collect(Collectors.joining(", "));
	}
}
