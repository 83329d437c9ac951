package nl.baken.analytics;

import java.time.Instant;
import java.util.UUID;

/**
 * One contact (conversation) a KPI looked at, and on which side it counted: in the numerator, the denominator, both
 * or (for a contact excluded by the definition, such as a short abandon) neither. {@code note} says why, briefly.
 */
public record CountedContact(UUID conversationId, UUID customerId, String channel, String brandId,
		Instant offeredAt, boolean numerator, boolean denominator, String note) {
}
