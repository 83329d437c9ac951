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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.support.BindingAwareModelMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The KPI page and a KPI's contacts as spreadsheets ({@code ?format=csv} on the same addresses), with the same period
 * (whole days in Europe/Amsterdam, by default the last seven) and filters, and each row's definition identity.
 */
@Controller
class KpiCsvController {

	private static final ZoneId REPORTING_ZONE = ZoneId.of(Teams.DEFAULT_TIME_ZONE);

	private final Kpis kpis;

	private final KpiFilters filters;

	private final Clock clock;

	KpiCsvController(Kpis kpis, KpiFilters filters, Clock clock) {
		this.kpis = kpis;
		this.filters = filters;
		this.clock = clock;
	}

	@GetMapping(path = "/desk/kpis", params = "format=csv")
	ResponseEntity<?> all(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String teamId,
			@RequestParam(required = false) String brandId) {
		Model model = new BindingAwareModelMap();
		KpiQuery query = query(from, to, channel, teamId, brandId, model);
		if (model.containsAttribute("error")) {
			return badPeriod();
		}
		List<List<String>> rows = kpis.definitions().stream().map(KpiDefinition::name).map(name -> {
			KpiResult r = kpis.compute(name, query);
			return List.of(Csv.cell(name), Csv.cell(r.definition().titleEn()), Csv.cell(r.identity()),
					Csv.cell(r.unit()), day(query.from()), day(query.to().minusSeconds(1)), Csv.number(r.value()),
					Csv.number(r.numerator()), Csv.number(r.denominator()));
		}).toList();
		return Csv.download("kpis.csv",
				List.of("kpi", "title", "identity", "unit", "from", "to", "value", "numerator", "denominator"), rows);
	}

	@GetMapping(path = "/desk/kpis/{name}", params = "format=csv")
	ResponseEntity<?> contacts(@PathVariable String name, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String teamId, @RequestParam(required = false) String brandId) {
		kpis.definition(name);
		Model model = new BindingAwareModelMap();
		KpiQuery query = query(from, to, channel, teamId, brandId, model);
		if (model.containsAttribute("error")) {
			return badPeriod();
		}
		Kpis.Drilldown drilldown = kpis.drilldown(name, query);
		String identity = drilldown.result().identity();
		List<List<String>> rows = drilldown.contacts()
			.stream()
			.map(c -> List.of(c.conversationId() == null ? "" : c.conversationId().toString(),
					c.customerId() == null ? "" : c.customerId().toString(), Csv.cell(c.channel()),
					Csv.cell(c.brandId()), c.offeredAt().toString(), Boolean.toString(c.numerator()),
					Boolean.toString(c.denominator()), Csv.cell(c.note()), Csv.cell(c.agentId()), Csv.cell(identity)))
			.toList();
		return Csv.download(name + "-contacts.csv", List.of("conversationId", "customerId", "channel", "brandId",
				"offeredAt", "numerator", "denominator", "note", "agentId", "identity"), rows);
	}

	private KpiQuery query(String from, String to, String channel, String teamId, String brandId, Model model) {
		LocalDate today = LocalDate.now(clock.withZone(REPORTING_ZONE));
		LocalDate end = PeriodField.date(to, today, model, "kpi.error.period");
		LocalDate start = PeriodField.date(from, end.minusDays(6), model, "kpi.error.period");
		if (start.isAfter(end)) {
			model.addAttribute("error", "kpi.error.period");
		}
		KpiFilters.Chosen chosen = filters.choose(channel, teamId, brandId, model);
		return new KpiQuery(start.atStartOfDay(REPORTING_ZONE).toInstant(),
				end.plusDays(1).atStartOfDay(REPORTING_ZONE).toInstant(), chosen.channel(), chosen.teamId(), null,
				chosen.brandId(), Map.of());
	}

	private static String day(java.time.Instant at) {
		return LocalDate.ofInstant(at, REPORTING_ZONE).toString();
	}

	/** A spreadsheet of another period than asked for would mislead: say what is wrong instead. */
	static ResponseEntity<ProblemDetail> badPeriod() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"from and to are dates such as 2026-11-01 and from is not after to");
		problem.setTitle("Invalid input");
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}
}
