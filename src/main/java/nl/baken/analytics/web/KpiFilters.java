package nl.baken.analytics.web;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nl.baken.access.Teams;
import nl.baken.analytics.KpiQuery;
import nl.baken.customer.Brands;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The period and the channel, team and brand filters of the KPI pages: periods are whole days in Europe/Amsterdam,
 * both ends included; only filter values the pages offer count, anything else in the address means "all".
 */
@Component
class KpiFilters {

	static final ZoneId REPORTING_ZONE = KpiQuery.REPORTING_ZONE;

	static final List<String> CHANNELS = List.of("email", "whatsapp", "webchat", "phone");

	/** The KPIs accept periods up to 400 days. */
	static final int MAX_DAYS = 399;

	static final String PERIOD_ERROR = "kpi.error.period";

	private final Teams teams;

	private final Brands brands;

	private final Clock clock;

	KpiFilters(Teams teams, Brands brands, Clock clock) {
		this.teams = teams;
		this.brands = brands;
		this.clock = clock;
	}

	record Chosen(String channel, String teamId, String brandId) {

		/** These filters over the days {@code from} to {@code to}, both included. */
		KpiQuery query(LocalDate from, LocalDate to) {
			return new KpiQuery(from.atStartOfDay(REPORTING_ZONE).toInstant(),
					to.plusDays(1).atStartOfDay(REPORTING_ZONE).toInstant(), channel, teamId, null, brandId, Map.of());
		}
	}

	/** The filters as the page shows and links them. */
	record Filter(LocalDate from, LocalDate to, String channel, String teamId, String brandId) {

		KpiQuery query() {
			return new Chosen(channel, teamId, brandId).query(from, to);
		}

		/** The first day of each week (Monday to Sunday) in the period; the first may be cut by the period. */
		List<LocalDate> weekStarts() {
			List<LocalDate> starts = new ArrayList<>();
			for (LocalDate day = from; !day.isAfter(to); day = day.with(TemporalAdjusters.next(DayOfWeek.MONDAY))) {
				starts.add(day);
			}
			return starts;
		}

		/** Where each week starts, and where the last one ends. */
		List<Instant> weekBounds() {
			List<Instant> bounds = new ArrayList<>(
					weekStarts().stream().map(d -> d.atStartOfDay(REPORTING_ZONE).toInstant()).toList());
			bounds.add(to.plusDays(1).atStartOfDay(REPORTING_ZONE).toInstant());
			return bounds;
		}
	}

	/**
	 * The period ending today and lasting {@code defaultDays} + 1 days unless given; a wrong or too long one adds the
	 * page's error and is cut to what the KPIs accept.
	 */
	Filter filter(String from, String to, String channel, String teamId, String brandId, Model model,
			int defaultDays) {
		LocalDate today = LocalDate.now(clock.withZone(REPORTING_ZONE));
		LocalDate end = PeriodField.date(to, today, model, PERIOD_ERROR);
		LocalDate start = PeriodField.date(from, end.minusDays(defaultDays), model, PERIOD_ERROR);
		if (start.isAfter(end) || start.plusDays(MAX_DAYS).isBefore(end)) {
			model.addAttribute("error", PERIOD_ERROR);
			start = start.isAfter(end) ? end : end.minusDays(MAX_DAYS);
		}
		Chosen chosen = choose(channel, teamId, brandId, model);
		Filter filter = new Filter(start, end, chosen.channel(), chosen.teamId(), chosen.brandId());
		model.addAttribute("filter", filter);
		return filter;
	}

	/** The known values among these, and the choices for the page's form. */
	Chosen choose(String channel, String teamId, String brandId, Model model) {
		model.addAttribute("channels", CHANNELS);
		model.addAttribute("teams", teams.all());
		model.addAttribute("brands", brands.all());
		return new Chosen(known(channel, CHANNELS), known(teamId, teams.all().stream().map(Teams.Team::id).toList()),
				known(brandId, brands.all().stream().map(Brands.Brand::id).toList()));
	}

	/**
	 * The query with the service level's T when one is given (the wallboard links a channel's number with its own T),
	 * so that the contacts behind a number, on the page and in the CSV, are counted as the number was.
	 */
	static KpiQuery withThreshold(KpiQuery query, Long thresholdSeconds) {
		return thresholdSeconds == null ? query
				: new KpiQuery(query.from(), query.to(), query.channel(), query.teamId(), query.queue(), query.brandId(),
						Map.of("thresholdSeconds", thresholdSeconds.toString()));
	}

	private static String known(String value, List<String> allowed) {
		return value != null && allowed.contains(value) ? value : null;
	}
}
