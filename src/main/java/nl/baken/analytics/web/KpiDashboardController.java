package nl.baken.analytics.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import nl.baken.access.Teams;
import nl.baken.analytics.KpiDefinition;
import nl.baken.analytics.KpiQuery;
import nl.baken.analytics.KpiResult;
import nl.baken.analytics.Kpis;
import nl.baken.customer.Brands;
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

	private static final List<String> CHANNELS = List.of("email", "whatsapp", "webchat", "phone");

	private final Kpis kpis;

	private final Teams teams;

	private final Brands brands;

	private final Clock clock;

	KpiDashboardController(Kpis kpis, Teams teams, Brands brands, Clock clock) {
		this.kpis = kpis;
		this.teams = teams;
		this.brands = brands;
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

	private Filter filter(String from, String to, String channel, String teamId, String brandId, Model model) {
		LocalDate today = LocalDate.now(clock.withZone(REPORTING_ZONE));
		LocalDate end = PeriodField.date(to, today, model, "kpi.error.period");
		LocalDate start = PeriodField.date(from, end.minusDays(6), model, "kpi.error.period");
		if (start.isAfter(end)) {
			model.addAttribute("error", "kpi.error.period");
			start = end;
		}
		Filter filter = new Filter(start, end, known(channel, CHANNELS),
				known(teamId, teams.all().stream().map(Teams.Team::id).toList()),
				known(brandId, brands.all().stream().map(Brands.Brand::id).toList()));
		model.addAttribute("filter", filter);
		model.addAttribute("channels", CHANNELS);
		model.addAttribute("teams", teams.all());
		model.addAttribute("brands", brands.all());
		return filter;
	}

	/** Only values the page offers; anything else in the address means "all". */
	private static String known(String value, List<String> allowed) {
		return value != null && allowed.contains(value) ? value : null;
	}
}
