package nl.baken.proactive.rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import nl.baken.proactive.BusinessEvent;
import nl.baken.shared.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A dry run: the firings rules would produce on a stream of events, without storing, calling or sending anything.
 * The events are taken in the order given, as if they arrived so; waits (absence) run out at event time and, at
 * the end, at {@code until} (default: the last event's time).
 */
final class Replay {

	static final int MAX_EVENTS = 100_000;

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private Replay() {
	}

	record Result(int events, List<Evaluator.Fired> firings) {
	}

	static Result run(List<Rule> rules, List<BusinessEvent> events, Instant until) {
		Map<String, KeyState> states = new HashMap<>();
		Map<String, String> keys = new HashMap<>();
		Map<String, Rule> ruleOf = new HashMap<>();
		List<Evaluator.Fired> fired = new ArrayList<>();
		Instant last = null;
		for (BusinessEvent event : events) {
			for (Rule rule : rules) {
				if (!rule.enabled() || !Evaluator.concerns(rule, event)) {
					continue;
				}
				String key = Evaluator.key(rule, event, null);
				if (key == null) {
					continue;
				}
				String id = rule.name() + "\u0000" + key;
				keys.put(id, key);
				ruleOf.put(id, rule);
				fired.addAll(Evaluator.onEvent(rule, key, states.computeIfAbsent(id, k -> new KeyState()), event, null));
			}
			last = last == null || event.occurredAt().isAfter(last) ? event.occurredAt() : last;
		}
		Instant end = until != null ? until : last;
		if (end != null) {
			states.forEach((id, state) -> Evaluator.onTime(ruleOf.get(id), keys.get(id), state, end)
				.ifPresent(fired::add));
		}
		fired.sort(Comparator.comparing(Evaluator.Fired::at).thenComparing(Evaluator.Fired::key));
		return new Result(events.size(), fired);
	}

	/** JSON lines of {@link BusinessEvent} (blank lines and lines starting with # are skipped), or one JSON array. */
	static List<BusinessEvent> parse(String text) {
		List<BusinessEvent> events = new ArrayList<>();
		String trimmed = text == null ? "" : text.strip();
		if (trimmed.startsWith("[")) {
			try {
				for (BusinessEvent event : JSON.readValue(trimmed, BusinessEvent[].class)) {
					events.add(check(event, events.size() + 1, "event"));
				}
			}
			catch (JacksonException e) {
				throw new InvalidInputException("events", "the events are not a JSON array of events: "
						+ e.getOriginalMessage());
			}
			return limit(events);
		}
		String[] lines = trimmed.split("\r?\n");
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			try {
				events.add(check(JSON.readValue(line, BusinessEvent.class), i + 1, "line"));
			}
			catch (JacksonException e) {
				throw new InvalidInputException("events", "line " + (i + 1) + " is not an event: "
						+ e.getOriginalMessage());
			}
			if (events.size() > MAX_EVENTS) {
				break;
			}
		}
		return limit(events);
	}

	private static List<BusinessEvent> limit(List<BusinessEvent> events) {
		if (events.size() > MAX_EVENTS) {
			throw new InvalidInputException("events", "at most " + MAX_EVENTS + " events in one replay");
		}
		return events;
	}

	private static BusinessEvent check(BusinessEvent event, int number, String what) {
		if (event == null || event.type() == null || event.occurredAt() == null) {
			throw new InvalidInputException("events", what + " " + number + " needs at least type and occurredAt");
		}
		if (nl.baken.proactive.BusinessEventType.fromCode(event.type()).isEmpty()) {
			throw new InvalidInputException("events", what + " " + number + " has an unknown type '" + event.type()
					+ "'");
		}
		return event;
	}

	/** A rules file: one rule object or an array of them. */
	static List<RuleDefinition> parseRules(String text) {
		try {
			String trimmed = text.strip();
			return trimmed.startsWith("[") ? List.of(JSON.readValue(trimmed, RuleDefinition[].class))
					: List.of(JSON.readValue(trimmed, RuleDefinition.class));
		}
		catch (JacksonException e) {
			throw new InvalidInputException("rules", "the rules are not a JSON rule or array of rules: "
					+ e.getOriginalMessage());
		}
	}
}
