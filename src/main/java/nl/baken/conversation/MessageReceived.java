package nl.baken.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * Published in the transaction that stored a customer's message; {@code text} is its plain text (null when it has
 * none, e.g. only an attachment), {@code receivedAt} when Baken received it.
 */
public record MessageReceived(UUID conversationId, UUID messageId, UUID customerId, String channel,
		boolean newConversation, String text, Instant receivedAt) {
}
