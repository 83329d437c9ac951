package nl.baken.routing;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A contact as routing sees it: its requirements, place in the queue and, once assigned, its agent. */
public record RoutedWork(UUID conversationId, UUID customerId, String channel, String status, String queue,
		String teamId, Map<String, Integer> skills, String language, String brandId, String topic, int urgency,
		String segment, Instant enqueuedAt, String agentId, Instant assignedAt, String stickyAgent,
		Instant stickyUntil, UUID callbackId) {
}
