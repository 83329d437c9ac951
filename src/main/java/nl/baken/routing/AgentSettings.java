package nl.baken.routing;

import java.util.Map;
import java.util.Set;

/** An admin's configuration of an agent; a channel missing from {@code capacity} gets the configured default. */
public record AgentSettings(Map<String, Integer> skills, Set<String> languages, Set<String> brands,
		Map<String, Integer> capacity) {

	public AgentSettings {
		skills = skills == null ? Map.of() : Map.copyOf(skills);
		languages = languages == null ? Set.of() : Set.copyOf(languages);
		brands = brands == null ? Set.of() : Set.copyOf(brands);
		capacity = capacity == null ? Map.of() : Map.copyOf(capacity);
	}
}
