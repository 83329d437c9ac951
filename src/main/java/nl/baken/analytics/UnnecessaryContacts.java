package nl.baken.analytics;

import java.time.Instant;
import java.util.List;

/**
 * The unnecessary-contact view: repeat, transfer and informational rates per week with their counts, the
 * definitions they were computed with, and the contact reasons behind them (most first), marked satisfier or
 * dissatisfier.
 */
public record UnnecessaryContacts(List<Week> weeks, List<Reason> reasons, List<KpiResult> totals) {

	/** One week [from, to): each rate's numerator and denominator as its KPI counts them. */
	public record Week(Instant from, Instant to, long contacts, long repeats, long handled, long transferred,
			long withReason, long informational) {

		public Double repeatRate() {
			return rate(repeats, contacts);
		}

		public Double transferRate() {
			return rate(transferred, handled);
		}

		public Double informationalShare() {
			return rate(informational, withReason);
		}

		private static Double rate(long numerator, long denominator) {
			return denominator == 0 ? null : 100.0 * numerator / denominator;
		}
	}

	/**
	 * A reason with its repeat, transferred and informational contacts in the period; {@code total} counts each
	 * contact once, {@code cumulativeShare} is the share of all unnecessary contacts up to and including this reason.
	 */
	public record Reason(String reason, String valence, long repeats, long transferred, long informational,
			long total, double cumulativeShare) {
	}
}
