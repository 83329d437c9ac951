package nl.baken.conversation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import nl.baken.shared.Actor;

/**
 * One immutable fact of the contact-event log. {@code seq} orders events as they were written; {@code occurredAt}
 * is when it happened (UTC, at least millisecond precision).
 */
public record ContactEvent(long seq, UUID id, Instant occurredAt, UUID conversationId, UUID customerId,
		String channel, ContactEventType type, Actor actor, String brandId, String teamId, String queue,
		Map<String, Object> attributes) {

	public ContactEvent {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(actor, "actor");
		attributes = Map.copyOf(attributes);
	}
}
