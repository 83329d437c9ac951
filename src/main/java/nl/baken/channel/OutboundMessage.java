package nl.baken.channel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.baken.customer.Identity;
import nl.baken.customer.IdentityKind;

/**
 * One message for a channel to deliver. {@code identities} are the customer's (merged customers included), so each
 * channel picks its own address; {@code lastInbound} is the customer's latest message in the conversation (its
 * provider id for threading, its time for service windows), or {@code null} when the conversation was started by
 * Baken. {@code attempt} counts from 1. {@code opening} is true for the message that opens a conversation Baken started
 * itself (a proactive notification): it goes out under the conversation's own subject, not as a reply.
 */
public record OutboundMessage(UUID messageId, UUID conversationId, UUID customerId, String channel, String brandId,
		String language, String subject, String text, List<Identity> identities, LastInbound lastInbound,
		int attempt, boolean opening) {

	public OutboundMessage {
		identities = List.copyOf(identities);
	}

	/** A message in a conversation, sent as a reply. */
	public OutboundMessage(UUID messageId, UUID conversationId, UUID customerId, String channel, String brandId,
			String language, String subject, String text, List<Identity> identities, LastInbound lastInbound,
			int attempt) {
		this(messageId, conversationId, customerId, channel, brandId, language, subject, text, identities,
				lastInbound, attempt, false);
	}

	/** The customer's first identity of this kind, if they have one. */
	public Optional<String> address(IdentityKind kind) {
		return identities.stream().filter(i -> i.kind() == kind).map(Identity::value).findFirst();
	}

	public record LastInbound(String providerMessageId, Instant receivedAt) {
	}
}
