package nl.baken.answering;

import nl.baken.shared.InvalidInputException;

/**
 * Per-deployment confidence thresholds: at or above {@code answer} the matcher answers, at or above {@code suggest}
 * it suggests, below it hands off. Confidences are calibrated probabilities, so {@code answer = 0.8} means "answer
 * when it is right about 8 times in 10".
 */
public record Thresholds(double answer, double suggest) {

	public static final Thresholds DEFAULT = new Thresholds(0.6, 0.3);

	public Thresholds {
		if (!(suggest >= 0 && suggest <= answer && answer <= 1)) {
			throw new InvalidInputException("thresholds",
					"thresholds need 0 <= suggest <= answer <= 1, not suggest " + suggest + " and answer " + answer);
		}
	}

	/** What to do with a question whose best match has this confidence. */
	public Answer.Decision decide(double confidence) {
		if (confidence >= answer) {
			return Answer.Decision.ANSWER;
		}
		return confidence >= suggest ? Answer.Decision.SUGGEST : Answer.Decision.HAND_OFF;
	}
}
