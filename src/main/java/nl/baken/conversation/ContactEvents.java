package nl.baken.conversation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import nl.baken.conversation.internal.EventStore;
import nl.baken.shared.Actor;
import nl.baken.shared.Ids;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contact-event log. Other modules append their own facts (IVR, callbacks, article views) here, always inside
 * the transaction of the change they record, and read it to compute KPIs.
 */
@Service
public class ContactEvents {

	private final EventStore store;

	ContactEvents(EventStore store) {
		this.store = store;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public ContactEvent append(Instant at, ConversationView conversation, ContactEventType type, Actor actor,
			String queue, Map<String, Object> attributes) {
		ContactEvent event = event(at, conversation, type, actor, queue, attributes);
		store.insert(event);
		return event;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public ContactEvent append(Instant at, UUID conversationId, UUID customerId, String channel, ContactEventType type,
			Actor actor, String brandId, String teamId, String queue, Map<String, Object> attributes) {
		ContactEvent event = event(at, conversationId, customerId, channel, type, actor, brandId, teamId, queue,
				attributes);
		store.insert(event);
		return event;
	}

	/** An event of {@code conversation} to append with others in one batch ({@link #appendAll}). */
	static ContactEvent event(Instant at, ConversationView conversation, ContactEventType type, Actor actor,
			String queue, Map<String, Object> attributes) {
		return event(at, conversation.id(), conversation.customerId(), conversation.channel(), type, actor,
				conversation.brandId(), conversation.teamId(), queue, attributes);
	}

	private static ContactEvent event(Instant at, UUID conversationId, UUID customerId, String channel,
			ContactEventType type, Actor actor, String brandId, String teamId, String queue,
			Map<String, Object> attributes) {
		return new ContactEvent(0, Ids.next(), at, conversationId, customerId, channel, type, actor, brandId, teamId,
				queue, attributes);
	}

	/** Appends {@code events} in this order, in one batch: what one inbound message records costs one round trip. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void appendAll(List<ContactEvent> events) {
		store.insertAll(events);
	}

	public List<ContactEvent> ofConversations(Collection<UUID> conversationIds) {
		return store.ofConversations(conversationIds);
	}

	/**
	 * Events that happened in [from, to), of the given types (all types when none are given), in time order. Served
	 * by the index on the event time; analytics reads periods of the log this way.
	 */
	public List<ContactEvent> between(Instant from, Instant to, Collection<ContactEventType> types) {
		return store.between(from, to, types);
	}

	/**
	 * The conversations that changed, as far as the log shows now: every event with a position above
	 * {@code lookBackFrom}. Transactions commit out of position order, so a reader that follows the log should keep
	 * looking back a little (see the desk's live updates) rather than only past the highest position it saw.
	 */
	public List<LogPosition> positionsAfter(long lookBackFrom, int limit) {
		return store.positionsAfter(lookBackFrom, limit)
			.stream()
			.map(p -> new LogPosition(p.seq(), p.conversationId(), p.type(), p.teamId()))
			.toList();
	}

	/**
	 * Every conversation's events, conversation by conversation (in no particular order within one), in one pass
	 * over the whole log: for a reader that derives something per conversation from all history at once, far faster
	 * than reading conversation by conversation. Only events of {@code withAttributes} carry their attributes (reading
	 * them is most of the cost). Call it inside a transaction: PostgreSQL reads through a cursor only in one.
	 */
	public void forEachConversation(Collection<ContactEventType> withAttributes,
			Consumer<List<ContactEvent>> conversation) {
		store.forEachConversation(withAttributes, conversation);
	}

	/** The highest position written so far (0 for an empty log). */
	public long lastPosition() {
		return store.lastPosition();
	}

	/** An event's position, conversation, type and team: what a reader needs to tell whether it matters to it. */
	public record LogPosition(long seq, UUID conversationId, ContactEventType type, String teamId) {
	}
}
