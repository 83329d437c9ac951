package nl.baken.conversation;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import nl.baken.conversation.internal.ConversationStore;
import nl.baken.shared.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The delivery side of outbound messages: what a channel sends, and the statuses it reports back. Every change of
 * status is also a contact event, so the desk's live updates show it on every node.
 */
@Service
public class Deliveries {

	private final ConversationStore store;

	private final ContactEvents events;

	Deliveries(ConversationStore store, ContactEvents events) {
		this.store = store;
		this.events = events;
	}

	public Optional<OutboundDraft> draft(UUID messageId) {
		return store.message(messageId)
			.filter(m -> m.direction().equals("outbound"))
			.flatMap(m -> store.find(m.conversationId())
				.map(c -> new OutboundDraft(m, c, store.lastInbound(c.id()).orElse(null))));
	}

	/** The delivery status of each of these outbound messages (pending when the channel has not sent it yet). */
	public Map<UUID, DeliveryStatus> statuses(Collection<UUID> messageIds) {
		return store.deliveryStatuses(messageIds);
	}

	/** The channel handed the message to its provider, which knows it as {@code providerMessageId}. */
	@Transactional
	public void sent(UUID messageId, String providerMessageId, Instant at) {
		store.message(messageId).ifPresent(m -> change(m, DeliveryStatus.SENT, providerMessageId, null, at));
	}

	/** The channel gave up on the message; {@code reason} is shown to agents and admins, so it holds no secrets. */
	@Transactional
	public void failed(UUID messageId, String reason, Instant at) {
		store.message(messageId).ifPresent(m -> change(m, DeliveryStatus.FAILED, null, reason, at));
	}

	/** An admin sends a failed message again: it is pending once more, the only way back from failed. */
	@Transactional
	public void requeued(UUID messageId, Instant at) {
		store.message(messageId)
			.filter(m -> DeliveryStatus.FAILED.code().equals(m.deliveryStatus()))
			.filter(m -> store.updateDelivery(m.id(), DeliveryStatus.FAILED, DeliveryStatus.PENDING, null))
			.ifPresent(m -> appendEvent(m, DeliveryStatus.PENDING, null, at));
	}

	/**
	 * A status the provider reported for a message it knows by its own id. Returns false when no outbound message of
	 * this channel has that id (not ours, or reported before we stored the send) so the caller can answer the provider
	 * accordingly.
	 */
	@Transactional
	public boolean reported(String channel, String providerMessageId, DeliveryStatus status, String detail,
			Instant at) {
		Optional<MessageView> message = store.outboundByProviderId(channel, providerMessageId);
		message.ifPresent(m -> change(m, status, null, detail, at));
		return message.isPresent();
	}

	private void change(MessageView message, DeliveryStatus status, String providerMessageId, String detail,
			Instant at) {
		DeliveryStatus current = message.deliveryStatus() == null ? DeliveryStatus.PENDING
				: DeliveryStatus.fromCode(message.deliveryStatus());
		if (!current.canMoveTo(status) || !store.updateDelivery(message.id(), current, status, providerMessageId)) {
			return;
		}
		appendEvent(message, status, detail, at);
	}

	private void appendEvent(MessageView message, DeliveryStatus status, String detail, Instant at) {
		ConversationView conversation = store.find(message.conversationId()).orElseThrow();
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("messageId", message.id().toString());
		attributes.put("status", status.code());
		if (detail != null) {
			attributes.put("detail", detail);
		}
		events.append(at, conversation, ContactEventType.DELIVERY_UPDATED, Actor.system(message.channel()), null,
				attributes);
	}
}
