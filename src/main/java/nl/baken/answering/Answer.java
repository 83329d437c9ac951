package nl.baken.answering;

import java.util.List;
import java.util.Optional;

/**
 * What the matcher makes of a question: the decision from the deployment's {@link Thresholds} and the labels ranked
 * by confidence (best first; empty when the matcher has nothing to offer).
 */
public record Answer(Decision decision, List<Match> matches) {

	public Answer {
		matches = List.copyOf(matches);
	}

	public enum Decision {

		/** Confident enough to answer with the best label. */
		ANSWER,

		/** Not sure: offer the best labels as suggestions ("did you mean…"). */
		SUGGEST,

		/** No answer: hand the question to a person. */
		HAND_OFF

	}

	/** The best label, only when the decision is to answer. */
	public Optional<Match> answer() {
		return decision == Decision.ANSWER ? Optional.of(matches.getFirst()) : Optional.empty();
	}

	public double confidence() {
		return matches.isEmpty() ? 0 : matches.getFirst().confidence();
	}
}
