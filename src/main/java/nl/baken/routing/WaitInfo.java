package nl.baken.routing;

import java.util.UUID;

/**
 * For a waiting customer: {@code position} 1 is next; {@code expectedWaitSeconds} from the contacts ahead, the agents
 * who could take this one and the configured handling time of the channel.
 */
public record WaitInfo(UUID conversationId, String status, int position, long expectedWaitSeconds,
		int agentsAvailable) {
}
