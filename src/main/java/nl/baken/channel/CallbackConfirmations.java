package nl.baken.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.baken.channel.whatsapp.ServiceWindow;
import nl.baken.conversation.ConversationDetail;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.MessageView;
import nl.baken.customer.CustomerId;
import nl.baken.routing.CallbackChanged;
import nl.baken.routing.CallbackView;
import nl.baken.routing.CallbackWording;
import nl.baken.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the customer on the channel they came from that their callback was booked, moved or cancelled: a plain
 * message from Baken in the conversation of the request (the web chat of the widget, or the e-mail or WhatsApp
 * conversation an agent asked from), else in the customer's latest open one on those channels; WhatsApp only inside
 * its 24-hour window. A customer with no such conversation (a phone menu or contact page request) is told by the
 * IVR or the confirmation page instead. The message enters the outbox in the transaction of the change.
 */
@Component
class CallbackConfirmations {

	private static final Logger log = LoggerFactory.getLogger(CallbackConfirmations.class);

	static final Actor BY = Actor.system("callbacks");

	private static final Set<String> CHANNELS = Set.of("webchat", "email", "whatsapp");

	private final Conversations conversations;

	private final Outbox outbox;

	private final CallbackWording wording;

	private final Clock clock;

	CallbackConfirmations(Conversations conversations, Outbox outbox, CallbackWording wording, Clock clock) {
		this.conversations = conversations;
		this.outbox = outbox;
		this.wording = wording;
		this.clock = clock;
	}

	@EventListener
	void on(CallbackChanged changed) {
		CallbackView c = changed.callback();
		Instant now = clock.instant();
		Optional<ConversationDetail> target = target(c, changed.requestConversationId(), now);
		if (target.isEmpty()) {
			log.debug("callback {}: no open conversation on a messaging channel to confirm in", c.id());
			return;
		}
		ConversationDetail conversation = target.get();
		String language = c.language() != null ? c.language() : conversation.conversation().language();
		String text = wording.confirmation(c, changed.change(), CallbackWording.locale(language));
		MessageView message = conversations.sendAutomatic(new ConversationId(conversation.conversation().id()), text,
				BY, now);
		outbox.enqueue(message.id(), message.channel());
	}

	/** The request's own conversation when it is open on a messaging channel, else the customer's latest one. */
	private Optional<ConversationDetail> target(CallbackView c, UUID asked, Instant now) {
		if (asked != null) {
			Optional<ConversationDetail> own = conversations.detail(new ConversationId(asked))
				.filter(d -> usable(d, now));
			if (own.isPresent()) {
				return own;
			}
		}
		return conversations.timeline(new CustomerId(c.customerId()), null, 10)
			.conversations()
			.stream()
			.filter(d -> usable(d, now))
			.max(Comparator.comparing(d -> d.conversation().updatedAt()));
	}

	private static boolean usable(ConversationDetail d, Instant now) {
		if (!d.conversation().status().isOpen() || !CHANNELS.contains(d.conversation().channel())) {
			return false;
		}
		if (!"whatsapp".equals(d.conversation().channel())) {
			return true;
		}
		Instant lastInbound = d.messages()
			.stream()
			.filter(m -> "inbound".equals(m.direction()))
			.map(MessageView::createdAt)
			.max(Comparator.naturalOrder())
			.orElse(null);
		return ServiceWindow.open(lastInbound, now);
	}
}
