package nl.baken.analytics.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import nl.baken.analytics.KpiDefinition;
import nl.baken.analytics.KpiDefinition.Parameter;
import nl.baken.shared.InvalidInputException;

/** Checks the parameters a caller gave against a definition and fills in the defaults, in the definition's order. */
final class KpiParameters {

	/** Longer windows or thresholds are almost certainly a mistake in the request, and would read a lot of history. */
	private static final long MAX_SECONDS = 7 * 24 * 3600;

	private static final long MAX_DAYS = 90;

	private static final long MAX_HOURS = MAX_DAYS * 24;

	private KpiParameters() {
	}

	static Map<String, String> resolve(KpiDefinition definition, Map<String, String> given) {
		for (String name : given.keySet()) {
			if (definition.parameter(name).isEmpty()) {
				String known = definition.parameters().isEmpty() ? "none"
						: definition.parameters().stream().map(Parameter::name).collect(Collectors.joining(", "));
				throw new InvalidInputException(name, "'" + name + "' is not a parameter of " + definition.name()
						+ "; its parameters are: " + known);
			}
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (Parameter p : definition.parameters()) {
			String raw = given.get(p.name());
			values.put(p.name(), raw == null || raw.isBlank() ? p.defaultValue() : check(p, raw.strip()));
		}
		return values;
	}

	private static String check(Parameter p, String raw) {
		return switch (p.type()) {
			case SECONDS -> number(p, raw, MAX_SECONDS);
			case HOURS -> number(p, raw, MAX_HOURS);
			case DAYS -> number(p, raw, MAX_DAYS);
			case BOOLEAN -> {
				String value = raw.toLowerCase(Locale.ROOT);
				if (!value.equals("true") && !value.equals("false")) {
					throw new InvalidInputException(p.name(), p.name() + " is true or false, not '" + raw + "'");
				}
				yield value;
			}
			case CHOICE -> p.choices()
				.stream()
				.filter(choice -> choice.equalsIgnoreCase(raw))
				.findFirst()
				.orElseThrow(() -> new InvalidInputException(p.name(),
						p.name() + " is one of " + String.join(", ", p.choices()) + ", not '" + raw + "'"));
		};
	}

	private static String number(Parameter p, String raw, long max) {
		try {
			long value = Long.parseLong(raw);
			if (value >= 0 && value <= max) {
				return Long.toString(value);
			}
		}
		catch (NumberFormatException e) {
			// answered below
		}
		throw new InvalidInputException(p.name(), p.name() + " is a whole number from 0 to " + max + ", not '" + raw + "'");
	}
}
