package nl.baken.planning;

import java.util.List;

/**
 * Staffing per interval for the base forecast and for a {@link WhatIf}.
 *
 * @param agentHours scheduled agent-hours of the base plan
 * @param whatIfAgentHours scheduled agent-hours with the change
 */
public record StaffingPlan(List<Interval> intervals, double agentHours, double whatIfAgentHours) {

	/**
	 * @param start start of the interval as given
	 * @param calls contacts in the base plan
	 * @param whatIfCalls contacts offered with the change (after deflection, callbacks moved out and in)
	 */
	public record Interval(String start, double calls, StaffingAnswer base, double whatIfCalls, StaffingAnswer whatIf) {
	}

	/** One row per interval: base and what-if agents and service level. */
	public String csv() {
		StringBuilder csv = new StringBuilder("start,calls,agents,scheduled_agents,service_level,abandon_rate,"
				+ "what_if_calls,what_if_agents,what_if_scheduled_agents,what_if_service_level,what_if_abandon_rate\n");
		for (Interval i : intervals) {
			csv.append(i.start()).append(',').append(number(i.calls())).append(',').append(i.base().agents())
				.append(',').append(i.base().scheduledAgents()).append(',').append(number(i.base().serviceLevel()))
				.append(',').append(number(i.base().probabilityOfAbandoning())).append(',')
				.append(number(i.whatIfCalls())).append(',').append(i.whatIf().agents()).append(',')
				.append(i.whatIf().scheduledAgents()).append(',').append(number(i.whatIf().serviceLevel()))
				.append(',').append(number(i.whatIf().probabilityOfAbandoning())).append('\n');
		}
		return csv.toString();
	}

	private static String number(Double value) {
		return value == null ? "" : String.format(java.util.Locale.ROOT, "%.6f", value);
	}
}
