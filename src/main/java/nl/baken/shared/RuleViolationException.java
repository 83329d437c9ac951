package nl.baken.shared;

/**
 * A well-formed request that the current state does not allow, such as resolving a conversation that is already
 * resolved. Answered as 409 Conflict.
 */
public class RuleViolationException extends RuntimeException {

	public RuleViolationException(String message) {
		super(message);
	}
}
