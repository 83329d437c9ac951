package nl.baken.routing;

/**
 * Published in the transaction that changed a callback's promise: requested (also a request linked to a pending
 * one), rescheduled (another slot, or a retry after no answer) or cancelled. The customer is told on their channel.
 */
public record CallbackChanged(CallbackView callback, Change change) {

	public enum Change {
		REQUESTED, RESCHEDULED, CANCELLED
	}
}
