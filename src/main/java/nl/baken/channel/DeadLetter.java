package nl.baken.channel;

import java.time.Instant;
import java.util.UUID;

/** An outbound message its channel gave up on, with the last reason; an admin can send it again. */
public record DeadLetter(UUID messageId, UUID conversationId, String channel, int attempts, String lastError, Instant queuedAt,
		Instant failedAt) {
}
