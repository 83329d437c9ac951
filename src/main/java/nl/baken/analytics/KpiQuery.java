package nl.baken.analytics;

import java.time.Instant;
import java.util.Map;

/**
 * Which contacts a KPI looks at: those offered in [from, to), optionally only one channel, team, queue or brand, and
 * the definition's parameters by name (missing ones take their defaults).
 */
public record KpiQuery(Instant from, Instant to, String channel, String teamId, String queue, String brandId,
		Map<String, String> parameters) {

	public KpiQuery {
		parameters = Map.copyOf(parameters);
	}
}
