package nl.baken.routing;

import java.util.UUID;

/**
 * Published in the transaction that changed a callback's promise: requested (also a request linked to a pending
 * one), rescheduled (another slot, or a retry after no answer) or cancelled. The customer is told on their channel;
 * {@code requestConversationId} is the conversation they asked in, if any.
 */
public record CallbackChanged(CallbackView callback, Change change, UUID requestConversationId) {

	public enum Change {
		REQUESTED, RESCHEDULED, CANCELLED
	}
}
