package nl.baken.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A message; {@code html} is already sanitised where the channel carries HTML. */
public record MessageView(UUID id, UUID conversationId, String channel, String direction, String authorKind,
		String authorId, String text, String html, List<InboundMessage.Attachment> attachments,
		String providerMessageId, String deliveryStatus, Instant sentAt, Instant createdAt) {
}
