package nl.baken.customer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A customer as the desk and the API show them: with the identities and brands of every customer record merged
 * into this one. {@code mergedInto} is set when this record itself was merged into another. {@code segment} is the
 * organisation's label for the customer (e.g. {@code vip}), or null.
 */
public record CustomerProfile(UUID id, String displayName, UUID mergedInto, List<IdentityView> identities,
		List<String> brands, String preferredChannel, String preferredLanguage, Consent consent, List<UUID> mergedCustomers,
		Instant createdAt, String segment) {

	/** A customer's segment: lower-case letters, digits, '_' or '-', as routing's segments. */
	public static final String SEGMENT = "[a-z0-9_-]{1,30}";

	public record IdentityView(String kind, String system, String value, UUID customerId) {
	}

	public record Consent(boolean proactive, boolean whatsapp, boolean marketing) {
	}
}
