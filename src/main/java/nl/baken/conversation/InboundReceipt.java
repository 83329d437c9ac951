package nl.baken.conversation;

import java.util.UUID;

/** What a channel answers its provider once the message is committed; a retry gets the same receipt. */
public record InboundReceipt(UUID conversationId, UUID messageId, UUID customerId, boolean duplicate) {
}
