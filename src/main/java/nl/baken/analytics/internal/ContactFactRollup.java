package nl.baken.analytics.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.baken.analytics.KpiQuery;
import nl.baken.analytics.UnnecessaryContacts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The per-contact facts counted per day in the reporting zone, channel, brand, teams, queues, reason and valence, for
 * the three unnecessary-contact KPIs with their definitions' default parameters: a page over weeks reads thousands of
 * rows instead of millions of facts. {@link ContactFactTable} keeps it equal to the facts, in the transaction that
 * writes them: the touched days on each catch-up, everything after a definition change (one scan of the facts).
 * Periods not on whole days, or other parameters, are counted on the facts instead.
 */
@Component
class ContactFactRollup {

	static final ZoneId ZONE = KpiQuery.REPORTING_ZONE;

	private static final int CHUNK = 500;

	private static final String COLUMNS = "offered_day, channel, brand_id, teams, queues, reason, valence";

	private final JdbcClient jdbc;

	ContactFactRollup(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The day a contact offered at this instant is counted on: its epoch day in the reporting zone. */
	static int day(Instant at) {
		return (int) LocalDate.ofInstant(at, ZONE).toEpochDay();
	}

	/** Whether the period is whole days in the reporting zone, as the rollup counts them. */
	static boolean onDays(Instant from, Instant to) {
		return onDay(from) && onDay(to);
	}

	private static boolean onDay(Instant at) {
		return LocalDate.ofInstant(at, ZONE).atStartOfDay(ZONE).toInstant().equals(at);
	}

	/** Whether these resolved parameters are the definition's defaults, which the rollup is counted for. */
	static boolean defaults(String name, Map<String, String> parameters) {
		return parameters.equals(defaultParameters(name));
	}

	private static Map<String, String> defaultParameters(String name) {
		return KpiParameters.resolve(KpiCatalogue.find(name).orElseThrow(), Map.of());
	}

	/** Counts every day again from the facts: one scan and group by. */
	long recompute(boolean postgres) {
		jdbc.sql(postgres ? "truncate table contact_fact_day" : "delete from contact_fact_day").update();
		return insert("", Map.of());
	}

	/** Counts these days again from the facts. */
	void rebuildDays(Collection<Integer> days) {
		List<Integer> all = new ArrayList<>(days);
		for (int i = 0; i < all.size(); i += CHUNK) {
			List<Integer> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
			jdbc.sql("delete from contact_fact_day where offered_day in (:days)").param("days", chunk).update();
			insert(" where f.offered_day in (:days)", Map.of("days", chunk));
		}
	}

	private long insert(String where, Map<String, Object> filter) {
		ContactFactTable.Counting repeat = counting(KpiCatalogue.REPEAT_CONTACT_RATE);
		ContactFactTable.Counting transfer = counting(KpiCatalogue.TRANSFER_RATE);
		ContactFactTable.Counting informational = counting(KpiCatalogue.INFORMATIONAL_SHARE);
		String transferred = transfer.denominator() + " and " + transfer.numerator();
		String isInformational = informational.denominator() + " and " + informational.numerator();
		String any = "(" + repeat.numerator() + ") or (" + transferred + ") or (" + isInformational + ")";
		Map<String, Object> params = new HashMap<>(repeat.parameters());
		params.putAll(filter);
		String grouped = "f.offered_day, f.channel, f.brand_id, f.teams, f.queues, f.reason, f.valence";
		return jdbc.sql("insert into contact_fact_day (" + COLUMNS + ", contacts, repeats, handled, transferred, "
				+ "with_reason, informational, unnecessary) select " + grouped + ", count(*), " + sum(repeat.numerator())
				+ ", " + sum(transfer.denominator()) + ", " + sum(transferred) + ", " + sum(informational.denominator())
				+ ", " + sum(isInformational) + ", " + sum(any) + " from contact_fact f" + where + " group by " + grouped)
			.params(params)
			.update();
	}

	private static ContactFactTable.Counting counting(String name) {
		return ContactFactTable.counting(name, defaultParameters(name));
	}

	private static String sum(String condition) {
		return "sum(case when " + condition + " then 1 else 0 end)";
	}

	/** The KPI's numerator and denominator over a period of whole days, with the default parameters. */
	KpiCalculator.Computation compute(String name, KpiQuery query) {
		String[] columns = switch (name) {
			case KpiCatalogue.REPEAT_CONTACT_RATE -> new String[] { "repeats", "contacts" };
			case KpiCatalogue.TRANSFER_RATE -> new String[] { "transferred", "handled" };
			case KpiCatalogue.INFORMATIONAL_SHARE -> new String[] { "informational", "with_reason" };
			default -> throw new IllegalArgumentException("the rollup does not hold " + name);
		};
		Map<String, Object> params = new HashMap<>();
		long[] counts = jdbc
			.sql("select coalesce(sum(d." + columns[0] + "), 0), coalesce(sum(d." + columns[1] + "), 0)"
					+ " from contact_fact_day d" + where(query, params))
			.params(params)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
		Double value = counts[1] == 0 ? null : 100.0 * counts[0] / counts[1];
		return new KpiCalculator.Computation(counts[0], (double) counts[1], value, List.of());
	}

	/** The unnecessary-contact view's counts: per week, and per reason and valence. */
	record Summary(List<long[]> weeks, List<UnnecessaryContacts.Reason> reasons) {

		/** The whole period's counts: contacts, repeats, handled, transferred, with a reason, informational. */
		long[] totals() {
			long[] totals = new long[6];
			for (long[] week : weeks) {
				for (int c = 0; c < 6; c++) {
					totals[c] += week[c];
				}
			}
			return totals;
		}
	}

	/**
	 * The three rates per week and the reasons behind the unnecessary contacts, in one pass over the period's rollup
	 * rows; {@code bounds} are the weeks' starts and the end of the last, all on whole days. Each week: contacts,
	 * repeats, handled, transferred, with a reason, informational.
	 */
	Summary summary(KpiQuery query, List<Instant> bounds) {
		Map<String, Object> params = new HashMap<>();
		StringBuilder bucket = new StringBuilder("case");
		for (int i = 1; i < bounds.size(); i++) {
			bucket.append(" when d.offered_day < :b").append(i).append(" then ").append(i - 1);
			params.put("b" + i, day(bounds.get(i)));
		}
		bucket.append(" end");
		KpiQuery whole = new KpiQuery(bounds.getFirst(), bounds.getLast(), query.channel(), query.teamId(),
				query.queue(), query.brandId(), Map.of());
		List<long[]> weeks = new ArrayList<>();
		for (int i = 1; i < bounds.size(); i++) {
			weeks.add(new long[6]);
		}
		Map<List<String>, long[]> byReason = new LinkedHashMap<>();
		jdbc.sql("select week, reason, valence, sum(contacts), sum(repeats), sum(handled), sum(transferred), "
				+ "sum(with_reason), sum(informational), sum(unnecessary) from (select " + bucket + " as week, "
				+ "d.reason, d.valence, d.contacts, d.repeats, d.handled, d.transferred, d.with_reason, "
				+ "d.informational, d.unnecessary from contact_fact_day d" + where(whole, params)
				+ ") t group by week, reason, valence")
			.params(params)
			.query((rs, n) -> {
				long[] week = weeks.get(rs.getInt(1));
				for (int c = 0; c < 6; c++) {
					week[c] += rs.getLong(c + 4);
				}
				long unnecessary = rs.getLong(10);
				if (unnecessary > 0) {
					long[] reason = byReason.computeIfAbsent(Arrays.asList(rs.getString(2), rs.getString(3)),
							k -> new long[4]);
					reason[0] += rs.getLong(5);
					reason[1] += rs.getLong(7);
					reason[2] += rs.getLong(9);
					reason[3] += unnecessary;
				}
				return null;
			})
			.list();
		List<Object[]> reasons = new ArrayList<>();
		byReason.forEach((k, c) -> reasons.add(new Object[] { k.get(0), k.get(1), c[0], c[1], c[2], c[3] }));
		return new Summary(weeks, ContactFactTable.pareto(reasons));
	}

	private static String where(KpiQuery query, Map<String, Object> params) {
		params.put("from", day(query.from()));
		params.put("to", day(query.to()));
		return " where d.offered_day >= :from and d.offered_day < :to"
				+ ContactFactTable.filters(query, params, "d");
	}
}
