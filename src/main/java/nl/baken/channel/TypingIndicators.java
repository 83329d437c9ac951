package nl.baken.channel;

import java.util.UUID;

/**
 * Typing indicators of the channels that have them (the web chat). Best effort: a signal lasts a few seconds, and
 * one that is lost only means an indicator does not show.
 */
public interface TypingIndicators {

	/** Whether the customer of this conversation is typing right now. */
	boolean customerTyping(UUID conversationId);

	/** The agent is typing a reply in this conversation; the customer's side shows it for a few seconds. */
	void agentTyping(UUID conversationId);
}
