package nl.baken.conversation;

import java.util.UUID;

/**
 * Published when an agent's reply (or the bot's: {@code agentId} null) is stored; the conversation's channel delivers
 * it.
 */
public record AgentReplied(UUID conversationId, UUID messageId, String channel, String agentId) {
}
