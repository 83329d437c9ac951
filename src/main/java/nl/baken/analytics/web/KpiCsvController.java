package nl.baken.analytics.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nl.baken.analytics.KpiDefinition;
import nl.baken.analytics.KpiQuery;
import nl.baken.analytics.KpiResult;
import nl.baken.analytics.Kpis;
import nl.baken.analytics.UnnecessaryContacts;
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

	/** Twelve weeks, as the unnecessary-contact page shows by default. */
	private static final int UNNECESSARY_DEFAULT_DAYS = 12 * 7 - 1;

	private final Kpis kpis;

	private final KpiFilters filters;

	KpiCsvController(Kpis kpis, KpiFilters filters) {
		this.kpis = kpis;
		this.filters = filters;
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
			@RequestParam(required = false) String teamId, @RequestParam(required = false) String brandId,
			@RequestParam(required = false) Long thresholdSeconds) {
		kpis.definition(name);
		Model model = new BindingAwareModelMap();
		KpiQuery query = query(from, to, channel, teamId, brandId, model);
		if (model.containsAttribute("error")) {
			return badPeriod();
		}
		Kpis.Drilldown drilldown = kpis.drilldown(name, KpiFilters.withThreshold(query, thresholdSeconds));
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

	/**
	 * The unnecessary-contact view's tables: {@code table=weeks} (default) the rates per week with their counts and
	 * definitions, {@code table=reasons} the reasons behind them. By default the last twelve weeks, like the page.
	 */
	@GetMapping(path = "/desk/kpis/unnecessary", params = "format=csv")
	ResponseEntity<?> unnecessary(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String teamId, @RequestParam(required = false) String brandId,
			@RequestParam(defaultValue = "weeks") String table) {
		if (!table.equals("weeks") && !table.equals("reasons")) {
			return problem(HttpStatus.BAD_REQUEST, "table is weeks or reasons");
		}
		Model model = new BindingAwareModelMap();
		KpiFilters.Filter filter = filters.filter(from, to, channel, teamId, brandId, model,
				UNNECESSARY_DEFAULT_DAYS);
		if (model.containsAttribute("error")) {
			return badPeriod();
		}
		Optional<UnnecessaryContacts> found = kpis.unnecessaryContacts(filter.query(), filter.weekBounds());
		if (found.isEmpty()) {
			return problem(HttpStatus.SERVICE_UNAVAILABLE,
					"the per-contact facts are being brought up to date; try again in a minute");
		}
		UnnecessaryContacts view = found.get();
		if (table.equals("reasons")) {
			List<List<String>> rows = view.reasons()
				.stream()
				.map(r -> List.of(Csv.cell(r.reason()), Csv.cell(r.valence()), Long.toString(r.repeats()),
						Long.toString(r.transferred()), Long.toString(r.informational()), Long.toString(r.total()),
						Csv.number(r.cumulativeShare())))
				.toList();
			return Csv.download("unnecessary-reasons.csv", List.of("reason", "valence", "repeats", "transferred",
					"informational", "unnecessary", "cumulativeSharePercent"), rows);
		}
		// each rate's definition beside its number, as on the page
		Map<String, String> identities = new HashMap<>();
		view.totals().forEach(r -> identities.put(r.definition().name(), Csv.cell(r.identity())));
		String repeat = identities.getOrDefault("repeat-contact-rate", "");
		String transfer = identities.getOrDefault("transfer-rate", "");
		String informational = identities.getOrDefault("informational-share", "");
		List<List<String>> rows = view.weeks()
			.stream()
			.map(w -> List.of(day(w.from()), day(w.to().minusSeconds(1)), Long.toString(w.contacts()),
					Long.toString(w.repeats()), Csv.number(w.repeatRate()), repeat, Long.toString(w.handled()),
					Long.toString(w.transferred()), Csv.number(w.transferRate()), transfer,
					Long.toString(w.withReason()), Long.toString(w.informational()),
					Csv.number(w.informationalShare()), informational))
			.toList();
		return Csv.download("unnecessary-weeks.csv",
				List.of("from", "to", "contacts", "repeats", "repeatRatePercent", "repeatRateIdentity", "handled",
						"transferred", "transferRatePercent", "transferRateIdentity", "withReason", "informational",
						"informationalSharePercent", "informationalShareIdentity"),
				rows);
	}

	private KpiQuery query(String from, String to, String channel, String teamId, String brandId, Model model) {
		return filters.filter(from, to, channel, teamId, brandId, model, 6).query();
	}

	private static String day(Instant at) {
		return LocalDate.ofInstant(at, KpiFilters.REPORTING_ZONE).toString();
	}

	/** A spreadsheet of another period than asked for would mislead: say what is wrong instead. */
	static ResponseEntity<ProblemDetail> badPeriod() {
		return problem(HttpStatus.BAD_REQUEST,
				"from and to are dates such as 2026-11-01, from is not after to, at most " + KpiFilters.MAX_DAYS
						+ " days apart");
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(status == HttpStatus.BAD_REQUEST ? "Invalid input" : "Not ready");
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}
}
