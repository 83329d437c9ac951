package nl.baken.channel.webchat;

import java.time.Clock;
import java.util.Optional;

import nl.baken.channel.ChannelAdapter;
import nl.baken.channel.DeliveryFailure;
import nl.baken.channel.OutboundMessage;
import nl.baken.customer.IdentityKind;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outbound web chat: an agent's message is put in the stream of the visitor who wrote in the conversation, from
 * which every node pushes it to their widget. The provider id is {@code wc-<message id>}; sending again (after a
 * crash between storing and the outbox noting it) stores nothing new and answers the same id.
 */
class WebchatAdapter implements ChannelAdapter {

	static final String ID = "webchat";

	private final VisitorStream stream;

	private final TransactionTemplate transactions;

	private final Clock clock;

	WebchatAdapter(VisitorStream stream, TransactionTemplate transactions, Clock clock) {
		this.stream = stream;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public String send(OutboundMessage message) throws DeliveryFailure {
		String visitor = visitor(message)
			.orElseThrow(() -> DeliveryFailure.permanent("the customer has no web chat visitor to send to"));
		String providerId = "wc-" + message.messageId();
		try {
			transactions.executeWithoutResult(status -> stream.append(visitor, "agent", providerId,
					message.messageId(), message.conversationId(), message.text(), null, clock.instant()));
		}
		catch (DataAccessException e) {
			throw DeliveryFailure.retryable("the web chat store is unavailable", e);
		}
		return providerId;
	}

	/** The visitor who wrote last in this conversation, else any visitor id the customer has. */
	private Optional<String> visitor(OutboundMessage message) {
		if (message.lastInbound() != null && message.lastInbound().providerMessageId() != null) {
			Optional<String> writer = stream.visitorOf(message.lastInbound().providerMessageId());
			if (writer.isPresent()) {
				return writer;
			}
		}
		return message.identities()
			.stream()
			.filter(i -> i.kind() == IdentityKind.WEB_VISITOR)
			.map(i -> i.value())
			.filter(stream::exists)
			.findFirst();
	}
}
