package nl.baken.analytics;

import java.time.Instant;
import java.util.UUID;

/**
 * One contact (conversation) a KPI looked at, and on which side it counted: in the numerator, the denominator, both
 * or (for a contact excluded by the definition, such as a short abandon) neither. {@code note} says why, briefly.
 * {@code agentId} names the agent for the KPIs about agents' time; an occupancy row about an agent's available time
 * has no conversation (and {@code offeredAt} is the start of that time).
 */
public record CountedContact(UUID conversationId, UUID customerId, String channel, String brandId,
		Instant offeredAt, boolean numerator, boolean denominator, String note, String agentId) {
}
