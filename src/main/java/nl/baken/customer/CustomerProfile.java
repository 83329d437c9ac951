package nl.baken.customer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A customer as the desk and the API show them: with the identities and brands of every customer record merged
 * into this one. {@code mergedInto} is set when this record itself was merged into another.
 */
public record CustomerProfile(UUID id, String displayName, UUID mergedInto, List<IdentityView> identities,
		List<String> brands, String preferredChannel, String preferredLanguage, Consent consent, List<UUID> mergedCustomers,
		Instant createdAt) {

	public record IdentityView(String kind, String system, String value, UUID customerId) {
	}

	public record Consent(boolean proactive, boolean whatsapp, boolean marketing) {
	}
}
