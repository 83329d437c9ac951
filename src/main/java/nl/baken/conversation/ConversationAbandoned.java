package nl.baken.conversation;

import java.util.UUID;

/** The customer left before an agent answered; the conversation is closed. */
public record ConversationAbandoned(UUID conversationId) {
}
