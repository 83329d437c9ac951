package nl.baken.knowledge;

import nl.baken.shared.InvalidInputException;

/**
 * A guided flow that cannot be saved. Besides the English message for API clients it carries a {@code code} (the
 * message key suffix {@code knowledge.flow.error.<code>}) and the step concerned, so the editor page can say it in
 * Dutch or English.
 */
public class InvalidFlowException extends InvalidInputException {

	private final String code;

	private final String step;

	public InvalidFlowException(String code, String step, String message) {
		super(step == null ? "flow" : "steps." + step, message);
		this.code = code;
		this.step = step;
	}

	public String code() {
		return code;
	}

	public String step() {
		return step;
	}
}
