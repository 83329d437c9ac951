package nl.baken.channel;

/**
 * One channel, as a plug-in: a bean with a unique {@link #id()} (the channel name stored with conversations and
 * messages, e.g. {@code email}). Inbound, an adapter verifies what its provider sends, parses it, and hands each
 * customer message to {@code Conversations.receive}, which stores a provider's repeated delivery once; it
 * acknowledges the provider only after that returned. Outbound, the outbox calls {@link #send} for each agent or bot
 * message of a conversation on this channel, retrying with backoff, and the adapter reports later statuses through
 * {@code Deliveries.reported}. Adding a channel is a new package with one such bean.
 */
public interface ChannelAdapter {

	String id();

	/**
	 * Hands the message to the provider and returns the provider's id for it, by which later status reports find
	 * it. Throws {@link DeliveryFailure}: retryable for a provider that is down or busy, permanent for a message it
	 * will never take (no address, outside a service window, refused content).
	 */
	String send(OutboundMessage message) throws DeliveryFailure;
}
