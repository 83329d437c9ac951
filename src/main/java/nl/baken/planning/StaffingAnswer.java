package nl.baken.planning;

import org.jspecify.annotations.Nullable;

/**
 * What one interval needs, or gets with a given staff.
 *
 * @param model {@code erlang-c} or {@code erlang-a}
 * @param traffic offered load in Erlangs, λ·AHT
 * @param agents agents on the phones (needed for the target, or as given)
 * @param scheduledAgents agents to schedule so that {@code agents} remain after shrinkage
 * @param serviceLevel share of all contacts answered within the target (abandoned ones count as missed)
 * @param probabilityOfWaiting share of contacts that wait at all
 * @param averageSpeedOfAnswerSeconds mean wait of answered contacts; null when the queue does not settle
 * @param occupancy share of agents' available time spent handling contacts
 * @param probabilityOfAbandoning share that hang up before an answer; null in Erlang C (no abandonment)
 */
public record StaffingAnswer(String model, double traffic, int agents, int scheduledAgents, double serviceLevel,
		double probabilityOfWaiting, @Nullable Double averageSpeedOfAnswerSeconds, double occupancy,
		@Nullable Double probabilityOfAbandoning) {
}
