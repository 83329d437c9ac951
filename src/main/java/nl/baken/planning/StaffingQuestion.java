package nl.baken.planning;

import nl.baken.shared.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * One interval to staff.
 *
 * @param calls contacts offered in the interval
 * @param intervalMinutes length of the interval
 * @param ahtSeconds average handle time of one contact
 * @param targetSeconds answer-time target of the service level
 * @param targetServiceLevel share to answer within the target, in (0, 1)
 * @param patienceSeconds mean patience; given, the answer uses Erlang A, otherwise Erlang C
 * @param agents given, the figures for exactly this staff instead of the staff needed
 * @param shrinkage share of paid time not available for contacts (breaks, training), in [0, 1)
 * @param concurrency contacts one agent handles at once (chats); an agent counts as this many servers, each with
 *        the handle time of one contact handled in parallel
 */
public record StaffingQuestion(double calls, double intervalMinutes, double ahtSeconds, double targetSeconds,
		double targetServiceLevel, @Nullable Double patienceSeconds, @Nullable Integer agents, double shrinkage,
		int concurrency) {

	public StaffingQuestion {
		check(calls >= 0 && calls <= 10_000_000, "calls", "must be between 0 and 10,000,000");
		check(intervalMinutes > 0 && intervalMinutes <= 1440, "intervalMinutes", "must be more than 0 and at most 1440");
		check(ahtSeconds > 0 && ahtSeconds <= 86_400, "ahtSeconds", "must be more than 0 and at most 86,400");
		check(targetSeconds >= 0 && targetSeconds <= 86_400, "targetSeconds", "must be between 0 and 86,400");
		check(targetServiceLevel > 0 && targetServiceLevel < 1, "targetServiceLevel",
				"must be more than 0 and less than 1 (e.g. 0.8)");
		check(patienceSeconds == null || patienceSeconds > 0 && patienceSeconds <= 864_000, "patienceSeconds",
				"must be more than 0 and at most 864,000");
		check(agents == null || agents >= 0 && agents <= 1_000_000, "agents", "must be between 0 and 1,000,000");
		check(shrinkage >= 0 && shrinkage < 1, "shrinkage", "must be at least 0 and less than 1 (e.g. 0.3)");
		check(concurrency >= 1 && concurrency <= 20, "concurrency", "must be between 1 and 20");
	}

	/** Erlang C with no shrinkage and one contact at a time. */
	public static StaffingQuestion of(double calls, double intervalMinutes, double ahtSeconds, double targetSeconds,
			double targetServiceLevel) {
		return new StaffingQuestion(calls, intervalMinutes, ahtSeconds, targetSeconds, targetServiceLevel, null, null,
				0, 1);
	}

	public StaffingQuestion withPatience(@Nullable Double seconds) {
		return new StaffingQuestion(calls, intervalMinutes, ahtSeconds, targetSeconds, targetServiceLevel, seconds,
				agents, shrinkage, concurrency);
	}

	public StaffingQuestion withAgents(@Nullable Integer count) {
		return new StaffingQuestion(calls, intervalMinutes, ahtSeconds, targetSeconds, targetServiceLevel,
				patienceSeconds, count, shrinkage, concurrency);
	}

	public StaffingQuestion withCalls(double count, double aht) {
		return new StaffingQuestion(count, intervalMinutes, aht, targetSeconds, targetServiceLevel, patienceSeconds,
				agents, shrinkage, concurrency);
	}

	/** Arrivals per second. */
	public double arrivalRate() {
		return calls / (intervalMinutes * 60);
	}

	private static void check(boolean ok, String field, String message) {
		if (!ok) {
			throw new InvalidInputException(field, field + " " + message);
		}
	}
}
