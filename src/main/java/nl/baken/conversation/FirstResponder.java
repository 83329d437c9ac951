package nl.baken.conversation;

/**
 * Extension point: who answers a new conversation before a person does (the bot). A conversation that a responder
 * takes starts with status {@code bot} instead of entering the queue; the responder later answers it, closes it or
 * hands it to the queue with {@link Conversations#handOff}. Without any such bean every conversation queues.
 */
public interface FirstResponder {

	/** Whether this responder takes the new conversation that {@code first} opens; must be quick and side-effect free. */
	boolean takes(InboundMessage first);
}
