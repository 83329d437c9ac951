package nl.baken.planning;

/**
 * What the simulation found for one interval: the agents needed for the target (or as given) and the figures
 * with them, each a mean over batches whose 99% confidence interval is ± {@code margin}.
 *
 * @param scheduledAgents agents to schedule so that {@code agents} remain after shrinkage
 * @param formulaAgents agents the Erlang formula asks for, to compare
 * @param serviceLevel share of live contacts answered within the target (callback requests are flow-outs)
 * @param callbackShare share of contacts that asked for a callback
 * @param callbacksInTime share of callbacks made within their promised window
 */
public record SimulatedAnswer(int agents, int scheduledAgents, int formulaAgents, double serviceLevel, double margin,
		double probabilityOfWaiting, double probabilityOfAbandoning, double occupancy, double callbackShare,
		double callbacksInTime) {
}
