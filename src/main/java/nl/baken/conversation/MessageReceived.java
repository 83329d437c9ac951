package nl.baken.conversation;

import java.util.UUID;

/** Published in the transaction that stored a customer's message. */
public record MessageReceived(UUID conversationId, UUID messageId, UUID customerId, String channel,
		boolean newConversation) {
}
