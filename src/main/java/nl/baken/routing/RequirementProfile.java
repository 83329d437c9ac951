package nl.baken.routing;

import java.util.Map;

/**
 * What a contact needs when something is known of it. {@code kind}: {@code queue} (a team, or
 * {@code unrouted}), {@code reason} (a contact reason), {@code topic} (from the bot or contact page) or {@code ivr} (a
 * phone-menu option). {@code teamId} moves the contact to that team; {@code priority} (0-10) gives it a head start.
 */
public record RequirementProfile(String kind, String key, String teamId, int priority, Map<String, Integer> skills) {

	public RequirementProfile {
		skills = skills == null ? Map.of() : Map.copyOf(skills);
	}
}
