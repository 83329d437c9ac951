package nl.baken.planning.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import nl.baken.planning.ContactHistory;
import nl.baken.planning.QueueBehaviour;
import nl.baken.planning.SimulatedAnswer;
import nl.baken.planning.Staffing;
import nl.baken.planning.StaffingPlan;
import nl.baken.planning.StaffingQuestion;
import nl.baken.planning.WhatIf;
import nl.baken.planning.internal.Forecaster;
import nl.baken.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The planning page: a day's contacts forecast from the contact-event log, the staff each half hour needs for the
 * service-level target (Erlang C, or Erlang A with a patience), and the same day with a what-if beside it, as a chart
 * and a table.
 */
@Controller
class PlanningPageController {

	private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	private static final int INTERVAL_MINUTES = 30;

	/** Handle time assumed when neither the planner nor the history gives one. */
	private static final double DEFAULT_AHT_SECONDS = 300;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private final ContactHistory history;

	private final Clock clock;

	PlanningPageController(ContactHistory history, Clock clock) {
		this.history = history;
		this.clock = clock;
	}

	/** The form, with the defaults a contact centre starts from; percentages as people type them. */
	record Settings(LocalDate day, String channel, Integer historyWeeks, Double ahtSeconds, Double targetSeconds,
			Double serviceLevelPercent, Double patienceSeconds, Double shrinkagePercent, Integer concurrency,
			Double chatSlowdownPercent, Double deflectionPercent, Double callbackPercent, Double ahtChangePercent) {
	}

	/** One bar pair of the chart, in SVG units. */
	record Bar(double x, double width, double baseY, double baseHeight, double whatIfY, double whatIfHeight,
			String label) {
	}

	@GetMapping("/desk/planning")
	String page(@ModelAttribute("settings") Settings given, Model model) {
		LocalDate today = LocalDate.now(clock.withZone(ZONE));
		Settings s = withDefaults(given, today);
		model.addAttribute("settings", s);
		model.addAttribute("channels", List.of("email", "whatsapp", "webchat", "phone"));
		try {
			StaffingPlan plan = plan(s, today, model);
			model.addAttribute("plan", plan);
			model.addAttribute("chart", chart(plan));
		}
		catch (InvalidInputException e) {
			model.addAttribute("error", e.field().equals("history") ? "planning.error.history" : "planning.error.input");
		}
		return "planning/plan";
	}

	private StaffingPlan plan(Settings s, LocalDate today, Model model) {
		if (s.day().isBefore(today.plusDays(1)) || s.day().isAfter(today.plusDays(28)) || s.historyWeeks() < 1
				|| s.historyWeeks() > 52) {
			throw new InvalidInputException("day", "the day to plan is tomorrow or at most four weeks ahead");
		}
		Instant end = today.atStartOfDay(ZONE).toInstant();
		Instant start = today.minusWeeks(s.historyWeeks()).atStartOfDay(ZONE).toInstant();
		List<ContactHistory.IntervalCount> counts = history.offered(start, end, INTERVAL_MINUTES, s.channel(), null);
		double[] values = counts.stream().mapToDouble(ContactHistory.IntervalCount::count).toArray();
		Forecaster.Series series = new Forecaster.Series(counts.getFirst().timestamp().toLocalDateTime(),
				INTERVAL_MINUTES, values);
		if (values.length < series.perWeek() || Arrays.stream(values).sum() == 0) {
			throw new InvalidInputException("history", "no contacts in the history to forecast from");
		}
		int perDay = series.perDay();
		// calendar days: the spring clock change makes one of them 23 hours
		int daysAhead = (int) ChronoUnit.DAYS.between(today, s.day());
		double[] forecast = Forecaster.forecast(series, (daysAhead + 1) * perDay, Set.of());
		double[] calls = Arrays.copyOfRange(forecast, daysAhead * perDay, (daysAhead + 1) * perDay);
		double[] aht = s.ahtSeconds() != null ? filled(perDay, s.ahtSeconds()) : handleTimeByTimeOfDay(counts, perDay);
		model.addAttribute("ahtSource", s.ahtSeconds() != null ? "planning.aht.entered"
				: counts.stream().anyMatch(c -> c.handled() > 0) ? "planning.aht.history" : "planning.aht.assumed");
		model.addAttribute("ahtMean", Arrays.stream(aht).average().orElse(DEFAULT_AHT_SECONDS));
		List<String> starts = new ArrayList<>();
		for (int i = 0; i < perDay; i++) {
			starts.add(TIME.format(s.day().atStartOfDay().plusMinutes((long) i * INTERVAL_MINUTES)));
		}
		StaffingQuestion template = new StaffingQuestion(0, INTERVAL_MINUTES, aht[0], s.targetSeconds(),
				s.serviceLevelPercent() / 100, s.patienceSeconds(), null, s.shrinkagePercent() / 100, s.concurrency());
		WhatIf change = new WhatIf(s.deflectionPercent() / 100, s.callbackPercent() / 100, 60,
				s.ahtChangePercent() / 100);
		StaffingPlan plan = Staffing.plan(template, starts, calls, aht, change);
		if (s.concurrency() > 1 && s.chatSlowdownPercent() > 0) {
			// chats that slow each other down are where Erlang stops holding: the simulation staffs the base plan
			QueueBehaviour behaviour = new QueueBehaviour(s.chatSlowdownPercent() / 100, 0, 60);
			List<SimulatedAnswer> simulated = new ArrayList<>(perDay);
			for (int i = 0; i < perDay; i++) {
				simulated.add(Staffing.simulate(template.withCalls(calls[i], aht[i]), behaviour));
			}
			model.addAttribute("simulated", simulated);
		}
		return plan;
	}

	private static double[] filled(int length, double value) {
		double[] values = new double[length];
		Arrays.fill(values, value);
		return values;
	}

	/**
	 * Mean handle time per time of day over the history, weighted by contacts handled; a time of day without handled
	 * contacts takes the mean of the whole history, and a history without any the default.
	 */
	static double[] handleTimeByTimeOfDay(List<ContactHistory.IntervalCount> history, int perDay) {
		double[] seconds = new double[perDay];
		long[] handled = new long[perDay];
		double allSeconds = 0;
		long allHandled = 0;
		for (int i = 0; i < history.size(); i++) {
			ContactHistory.IntervalCount interval = history.get(i);
			if (interval.ahtSeconds() != null) {
				seconds[i % perDay] += interval.ahtSeconds() * interval.handled();
				handled[i % perDay] += interval.handled();
				allSeconds += interval.ahtSeconds() * interval.handled();
				allHandled += interval.handled();
			}
		}
		double overall = allHandled == 0 ? DEFAULT_AHT_SECONDS : allSeconds / allHandled;
		double[] aht = new double[perDay];
		for (int j = 0; j < perDay; j++) {
			aht[j] = handled[j] == 0 ? overall : seconds[j] / handled[j];
		}
		return aht;
	}

	private static Settings withDefaults(Settings s, LocalDate today) {
		return new Settings(or(s.day(), today.plusDays(1)),
				s.channel() == null || s.channel().isBlank() ? null : s.channel(), or(s.historyWeeks(), 8),
				s.ahtSeconds(), or(s.targetSeconds(), 20.0), or(s.serviceLevelPercent(), 80.0),
				s.patienceSeconds(), or(s.shrinkagePercent(), 30.0), or(s.concurrency(), 1),
				or(s.chatSlowdownPercent(), 0.0), or(s.deflectionPercent(), 0.0), or(s.callbackPercent(), 0.0),
				or(s.ahtChangePercent(), 0.0));
	}

	private static <T> T or(T value, T otherwise) {
		return value == null ? otherwise : value;
	}

	/** Bars of scheduled agents, base and what-if side by side, scaled to a 960 × 240 drawing. */
	private static List<Bar> chart(StaffingPlan plan) {
		int n = plan.intervals().size();
		double highest = plan.intervals()
			.stream()
			.mapToInt(i -> Math.max(i.base().scheduledAgents(), i.whatIf().scheduledAgents()))
			.max()
			.orElse(0);
		double scale = highest == 0 ? 0 : 220 / highest;
		double slot = 960.0 / n;
		List<Bar> bars = new ArrayList<>();
		for (int k = 0; k < n; k++) {
			StaffingPlan.Interval i = plan.intervals().get(k);
			double base = i.base().scheduledAgents() * scale;
			double whatIf = i.whatIf().scheduledAgents() * scale;
			// a time under every fourth pair: every two hours with half-hour intervals
			bars.add(new Bar(k * slot, slot * 0.4, 230 - base, base, 230 - whatIf, whatIf,
					k % 4 == 0 ? i.start() : null));
		}
		return bars;
	}
}
