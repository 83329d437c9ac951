package nl.baken.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record ConversationView(UUID id, UUID customerId, String brandId, String channel, List<String> channels,
		String teamId, String assignedAgent, String language, ConversationStatus status, String contactReasonId,
		int priority, String subject, Instant createdAt, Instant updatedAt, Instant firstResponseAt,
		Instant resolvedAt) {

	ConversationView withStatus(ConversationStatus next, Instant at) {
		return new ConversationView(id, customerId, brandId, channel, channels, teamId, assignedAgent, language, next,
				contactReasonId, priority, subject, createdAt, at, firstResponseAt, resolvedAt);
	}

	ConversationView routedTo(String team, String agent, ConversationStatus next, Instant at) {
		return new ConversationView(id, customerId, brandId, channel, channels, team, agent, language, next,
				contactReasonId, priority, subject, createdAt, at, firstResponseAt, resolvedAt);
	}

	ConversationView resolvedAs(String reasonId, Instant at) {
		return new ConversationView(id, customerId, brandId, channel, channels, teamId, assignedAgent, language,
				ConversationStatus.RESOLVED, reasonId, priority, subject, createdAt, at, firstResponseAt, at);
	}

	ConversationView reopened(ConversationStatus next, Instant at) {
		return new ConversationView(id, customerId, brandId, channel, channels, teamId, assignedAgent, language, next,
				contactReasonId, priority, subject, createdAt, at, firstResponseAt, null);
	}

	ConversationView firstResponded(Instant at) {
		return new ConversationView(id, customerId, brandId, channel, channels, teamId, assignedAgent, language, status,
				contactReasonId, priority, subject, createdAt, updatedAt, at, resolvedAt);
	}

	ConversationView prioritised(int next) {
		return new ConversationView(id, customerId, brandId, channel, channels, teamId, assignedAgent, language, status,
				contactReasonId, next, subject, createdAt, updatedAt, firstResponseAt, resolvedAt);
	}

	ConversationView onChannels(List<String> used) {
		return new ConversationView(id, customerId, brandId, channel, used.isEmpty() ? List.of(channel) : used, teamId,
				assignedAgent, language, status, contactReasonId, priority, subject, createdAt, updatedAt,
				firstResponseAt, resolvedAt);
	}
}
