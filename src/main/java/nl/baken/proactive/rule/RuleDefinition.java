package nl.baken.proactive.rule;

import java.util.Map;

/**
 * A preventive rule as people write it (API, desk form, the replay command's rules file): which events it watches
 * ({@code eventType} plus equality {@code filters} on the subject's {@code product}/{@code postcode} or on a data
 * field), the {@code key} it keeps apart (device, parcel, order, customer), one condition, and what to do when it
 * holds. {@link Rule#compile} checks it and says what is wrong, field by field.
 */
public record RuleDefinition(String name, Boolean enabled, String eventType, Map<String, String> filters, String key,
		Condition condition, Actions actions) {

	/**
	 * {@code kind}: {@code threshold} (the number {@code field} of the data is {@code above}/{@code below}
	 * {@code threshold} in every reading for {@code duration}), {@code absence} (after the event, no
	 * {@code expectedType} event for the same key within {@code duration}) or {@code count} ({@code count} events
	 * within {@code duration}). Durations are ISO-8601 ({@code PT10M}) or short ({@code 10m}, {@code 48h}).
	 */
	public record Condition(String kind, String field, String operator, Double threshold, String duration,
			String expectedType, Integer count) {
	}

	/** Any of the three, at least one. */
	public record Actions(IntegrationCall integration, Message message, Task task) {
	}

	/** A signed POST to integration {@code name} at {@code path} (e.g. {@code /actions/replace-device}). */
	public record IntegrationCall(String name, String path) {
	}

	/** A proactive message to the key's customer with template {@code rule-warning}, in their language. */
	public record Message(String brand, String textNl, String textEn) {
	}

	/** A task for an agent of {@code teamId}: a queued conversation with a note of what the rule saw. */
	public record Task(String teamId) {
	}
}
