package nl.baken.analytics.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

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
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Any two periods compared: every KPI over period A and period B with the same filters, side by side with the
 * difference (percentage points for rates), each number opening its contacts; also as CSV. Periods are whole days in
 * Europe/Amsterdam, both ends included; by default the last seven days (B) against the seven before (A).
 */
@Controller
class KpiCompareController {

	private static final ZoneId REPORTING_ZONE = KpiFilters.REPORTING_ZONE;

	private static final String ERROR = KpiFilters.PERIOD_ERROR;

	private final Kpis kpis;

	private final KpiFilters filters;

	private final Clock clock;

	KpiCompareController(Kpis kpis, KpiFilters filters, Clock clock) {
		this.kpis = kpis;
		this.filters = filters;
		this.clock = clock;
	}

	record Period(LocalDate from, LocalDate to) {

		KpiQuery query(KpiFilters.Chosen chosen) {
			return chosen.query(from, to);
		}
	}

	/** One KPI in both periods; {@code difference} is B − A in the KPI's unit (points for a percentage). */
	record Row(KpiDefinition definition, KpiResult a, KpiResult b, Double difference) {
	}

	@GetMapping("/desk/kpis/compare")
	String compare(@RequestParam(required = false) String fromA, @RequestParam(required = false) String toA,
			@RequestParam(required = false) String fromB, @RequestParam(required = false) String toB,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String teamId,
			@RequestParam(required = false) String brandId, Model model) {
		Comparison comparison = comparison(fromA, toA, fromB, toB, channel, teamId, brandId, model);
		model.addAttribute("a", comparison.a());
		model.addAttribute("b", comparison.b());
		model.addAttribute("chosen", comparison.chosen());
		model.addAttribute("rows", comparison.rows());
		return "analytics/compare";
	}

	@GetMapping(path = "/desk/kpis/compare", params = "format=csv")
	ResponseEntity<?> compareCsv(@RequestParam(required = false) String fromA,
			@RequestParam(required = false) String toA, @RequestParam(required = false) String fromB,
			@RequestParam(required = false) String toB, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String teamId, @RequestParam(required = false) String brandId) {
		Model model = new BindingAwareModelMap();
		Comparison comparison = comparison(fromA, toA, fromB, toB, channel, teamId, brandId, model);
		if (model.containsAttribute("error")) {
			// a spreadsheet of other periods than asked for would mislead: say what is wrong instead
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"periods are dates such as 2026-11-01 (fromA, toA, fromB, toB) and each starts before it ends");
			problem.setTitle("Invalid input");
			return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		List<List<String>> lines = new ArrayList<>();
		for (Row row : comparison.rows()) {
			lines.add(List.of(Csv.cell(row.definition().name()), Csv.cell(row.a().identity()),
					Csv.cell(row.a().unit()), comparison.a().from().toString(), comparison.a().to().toString(),
					Csv.number(row.a().value()), Csv.number(row.a().numerator()), Csv.number(row.a().denominator()),
					comparison.b().from().toString(), comparison.b().to().toString(), Csv.number(row.b().value()),
					Csv.number(row.b().numerator()), Csv.number(row.b().denominator()), Csv.number(row.difference())));
		}
		return Csv.download("kpis-compared.csv",
				List.of("kpi", "identity", "unit", "fromA", "toA", "valueA", "numeratorA", "denominatorA", "fromB",
						"toB", "valueB", "numeratorB", "denominatorB", "difference"),
				lines);
	}

	private record Comparison(Period a, Period b, KpiFilters.Chosen chosen, List<Row> rows) {
	}

	private Comparison comparison(String fromA, String toA, String fromB, String toB, String channel, String teamId,
			String brandId, Model model) {
		LocalDate today = LocalDate.now(clock.withZone(REPORTING_ZONE));
		Period b = period(fromB, toB, today, model);
		Period a = period(fromA, toA, b.from().minusDays(1), model);
		KpiFilters.Chosen chosen = filters.choose(channel, teamId, brandId, model);
		List<Row> rows = kpis.definitions().stream().map(d -> {
			KpiResult resultA = kpis.compute(d.name(), a.query(chosen));
			KpiResult resultB = kpis.compute(d.name(), b.query(chosen));
			Double difference = resultA.value() == null || resultB.value() == null ? null
					: resultB.value() - resultA.value();
			return new Row(d, resultA, resultB, difference);
		}).toList();
		return new Comparison(a, b, chosen, rows);
	}

	/** A period of whole days; by default the seven days up to {@code end}; a wrong one says so and takes that. */
	private static Period period(String from, String to, LocalDate end, Model model) {
		LocalDate last = PeriodField.date(to, end, model, ERROR);
		LocalDate first = PeriodField.date(from, last.minusDays(6), model, ERROR);
		if (first.isAfter(last)) {
			model.addAttribute("error", ERROR);
			first = last;
		}
		return new Period(first, last);
	}
}
