package nl.baken.analytics.web;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import nl.baken.analytics.CountedContact;
import nl.baken.analytics.KpiResult;
import nl.baken.analytics.Kpis;
import nl.baken.analytics.internal.KpiCatalogue;
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
 * The channel mix: contacts per channel per week (Monday to Sunday in Europe/Amsterdam) as a stacked SVG bar chart
 * and a table with counts and shares, also as CSV. A contact here is what the repeat-contact rate counts in its
 * denominator (a conversation offered in the period), so each count opens exactly its contacts there.
 */
@Controller
class ChannelMixController {

	private static final ZoneId REPORTING_ZONE = KpiFilters.REPORTING_ZONE;

	private static final String ERROR = KpiFilters.PERIOD_ERROR;

	/** Enough for a year's trend; a longer period would make an unreadable chart. */
	private static final int MAX_WEEKS = 53;

	private static final String COUNTED_BY = KpiCatalogue.REPEAT_CONTACT_RATE;

	private static final List<String> COLOURS = List.of("#1f6f8b", "#99a8b2", "#e6a400", "#5b8c5a", "#b55d9a",
			"#7a5195");

	static final int CHART_HEIGHT = 200;

	static final int BAR_WIDTH = 40;

	static final int BAR_GAP = 16;

	private final Kpis kpis;

	private final KpiFilters filters;

	private final Clock clock;

	ChannelMixController(Kpis kpis, KpiFilters filters, Clock clock) {
		this.kpis = kpis;
		this.filters = filters;
		this.clock = clock;
	}

	/** One week (clipped to the period) with its contacts per channel. */
	record Week(LocalDate from, LocalDate to, Map<String, Integer> counts, int total) {

		public int count(String channel) {
			return counts.getOrDefault(channel, 0);
		}

		public Double share(String channel) {
			return total == 0 ? null : 100.0 * count(channel) / total;
		}
	}

	/** One piece of a bar in the chart, in SVG user units. */
	record Segment(String channel, String colour, int x, int y, int height, int count, LocalDate from, LocalDate to) {
	}

	record Mix(LocalDate from, LocalDate to, KpiFilters.Chosen chosen, List<String> channels, List<Week> weeks,
			Week whole, KpiResult countedBy) {
	}

	@GetMapping("/desk/kpis/channels")
	String channels(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String teamId, @RequestParam(required = false) String brandId,
			Model model) {
		Mix mix = mix(from, to, teamId, brandId, model);
		model.addAttribute("mix", mix);
		model.addAttribute("rows", Stream.concat(mix.weeks().stream(), Stream.of(mix.whole())).toList());
		model.addAttribute("colours", colours(mix.channels()));
		model.addAttribute("segments", segments(mix));
		model.addAttribute("chartWidth", Math.max(1, mix.weeks().size()) * (BAR_WIDTH + BAR_GAP) + BAR_GAP);
		model.addAttribute("chartHeight", CHART_HEIGHT);
		return "analytics/channels";
	}

	@GetMapping(path = "/desk/kpis/channels", params = "format=csv")
	ResponseEntity<?> channelsCsv(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String teamId,
			@RequestParam(required = false) String brandId) {
		Model model = new BindingAwareModelMap();
		Mix mix = mix(from, to, teamId, brandId, model);
		if (model.containsAttribute("error")) {
			// a spreadsheet of another period than asked for would mislead: say what is wrong instead
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"from and to are dates such as 2026-11-01, from before to, at most " + MAX_WEEKS + " weeks apart");
			problem.setTitle("Invalid input");
			return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		List<List<String>> lines = new ArrayList<>();
		for (Week week : Stream.concat(mix.weeks().stream(), Stream.of(mix.whole())).toList()) {
			for (String channel : mix.channels()) {
				lines.add(List.of(week.from().toString(), week.to().toString(), Csv.cell(channel),
						Integer.toString(week.count(channel)), Integer.toString(week.total()),
						Csv.number(week.share(channel)), Csv.cell(mix.countedBy().identity())));
			}
		}
		return Csv.download("channel-mix.csv",
				List.of("from", "to", "channel", "contacts", "total", "sharePercent", "countedAs"), lines);
	}

	private Mix mix(String from, String to, String teamId, String brandId, Model model) {
		LocalDate today = LocalDate.now(clock.withZone(REPORTING_ZONE));
		LocalDate end = PeriodField.date(to, today, model, ERROR);
		LocalDate defaultStart = end.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(7);
		LocalDate start = PeriodField.date(from, defaultStart, model, ERROR);
		if (start.isAfter(end) || start.plusWeeks(MAX_WEEKS).isBefore(end)) {
			model.addAttribute("error", ERROR);
			start = defaultStart;
		}
		KpiFilters.Chosen chosen = filters.choose(null, teamId, brandId, model);
		Kpis.Drilldown counted = kpis.drilldown(COUNTED_BY,
				chosen.query(start, end));
		Map<LocalDate, Map<String, Integer>> byWeek = new TreeMap<>();
		for (LocalDate monday = start.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)); !monday.isAfter(end);
				monday = monday.plusWeeks(1)) {
			byWeek.put(monday, new LinkedHashMap<>());
		}
		Map<String, Integer> whole = new LinkedHashMap<>();
		for (CountedContact c : counted.contacts()) {
			if (!c.denominator()) {
				continue;
			}
			String channel = c.channel() == null ? "" : c.channel();
			LocalDate monday = LocalDate.ofInstant(c.offeredAt(), REPORTING_ZONE)
				.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			byWeek.computeIfAbsent(monday, m -> new LinkedHashMap<>()).merge(channel, 1, Integer::sum);
			whole.merge(channel, 1, Integer::sum);
		}
		// the usual channels first, always, so the colours stay put; any other channel after them
		List<String> channels = new ArrayList<>(KpiFilters.CHANNELS);
		whole.keySet().stream().filter(ch -> !channels.contains(ch)).sorted().forEach(channels::add);
		LocalDate first = start;
		List<Week> weeks = byWeek.entrySet()
			.stream()
			.map(e -> week(max(e.getKey(), first), min(e.getKey().plusDays(6), end), e.getValue()))
			.toList();
		return new Mix(start, end, chosen, List.copyOf(channels), weeks, week(start, end, whole),
				counted.result());
	}

	private static Week week(LocalDate from, LocalDate to, Map<String, Integer> counts) {
		return new Week(from, to, Map.copyOf(counts), counts.values().stream().mapToInt(Integer::intValue).sum());
	}

	private static Map<String, String> colours(List<String> channels) {
		Map<String, String> colours = new LinkedHashMap<>();
		for (int i = 0; i < channels.size(); i++) {
			colours.put(channels.get(i), COLOURS.get(i % COLOURS.size()));
		}
		return colours;
	}

	/** The bars, stacked from the bottom in channel order, scaled so the busiest week fills the chart. */
	private static List<Segment> segments(Mix mix) {
		Map<String, String> colours = colours(mix.channels());
		int highest = Math.max(1, mix.weeks().stream().mapToInt(Week::total).max().orElse(0));
		List<Segment> segments = new ArrayList<>();
		for (int i = 0; i < mix.weeks().size(); i++) {
			Week week = mix.weeks().get(i);
			int x = BAR_GAP + i * (BAR_WIDTH + BAR_GAP);
			int below = 0;
			for (String channel : mix.channels()) {
				int count = week.count(channel);
				if (count == 0) {
					continue;
				}
				int top = Math.round((float) CHART_HEIGHT * (below + count) / highest);
				int bottom = Math.round((float) CHART_HEIGHT * below / highest);
				segments.add(new Segment(channel, colours.get(channel), x, CHART_HEIGHT - top, Math.max(1, top - bottom),
						count, week.from(), week.to()));
				below += count;
			}
		}
		return segments;
	}

	private static LocalDate max(LocalDate a, LocalDate b) {
		return a.isAfter(b) ? a : b;
	}

	private static LocalDate min(LocalDate a, LocalDate b) {
		return a.isBefore(b) ? a : b;
	}
}
