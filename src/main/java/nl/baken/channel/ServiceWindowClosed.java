package nl.baken.channel;

import nl.baken.shared.RuleViolationException;

/**
 * A free-form reply that the channel may not send now, such as WhatsApp outside the 24 hours after the customer's
 * last message; only an approved template may go out. Refused while the reply is stored, so the agent sees why.
 */
public class ServiceWindowClosed extends RuleViolationException {

	public ServiceWindowClosed(String message) {
		super(message);
	}
}
