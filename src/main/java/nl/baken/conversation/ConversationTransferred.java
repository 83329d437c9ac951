package nl.baken.conversation;

import java.util.UUID;

public record ConversationTransferred(UUID conversationId, String fromTeamId, String fromAgentId, String toTeamId,
		String toAgentId, String reason) {
}
