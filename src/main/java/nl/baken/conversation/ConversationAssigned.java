package nl.baken.conversation;

import java.util.UUID;

/** An agent has the conversation now, whether routing offered it or someone assigned it by hand. */
public record ConversationAssigned(UUID conversationId, String agentId) {
}
