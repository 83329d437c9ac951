package nl.baken.conversation;

import java.time.Instant;
import java.util.UUID;

/** An internal note: seen by agents only, never sent to the customer. */
public record NoteView(UUID id, UUID conversationId, String authorId, String text, Instant createdAt) {
}
