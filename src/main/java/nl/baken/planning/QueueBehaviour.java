package nl.baken.planning;

import nl.baken.shared.InvalidInputException;

/**
 * What the Erlang formulas leave out, for the simulation to take into account.
 *
 * @param chatSlowdown relative extra handle time of a chat per other chat the agent handles at the same time, in
 *        [0, 2]; e.g. 0.2: a chat beside two others takes 1.4 × as long
 * @param callbackShare share of contacts that, finding every agent busy, ask for a callback instead of waiting, in
 *        [0, 1]
 * @param callbackWindowMinutes callbacks are promised within this many minutes of the request
 */
public record QueueBehaviour(double chatSlowdown, double callbackShare, int callbackWindowMinutes) {

	public static final QueueBehaviour NONE = new QueueBehaviour(0, 0, 60);

	public QueueBehaviour {
		if (!(chatSlowdown >= 0 && chatSlowdown <= 2)) {
			throw new InvalidInputException("chatSlowdown", "chatSlowdown must be between 0 and 2");
		}
		if (!(callbackShare >= 0 && callbackShare <= 1)) {
			throw new InvalidInputException("callbackShare", "callbackShare must be between 0 and 1");
		}
		if (callbackWindowMinutes < 1 || callbackWindowMinutes > 1440) {
			throw new InvalidInputException("callbackWindowMinutes", "callbackWindowMinutes must be 1 to 1440");
		}
	}
}
