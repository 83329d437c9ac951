package nl.baken.routing;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What routing knows of an agent. {@code capacity}: how many open contacts of a channel fill the agent on their own;
 * contacts of different channels add up their shares ({@code loadPercent}). An empty {@code brands} serves every
 * brand.
 */
public record AgentProfile(String agentId, Presence presence, Instant presenceSince, Map<String, Integer> skills,
		Set<String> languages, Set<String> brands, Map<String, Integer> capacity, int loadPercent,
		Instant lastAssignedAt) {
}
