package nl.baken.planning.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import nl.baken.access.RequiresScope;
import nl.baken.access.Scope;
import nl.baken.planning.ContactHistory;
import nl.baken.planning.QueueBehaviour;
import nl.baken.planning.SimulatedAnswer;
import nl.baken.planning.Staffing;
import nl.baken.planning.StaffingAnswer;
import nl.baken.planning.StaffingPlan;
import nl.baken.planning.StaffingQuestion;
import nl.baken.planning.WhatIf;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Contact history for forecasting, staffing questions for one interval and plans for many, with what-if. */
@RestController
@RequestMapping("/api/v1/planning")
class PlanningController {

	private final ContactHistory history;

	PlanningController(ContactHistory history) {
		this.history = history;
	}

	/**
	 * Contacts offered and their handle time per interval, from the contact-event log, for one channel and queue or
	 * all; as CSV it is what {@code forecast} reads.
	 */
	@GetMapping(path = "/history", produces = MediaType.APPLICATION_JSON_VALUE)
	@RequiresScope(Scope.PLANNING)
	List<ContactHistory.IntervalCount> history(@RequestParam Instant from, @RequestParam Instant to,
			@RequestParam(defaultValue = "30") int intervalMinutes, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String queue) {
		return history.offered(from, to, intervalMinutes, channel, queue);
	}

	@GetMapping(path = "/history", produces = "text/csv")
	@RequiresScope(Scope.PLANNING)
	String historyCsv(@RequestParam Instant from, @RequestParam Instant to,
			@RequestParam(defaultValue = "30") int intervalMinutes, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String queue) {
		StringBuilder csv = new StringBuilder("timestamp,count,aht_seconds\n");
		history.offered(from, to, intervalMinutes, channel, queue)
			.forEach(interval -> csv.append(interval.timestamp())
				.append(',')
				.append(interval.count())
				.append(',')
				.append(interval.ahtSeconds() == null ? ""
						: String.format(Locale.ROOT, "%.1f", interval.ahtSeconds()))
				.append('\n'));
		return csv.toString();
	}

	@PostMapping("/erlang")
	@RequiresScope(Scope.PLANNING)
	StaffingAnswer erlang(@Valid @RequestBody Interval request) {
		return Staffing.answer(request.question());
	}

	/**
	 * The same interval simulated, with what the formulas leave out: chats that slow each other down, callers who
	 * ask for a callback.
	 */
	@PostMapping("/simulations")
	@RequiresScope(Scope.PLANNING)
	SimulatedAnswer simulate(@Valid @RequestBody Simulation request) {
		return Staffing.simulate(request.interval().question(), request.behaviour());
	}

	@PostMapping(path = "/staffing-plans", produces = MediaType.APPLICATION_JSON_VALUE)
	@RequiresScope(Scope.PLANNING)
	StaffingPlan plan(@Valid @RequestBody PlanRequest request) {
		return request.plan();
	}

	/** The same plan as CSV, for a spreadsheet. */
	@PostMapping(path = "/staffing-plans", produces = "text/csv")
	@RequiresScope(Scope.PLANNING)
	String planCsv(@Valid @RequestBody PlanRequest request) {
		return request.plan().csv();
	}

	record Interval(@NotNull Double calls, @NotNull Double intervalMinutes, @NotNull Double ahtSeconds,
			@NotNull Double targetSeconds, @NotNull Double targetServiceLevel, @Nullable Double patienceSeconds,
			@Nullable Integer agents, @Nullable Double shrinkage, @Nullable Integer concurrency) {

		StaffingQuestion question() {
			return new StaffingQuestion(calls, intervalMinutes, ahtSeconds, targetSeconds, targetServiceLevel,
					patienceSeconds, agents, shrinkage == null ? 0 : shrinkage, concurrency == null ? 1 : concurrency);
		}
	}

	record Simulation(@NotNull @Valid Interval interval, @Nullable Double chatSlowdown,
			@Nullable Double callbackShare, @Nullable Integer callbackWindowMinutes) {

		QueueBehaviour behaviour() {
			return new QueueBehaviour(chatSlowdown == null ? 0 : chatSlowdown, callbackShare == null ? 0 : callbackShare,
					callbackWindowMinutes == null ? 60 : callbackWindowMinutes);
		}
	}

	record PlanInterval(@NotBlank @Size(max = 40) String start, @NotNull Double calls, @Nullable Double ahtSeconds) {
	}

	record Change(@Nullable Double deflectionShare, @Nullable Double callbackShare,
			@Nullable Integer callbackWindowMinutes, @Nullable Double ahtChange) {

		WhatIf whatIf() {
			return new WhatIf(deflectionShare == null ? 0 : deflectionShare, callbackShare == null ? 0 : callbackShare,
					callbackWindowMinutes == null ? 60 : callbackWindowMinutes, ahtChange == null ? 0 : ahtChange);
		}
	}

	record PlanRequest(@NotNull Double intervalMinutes, @NotNull Double ahtSeconds, @NotNull Double targetSeconds,
			@NotNull Double targetServiceLevel, @Nullable Double patienceSeconds, @Nullable Double shrinkage,
			@Nullable Integer concurrency, @NotEmpty @Size(max = 3000) List<@Valid @NotNull PlanInterval> intervals,
			@Nullable Change whatIf) {

		StaffingPlan plan() {
			StaffingQuestion template = new StaffingQuestion(0, intervalMinutes, ahtSeconds, targetSeconds,
					targetServiceLevel, patienceSeconds, null, shrinkage == null ? 0 : shrinkage,
					concurrency == null ? 1 : concurrency);
			double[] calls = new double[intervals.size()];
			double[] aht = new double[intervals.size()];
			for (int i = 0; i < calls.length; i++) {
				calls[i] = intervals.get(i).calls();
				aht[i] = intervals.get(i).ahtSeconds() == null ? ahtSeconds : intervals.get(i).ahtSeconds();
			}
			// checks every interval's figures (and names the field) before any staffing is computed
			for (int i = 0; i < calls.length; i++) {
				template.withCalls(calls[i], aht[i]);
			}
			return Staffing.plan(template, intervals.stream().map(PlanInterval::start).toList(), calls, aht,
					whatIf == null ? WhatIf.NONE : whatIf.whatIf());
		}
	}
}
