package nl.baken.analytics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import nl.baken.access.Teams;

/**
 * Which contacts a KPI looks at: those offered in [from, to), optionally only one channel, team, queue or brand, and
 * the definition's parameters by name (missing ones take their defaults).
 */
public record KpiQuery(Instant from, Instant to, String channel, String teamId, String queue, String brandId,
		Map<String, String> parameters) {

	/** The zone the KPI pages' days and weeks are in, and the per-day rollup of the facts is counted in. */
	public static final ZoneId REPORTING_ZONE = ZoneId.of(Teams.DEFAULT_TIME_ZONE);

	public KpiQuery {
		parameters = Map.copyOf(parameters);
	}
}
