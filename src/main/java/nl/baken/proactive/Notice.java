package nl.baken.proactive;

import java.util.List;
import java.util.Map;

import nl.baken.customer.CustomerId;

/**
 * A proactive message to a set of customers. {@code template} names a notification template (per channel and
 * language); {@code values} fill its placeholders per language ({@code "nl"}, {@code "en"}). {@code topic} groups
 * notices for counting ({@code incident:<id>}, {@code rule:<id>}); {@code onceKey} makes a second send of the same
 * update to the same customer a no-op ({@code incident:<id>:update:<n>}).
 */
public record Notice(List<CustomerId> customers, String template, Map<String, Map<String, String>> values,
		String topic, String onceKey, String brand) {
}
