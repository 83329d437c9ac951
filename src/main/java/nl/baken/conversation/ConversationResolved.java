package nl.baken.conversation;

import java.util.UUID;

public record ConversationResolved(UUID conversationId, UUID customerId, String contactReasonId) {
}
