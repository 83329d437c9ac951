package nl.baken.conversation;

import java.util.UUID;

/** A resolved conversation was opened again; with nobody assigned it waits in the queue once more. */
public record ConversationReopened(UUID conversationId) {
}
