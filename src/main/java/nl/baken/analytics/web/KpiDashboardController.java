package nl.baken.analytics.web;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nl.baken.access.Teams;
import nl.baken.analytics.KpiDefinition;
import nl.baken.analytics.KpiQuery;
import nl.baken.analytics.KpiResult;
import nl.baken.analytics.Kpis;
import nl.baken.analytics.UnnecessaryContacts;
import nl.baken.conversation.ContactReason;
import nl.baken.conversation.ContactReasons;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The KPI page for team leads, planners and admins: every KPI over a period with its definition beside the number,
 * and each number opened into the contacts it counted. Periods are whole days in Europe/Amsterdam, both ends included.
 */
@Controller
class KpiDashboardController {

	private static final ZoneId REPORTING_ZONE = ZoneId.of(Teams.DEFAULT_TIME_ZONE);

	private static final int WEEKS_SHOWN = 12;

	/** The KPIs accept periods up to 400 days. */
	private static final int MAX_DAYS = 399;

	private final Kpis kpis;

	private final ContactReasons reasons;

	private final KpiFilters filters;

	private final Clock clock;

	KpiDashboardController(Kpis kpis, KpiFilters filters, Clock clock, ContactReasons reasons) {
		this.kpis = kpis;
		this.reasons = reasons;
		this.filters = filters;
		this.clock = clock;
	}

	/** The filters as the page shows and links them. */
	record Filter(LocalDate from, LocalDate to, String channel, String teamId, String brandId) {

		KpiQuery query() {
			return new KpiQuery(from.atStartOfDay(REPORTING_ZONE).toInstant(),
					to.plusDays(1).atStartOfDay(REPORTING_ZONE).toInstant(), channel, teamId, null, brandId, Map.of());
		}
	}

	@GetMapping("/desk/kpis")
	String dashboard(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String teamId,
			@RequestParam(required = false) String brandId, Model model) {
		Filter filter = filter(from, to, channel, teamId, brandId, model);
		List<KpiResult> results = kpis.definitions()
			.stream()
			.map(KpiDefinition::name)
			.map(name -> kpis.compute(name, filter.query()))
			.toList();
		model.addAttribute("results", results);
		return "analytics/dashboard";
	}

	@GetMapping("/desk/kpis/{name}")
	String contacts(@PathVariable String name, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String teamId, @RequestParam(required = false) String brandId,
			Model model) {
		Filter filter = filter(from, to, channel, teamId, brandId, model);
		Kpis.Drilldown drilldown = kpis.drilldown(name, filter.query());
		model.addAttribute("result", drilldown.result());
		model.addAttribute("contacts", drilldown.contacts());
		return "analytics/contacts";
	}

	/** A week of the unnecessary-contact page: its first and last day (a period may cut the first and last week). */
	record WeekView(LocalDate from, LocalDate to, UnnecessaryContacts.Week week) {
	}

	/**
	 * Repeat, transfer and informational rates per week (Monday to Sunday, cut by the period) with the reasons behind
	 * them, by default over the last twelve weeks; read from the per-contact facts.
	 */
	@GetMapping("/desk/kpis/unnecessary")
	String unnecessary(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String teamId,
			@RequestParam(required = false) String brandId, Model model) {
		Filter filter = filter(from, to, channel, teamId, brandId, model, WEEKS_SHOWN * 7 - 1);
		List<LocalDate> starts = new ArrayList<>();
		for (LocalDate day = filter.from(); !day.isAfter(filter.to()); day = day
			.with(TemporalAdjusters.next(DayOfWeek.MONDAY))) {
			starts.add(day);
		}
		List<Instant> bounds = new ArrayList<>(starts.stream().map(d -> d.atStartOfDay(REPORTING_ZONE).toInstant()).toList());
		bounds.add(filter.to().plusDays(1).atStartOfDay(REPORTING_ZONE).toInstant());
		Optional<UnnecessaryContacts> view = kpis.unnecessaryContacts(filter.query(), bounds);
		model.addAttribute("view", view.orElse(null));
		view.ifPresent(v -> {
			List<WeekView> weeks = new ArrayList<>();
			for (int i = 0; i < starts.size(); i++) {
				LocalDate last = i + 1 < starts.size() ? starts.get(i + 1).minusDays(1) : filter.to();
				weeks.add(new WeekView(starts.get(i), last, v.weeks().get(i)));
			}
			model.addAttribute("weeks", weeks);
			long most = v.reasons().stream().mapToLong(UnnecessaryContacts.Reason::total).max().orElse(1);
			model.addAttribute("most", most);
		});
		Map<String, ContactReason> names = new HashMap<>();
		reasons.all().forEach(r -> names.put(r.id(), r));
		model.addAttribute("reasonNames", names);
		return "analytics/unnecessary";
	}

	private Filter filter(String from, String to, String channel, String teamId, String brandId, Model model) {
		return filter(from, to, channel, teamId, brandId, model, 6);
	}

	private Filter filter(String from, String to, String channel, String teamId, String brandId, Model model,
			int defaultDays) {
		LocalDate today = LocalDate.now(clock.withZone(REPORTING_ZONE));
		LocalDate end = PeriodField.date(to, today, model, "kpi.error.period");
		LocalDate start = PeriodField.date(from, end.minusDays(defaultDays), model, "kpi.error.period");
		if (start.isAfter(end) || start.plusDays(MAX_DAYS).isBefore(end)) {
			model.addAttribute("error", "kpi.error.period");
			start = start.isAfter(end) ? end : end.minusDays(MAX_DAYS);
		}
		KpiFilters.Chosen chosen = filters.choose(channel, teamId, brandId, model);
		Filter filter = new Filter(start, end, chosen.channel(), chosen.teamId(), chosen.brandId());
		model.addAttribute("filter", filter);
		return filter;
	}
}
