package nl.baken.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.conversation.internal.ConversationStore;
import nl.baken.customer.Brands;
import nl.baken.customer.CustomerId;
import nl.baken.customer.Customers;
import nl.baken.customer.IdentityClaim;
import nl.baken.shared.Actor;
import nl.baken.shared.Ids;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Phone calls as conversations, for a telephony system that reports what happened to a call after the fact and in
 * any order. Unlike {@link Conversations}, which writes the events of a change as it happens, the caller here writes
 * each fact at the time the call had it, and brings the conversation's state in line with the call as now known.
 */
@Service
public class CallConversations {

	public static final String CHANNEL = "phone";

	private final ConversationStore store;

	private final ContactEvents events;

	private final Customers customers;

	private final Brands brands;

	CallConversations(ConversationStore store, ContactEvents events, Customers customers, Brands brands) {
		this.store = store;
		this.events = events;
		this.customers = customers;
		this.brands = brands;
	}

	/** The conversation of a new call, without events: the call's facts follow at their own times. */
	@Transactional(propagation = Propagation.MANDATORY)
	public ConversationView open(IdentityClaim caller, String brandId, Instant startedAt) {
		if (brandId != null && !brands.exists(brandId)) {
			throw new InvalidInputException("brand", "unknown brand '" + brandId + "'");
		}
		CustomerId customer = customers.resolve(caller);
		ConversationView conversation = new ConversationView(Ids.next(), customer.value(), brandId, CHANNEL,
				List.of(CHANNEL), null, null, null, ConversationStatus.QUEUED, null, 0, null, startedAt, startedAt, null,
				null);
		store.insert(conversation);
		return conversation;
	}

	/** Appends one fact of the call to the contact-event log, at the time it happened. */
	@Transactional(propagation = Propagation.MANDATORY)
	public ContactEvent record(UUID conversationId, Instant at, ContactEventType type, Actor actor, String queue,
			Map<String, Object> attributes) {
		ConversationView conversation = store.find(conversationId)
			.orElseThrow(() -> new NotFoundException("Conversation", conversationId));
		return events.append(at, conversation, type, actor, queue, attributes);
	}

	/** What the call is now: waiting, with an agent, or over (answered and ended, or not answered). */
	public record CallState(ConversationStatus status, String agent, Instant answeredAt, Instant endedAt,
			Instant updatedAt) {
	}

	/** Brings the conversation in line with the call as now known; the caller's transaction holds the call. */
	@Transactional(propagation = Propagation.MANDATORY)
	public ConversationView settle(UUID conversationId, CallState state) {
		ConversationView c = store.forUpdate(conversationId)
			.orElseThrow(() -> new NotFoundException("Conversation", conversationId));
		ConversationView settled = new ConversationView(c.id(), c.customerId(), c.brandId(), c.channel(), c.channels(),
				c.teamId(), state.agent(), c.language(), state.status(), c.contactReasonId(), c.priority(),
				c.subject(), c.createdAt(), state.updatedAt(), state.answeredAt(),
				state.status() == ConversationStatus.RESOLVED ? state.endedAt() : null);
		store.update(settled);
		return settled;
	}
}
