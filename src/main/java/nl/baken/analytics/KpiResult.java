package nl.baken.analytics;

import java.time.Instant;
import java.util.Map;

/**
 * A KPI's value with the counts it came from and the definition it was computed with. {@code value} is in the
 * definition's unit (a percentage for rates) and null when the denominator is zero; counts such as the backlog have
 * no denominator.
 */
public record KpiResult(String identity, Double value, double numerator, Double denominator, String unit,
		Instant from, Instant to, Instant computedAt, Map<String, String> parameters, KpiDefinition definition) {
}
