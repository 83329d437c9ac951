package nl.baken.analytics.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nl.baken.analytics.KpiDefinition;
import nl.baken.analytics.KpiQuery;
import nl.baken.analytics.KpiResult;
import nl.baken.analytics.Kpis;
import nl.baken.analytics.UnnecessaryContacts;
import nl.baken.analytics.internal.KpiCatalogue;
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

	private static final int WEEKS_SHOWN = 12;

	private final Kpis kpis;

	private final ContactReasons reasons;

	private final KpiFilters filters;

	private final ChannelThresholds thresholds;

	KpiDashboardController(Kpis kpis, KpiFilters filters, ContactReasons reasons, ChannelThresholds thresholds) {
		this.kpis = kpis;
		this.reasons = reasons;
		this.filters = filters;
		this.thresholds = thresholds;
	}

	/** One channel's service level with that channel's T, under the service level over all channels. */
	record ChannelLevel(String channel, long thresholdSeconds, KpiResult result) {
	}

	@GetMapping("/desk/kpis")
	String dashboard(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String teamId,
			@RequestParam(required = false) String brandId, Model model) {
		KpiFilters.Filter filter = filter(from, to, channel, teamId, brandId, model);
		List<KpiResult> results = kpis.definitions()
			.stream()
			.map(KpiDefinition::name)
			.map(name -> kpis.compute(name, filter.query()))
			.toList();
		model.addAttribute("results", results);
		KpiQuery query = filter.query();
		if (query.channel() == null) {
			// one T over calls and e-mails fits neither, so each channel is shown with its own as well
			model.addAttribute("channelLevels", ChannelThresholds.CHANNELS.stream().map(code -> {
				long seconds = thresholds.seconds(code);
				KpiQuery inChannel = new KpiQuery(query.from(), query.to(), code, query.teamId(), query.queue(),
						query.brandId(), Map.of());
				return new ChannelLevel(code, seconds,
						kpis.compute(KpiCatalogue.SERVICE_LEVEL, KpiFilters.withThreshold(inChannel, seconds)));
			}).toList());
		}
		return "analytics/dashboard";
	}

	/** {@code thresholdSeconds}: the service level's T when it is not the default (the wallboard's T per channel). */
	@GetMapping("/desk/kpis/{name}")
	String contacts(@PathVariable String name, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String teamId, @RequestParam(required = false) String brandId,
			@RequestParam(required = false) Long thresholdSeconds, Model model) {
		KpiFilters.Filter filter = filter(from, to, channel, teamId, brandId, model);
		Kpis.Drilldown drilldown = kpis.drilldown(name, KpiFilters.withThreshold(filter.query(), thresholdSeconds));
		model.addAttribute("thresholdSeconds", thresholdSeconds);
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
		KpiFilters.Filter filter = filters.filter(from, to, channel, teamId, brandId, model, WEEKS_SHOWN * 7 - 1);
		List<LocalDate> starts = filter.weekStarts();
		Optional<UnnecessaryContacts> view = kpis.unnecessaryContacts(filter.query(), filter.weekBounds());
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

	private KpiFilters.Filter filter(String from, String to, String channel, String teamId, String brandId,
			Model model) {
		return filters.filter(from, to, channel, teamId, brandId, model, 6);
	}
}
