package nl.baken.proactive.rule;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.baken.proactive.BusinessEventType;
import nl.baken.shared.InvalidInputException;

/** A checked rule, ready to evaluate: what {@link RuleDefinition} says, in types. */
record Rule(UUID id, int version, String name, boolean enabled, String eventType, Map<String, String> filters,
		KeyKind key, Kind kind, String field, boolean above, double threshold, Duration duration,
		String expectedType, int count, RuleDefinition definition) {

	enum Kind {
		THRESHOLD, ABSENCE, COUNT
	}

	/** What a rule keeps apart: one state and one episode per device, parcel, order or customer. */
	enum KeyKind {
		DEVICE, PARCEL, ORDER, CUSTOMER
	}

	static final Duration LONGEST = Duration.ofDays(90);

	private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,6})\\s*([smhd])");

	private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._:/()'-]{0,119}");

	private static final Pattern FILTER_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.-]{0,39}");

	private static final Pattern INTEGRATION = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

	private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9/_.-]{0,199}");

	/** Checks a definition; the exception names the first field that is wrong and why. */
	static Rule compile(UUID id, int version, RuleDefinition d) {
		if (d == null) {
			throw new InvalidInputException("rule", "a rule is needed");
		}
		String name = d.name() == null ? "" : d.name().strip();
		if (!NAME.matcher(name).matches()) {
			throw new InvalidInputException("name",
					"the name is 1 to 120 letters, digits, spaces or . _ : / ( ) ' - and starts with a letter or digit");
		}
		String type = eventType("eventType", d.eventType());
		Map<String, String> filters = new TreeMap<>();
		if (d.filters() != null) {
			if (d.filters().size() > 5) {
				throw new InvalidInputException("filters", "at most 5 filters");
			}
			d.filters().forEach((k, v) -> {
				if (k == null || !FILTER_NAME.matcher(k).matches()) {
					throw new InvalidInputException("filters", "a filter names a subject or data field: letters, digits,"
							+ " '_', '.' or '-', at most 40, not '" + k + "'");
				}
				if (v == null || v.isBlank() || v.length() > 200) {
					throw new InvalidInputException("filters", "filter '" + k + "' needs a value of at most 200 characters");
				}
				filters.put(k, v.strip());
			});
		}
		KeyKind key = choice("key", d.key(), KeyKind.class, "device, parcel, order or customer");
		RuleDefinition.Condition c = d.condition();
		if (c == null) {
			throw new InvalidInputException("condition", "a rule needs a condition");
		}
		Kind kind = choice("condition.kind", c.kind(), Kind.class, "threshold, absence or count");
		Duration duration = duration("condition.duration", c.duration());
		String field = null;
		boolean above = true;
		double threshold = 0;
		String expected = null;
		int count = 0;
		switch (kind) {
			case THRESHOLD -> {
				field = c.field() == null || c.field().isBlank() ? "value" : c.field().strip();
				if (!FILTER_NAME.matcher(field).matches()) {
					throw new InvalidInputException("condition.field", "the field is the data field with the number,"
							+ " such as 'value'");
				}
				String op = c.operator() == null ? "" : c.operator().strip().toLowerCase(Locale.ROOT);
				if (!op.equals("above") && !op.equals("below")) {
					throw new InvalidInputException("condition.operator", "the operator is 'above' or 'below'");
				}
				above = op.equals("above");
				if (c.threshold() == null || !Double.isFinite(c.threshold())) {
					throw new InvalidInputException("condition.threshold", "a threshold rule needs a number to compare with");
				}
				threshold = c.threshold();
			}
			case ABSENCE -> expected = eventType("condition.expectedType", c.expectedType());
			case COUNT -> {
				if (c.count() == null || c.count() < 2 || c.count() > 1000) {
					throw new InvalidInputException("condition.count", "the count is a whole number from 2 to 1000");
				}
				count = c.count();
			}
		}
		RuleDefinition.Actions actions = d.actions();
		if (actions == null || actions.integration() == null && actions.message() == null && actions.task() == null) {
			throw new InvalidInputException("actions", "a rule needs at least one action: an integration call, a "
					+ "message or a task");
		}
		if (actions.integration() != null) {
			if (actions.integration().name() == null || !INTEGRATION.matcher(actions.integration().name()).matches()) {
				throw new InvalidInputException("actions.integration.name", "the integration is named by lower-case "
						+ "letters, digits, '_' or '-', as in baken.integrations.NAME");
			}
			if (actions.integration().path() == null || !PATH.matcher(actions.integration().path()).matches()) {
				throw new InvalidInputException("actions.integration.path", "the path starts with '/' and has only "
						+ "letters, digits and / _ . -");
			}
		}
		if (actions.message() != null) {
			RuleDefinition.Message m = actions.message();
			if (blank(m.textNl()) || blank(m.textEn()) || m.textNl().length() > 1000 || m.textEn().length() > 1000) {
				throw new InvalidInputException("actions.message", "a message needs a Dutch and an English text of at most"
						+ " 1000 characters");
			}
		}
		if (actions.task() != null && blank(actions.task().teamId())) {
			throw new InvalidInputException("actions.task.teamId", "a task needs the team that gets it");
		}
		RuleDefinition clean = new RuleDefinition(name, d.enabled() == null || d.enabled(), type, Map.copyOf(filters),
				key.name().toLowerCase(Locale.ROOT),
				new RuleDefinition.Condition(kind.name().toLowerCase(Locale.ROOT), field,
						kind == Kind.THRESHOLD ? (above ? "above" : "below") : null,
						kind == Kind.THRESHOLD ? threshold : null, duration.toString(), expected,
						kind == Kind.COUNT ? count : null),
				actions);
		return new Rule(id, version, name, clean.enabled(), type, Map.copyOf(filters), key, kind, field, above,
				threshold, duration, expected, count, clean);
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}

	private static String eventType(String field, String code) {
		return BusinessEventType.fromCode(code == null ? "" : code.strip())
			.map(BusinessEventType::code)
			.orElseThrow(() -> new InvalidInputException(field, "unknown event type '" + code + "'; known are "
					+ String.join(", ", java.util.Arrays.stream(BusinessEventType.values())
						.map(BusinessEventType::code)
						.toList())));
	}

	private static <E extends Enum<E>> E choice(String field, String value, Class<E> type, String choices) {
		try {
			return Enum.valueOf(type, value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException(field, field + " is " + choices + ", not '" + value + "'");
		}
	}

	/** ISO-8601 ({@code PT10M}) or short ({@code 10m}, {@code 48h}, {@code 2d}); at least a second, at most 90 days. */
	static Duration duration(String field, String text) {
		Duration duration = null;
		String given = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
		Matcher shortForm = SHORT_DURATION.matcher(given);
		if (shortForm.matches()) {
			long n = Long.parseLong(shortForm.group(1));
			duration = switch (shortForm.group(2)) {
				case "s" -> Duration.ofSeconds(n);
				case "m" -> Duration.ofMinutes(n);
				case "h" -> Duration.ofHours(n);
				default -> Duration.ofDays(n);
			};
		}
		else {
			try {
				duration = Duration.parse(given.toUpperCase(Locale.ROOT));
			}
			catch (DateTimeParseException e) {
				// falls through to the message below
			}
		}
		if (duration == null || duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(LONGEST) > 0) {
			throw new InvalidInputException(field, "the duration is between 1 second and 90 days, written as 10m, 48h,"
					+ " 2d or PT10M, not '" + text + "'");
		}
		return duration;
	}
}
