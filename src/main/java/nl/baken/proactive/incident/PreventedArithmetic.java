package nl.baken.proactive.incident;

import java.util.List;
import java.util.Locale;

import nl.baken.proactive.ContactsPrevented;

/**
 * The contacts-prevented arithmetic of KPI-DEFINITIONS.md, apart from the queries that feed it: expected contacts
 * are the affected customers times a baseline rate, prevented are expected minus came. The rate comes from
 * comparable past incidents (contacts per affected customer, summed over them) when there are at least
 * {@link #MIN_PAST_INCIDENTS}, otherwise from the customers with business events who were not affected, in the
 * incident's own window.
 */
public final class PreventedArithmetic {

	public static final int MIN_PAST_INCIDENTS = 2;

	public static final String VERSION = "contacts-prevented@1";

	private PreventedArithmetic() {
	}

	/** One comparable past incident: how many customers it affected and how many contacts came from them. */
	public record Past(long affected, long came) {
	}

	public static ContactsPrevented compute(long affected, long came, List<Past> past, long unaffectedCustomers,
			long unaffectedContacts) {
		List<Past> usable = past.stream().filter(p -> p.affected() > 0).toList();
		String baseline;
		long basis;
		double rate;
		if (usable.size() >= MIN_PAST_INCIDENTS) {
			baseline = "past-incidents";
			basis = usable.size();
			long pastAffected = usable.stream().mapToLong(Past::affected).sum();
			long pastCame = usable.stream().mapToLong(Past::came).sum();
			rate = (double) pastCame / pastAffected;
		}
		else {
			baseline = "unaffected";
			basis = unaffectedCustomers;
			rate = unaffectedCustomers == 0 ? 0 : (double) unaffectedContacts / unaffectedCustomers;
		}
		double expected = affected * rate;
		double prevented = expected - came;
		String definition = VERSION + "{baseline=" + baseline + ",n=" + basis + ",rate="
				+ String.format(Locale.ROOT, "%.4f", rate) + ",window=incident,contacts=conversations}";
		return new ContactsPrevented(affected, came, rate, expected, prevented, baseline, basis, definition);
	}
}
