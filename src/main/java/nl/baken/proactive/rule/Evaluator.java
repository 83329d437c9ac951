package nl.baken.proactive.rule;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import nl.baken.proactive.BusinessEvent;

/**
 * The conditions, as pure functions of a key's state and the next event (or the time): the live rules, the replay
 * and the tests all run this one code. Event time comes from the event's {@code occurredAt}, so a replayed stream
 * fires exactly as it did live.
 */
final class Evaluator {

	/** One firing: the rule held for {@code key} from {@code episodeStart} until {@code at}. */
	record Fired(Rule rule, String key, Instant episodeStart, Instant at, UUID customer, String summaryNl,
			String summaryEn) {
	}

	private Evaluator() {
	}

	/** Whether the event is one the rule watches: its type and filters, or (absence) the awaited type. */
	static boolean concerns(Rule rule, BusinessEvent event) {
		return watched(rule, event) || rule.kind() == Rule.Kind.ABSENCE && rule.expectedType().equals(event.type());
	}

	static boolean watched(Rule rule, BusinessEvent event) {
		if (!rule.eventType().equals(event.type())) {
			return false;
		}
		for (Map.Entry<String, String> filter : rule.filters().entrySet()) {
			String actual = field(event, filter.getKey());
			if (actual == null || !actual.equalsIgnoreCase(filter.getValue())) {
				return false;
			}
		}
		return true;
	}

	/** A subject field ({@code product}, {@code postcode}, ...) or else a data field, as text. */
	static String field(BusinessEvent event, String name) {
		BusinessEvent.EventSubject s = event.subject();
		if (s != null) {
			String fromSubject = switch (name) {
				case "product" -> s.product();
				case "postcode" -> s.postcode();
				case "deviceId" -> s.deviceId();
				case "parcelId" -> s.parcelId();
				case "orderId" -> s.orderId();
				default -> null;
			};
			if (fromSubject != null) {
				return fromSubject;
			}
		}
		Object value = event.data() == null ? null : event.data().get(name);
		return value == null ? null : String.valueOf(value);
	}

	/**
	 * The key the rule keeps apart, or null when the event has none. The customer is the one Baken matched, else the
	 * subject's own customer id, e-mail or phone (a replay without a database knows only these).
	 */
	static String key(Rule rule, BusinessEvent event, UUID customer) {
		BusinessEvent.EventSubject s = event.subject();
		String key = switch (rule.key()) {
			case DEVICE -> s == null ? null : s.deviceId();
			case PARCEL -> s == null ? null : s.parcelId();
			case ORDER -> s == null ? null : s.orderId();
			case CUSTOMER -> customer != null ? customer.toString()
					: s == null ? null : firstOf(s.customerExternalId(), s.customerEmail(), s.customerPhone());
		};
		return key == null || key.isBlank() || key.length() > 200 ? null : key.strip();
	}

	private static String firstOf(String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

	/** Applies one event for this key to its state; the firings it causes (a wait that ran out first, or this one). */
	static List<Fired> onEvent(Rule rule, String key, KeyState state, BusinessEvent event, UUID customer) {
		Instant t = event.occurredAt();
		List<Fired> fired = new ArrayList<>();
		if (state.lastAt != null && t.isBefore(state.lastAt)) {
			return fired; // late: the state has moved past it
		}
		if (customer != null) {
			state.customer = customer;
		}
		// a wait that ran out before this event came fires first, at its own time
		onTime(rule, key, state, t.minusNanos(1)).ifPresent(fired::add);
		state.lastAt = t;
		switch (rule.kind()) {
			case THRESHOLD -> threshold(rule, key, state, event).ifPresent(fired::add);
			case ABSENCE -> absence(rule, state, event);
			case COUNT -> count(rule, key, state, event).ifPresent(fired::add);
		}
		return fired;
	}

	/** The time passed {@code now} without an event: an absence whose wait ran out fires. */
	static Optional<Fired> onTime(Rule rule, String key, KeyState state, Instant now) {
		if (rule.kind() != Rule.Kind.ABSENCE || state.dueAt == null || state.fired || now.isBefore(state.dueAt)) {
			return Optional.empty();
		}
		state.fired = true;
		Instant since = state.since;
		Instant due = state.dueAt;
		state.dueAt = null;
		return Optional.of(new Fired(rule, key, since, due, state.customer,
				"na %s om %s geen %s vóór %s".formatted(rule.eventType(), time(since), rule.expectedType(), time(due)),
				"after %s at %s no %s by %s".formatted(rule.eventType(), time(since), rule.expectedType(), time(due))));
	}

	private static Optional<Fired> threshold(Rule rule, String key, KeyState state, BusinessEvent event) {
		if (!watched(rule, event)) {
			return Optional.empty();
		}
		Double value = number(event.data() == null ? null : event.data().get(rule.field()));
		if (value == null) {
			return Optional.empty();
		}
		Instant t = event.occurredAt();
		boolean beyond = rule.above() ? value > rule.threshold() : value < rule.threshold();
		if (!beyond) {
			state.runStart = null;
			state.fired = false;
			return Optional.empty();
		}
		if (state.runStart == null) {
			state.runStart = t;
		}
		if (state.fired || Duration.between(state.runStart, t).compareTo(rule.duration()) < 0) {
			return Optional.empty();
		}
		state.fired = true;
		String op = rule.above() ? ">" : "<";
		String limit = plain(rule.threshold());
		return Optional.of(new Fired(rule, key, state.runStart, t, state.customer,
				"%s %s %s van %s tot %s (laatste waarde %s)".formatted(rule.field(), op, limit, time(state.runStart),
						time(t), plain(value)),
				"%s %s %s from %s to %s (last value %s)".formatted(rule.field(), op, limit, time(state.runStart), time(t),
						plain(value))));
	}

	private static void absence(Rule rule, KeyState state, BusinessEvent event) {
		Instant t = event.occurredAt();
		if (rule.expectedType().equals(event.type())) {
			// what was awaited came: the condition cleared
			state.since = null;
			state.dueAt = null;
			state.fired = false;
		}
		if (watched(rule, event) && !state.fired && state.since == null) {
			state.since = t;
			state.dueAt = t.plus(rule.duration());
		}
	}

	private static Optional<Fired> count(Rule rule, String key, KeyState state, BusinessEvent event) {
		if (!watched(rule, event)) {
			return Optional.empty();
		}
		Instant t = event.occurredAt();
		Instant windowStart = t.minus(rule.duration());
		// just before t the window still held the event of exactly one window ago: the condition cleared only if
		// fewer than count were left then
		state.times.removeIf(at -> at.isBefore(windowStart));
		if (state.fired && state.times.size() < rule.count()) {
			state.fired = false;
		}
		// at t the window is (t - duration, t]
		state.times.removeIf(at -> !at.isAfter(windowStart));
		state.times.add(t);
		while (state.times.size() > rule.count()) {
			state.times.removeFirst();
		}
		if (state.fired || state.times.size() < rule.count()) {
			return Optional.empty();
		}
		state.fired = true;
		Instant first = state.times.getFirst();
		return Optional.of(new Fired(rule, key, first, t, state.customer,
				"%d × %s tussen %s en %s".formatted(rule.count(), rule.eventType(), time(first), time(t)),
				"%d × %s between %s and %s".formatted(rule.count(), rule.eventType(), time(first), time(t))));
	}

	static Double number(Object value) {
		if (value instanceof Number n) {
			double d = n.doubleValue();
			return Double.isFinite(d) ? d : null;
		}
		if (value instanceof String s) {
			try {
				double d = Double.parseDouble(s.strip());
				return Double.isFinite(d) ? d : null;
			}
			catch (NumberFormatException e) {
				return null;
			}
		}
		return null;
	}

	private static String plain(double value) {
		return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
				: String.format(Locale.ROOT, "%.2f", value);
	}

	static String time(Instant at) {
		return at.truncatedTo(ChronoUnit.SECONDS).toString();
	}
}
