package nl.baken.channel;

import java.util.UUID;

/** A file a customer sent through a channel, with the conversation it belongs to (which decides who may see it). */
public record CustomerFile(UUID id, UUID conversationId, String fileName, String contentType, byte[] content) {
}
