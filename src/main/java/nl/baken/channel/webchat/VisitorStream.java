package nl.baken.channel.webchat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import nl.baken.shared.Sql;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What each visitor's widget shows, in the database so that any node serves the stream. Positions are per visitor
 * and gap-free: an append locks the visitor's row, so positions commit in order and "everything after n" is exact.
 * Readers on this node are woken at once after commit; readers on other nodes find new entries by polling.
 */
class VisitorStream {

	private final JdbcClient jdbc;

	private final ConcurrentMap<String, Object> signals = new ConcurrentHashMap<>();

	VisitorStream(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * {@code author} is {@code visitor} or {@code agent} (anything Baken sent); {@code sender} says who in Baken wrote
	 * an outbound message (from the conversation's message: the bot, an agent or the system), null where not read.
	 */
	record Entry(long seq, String author, String providerMessageId, UUID messageId, UUID conversationId, String text,
			String attachments, Instant at, Sender sender) {
	}

	/** {@code kind}: {@code bot}, {@code agent} or {@code system}; {@code id}: the agent's user name. */
	record Sender(String kind, String id) {
	}

	/** Creates the visitor's stream if it does not exist yet; in its own transaction, as a race may refuse it. */
	void open(String visitorId, String brand, Instant at) {
		if (exists(visitorId)) {
			return;
		}
		try {
			jdbc.sql("insert into webchat_visitor (visitor_id, brand_id, last_seq, created_at) values (?, ?, 0, ?)")
				.params(visitorId, brand, Sql.utc(at))
				.update();
		}
		catch (DuplicateKeyException e) {
			// another request of the same visitor opened it first
		}
	}

	boolean exists(String visitorId) {
		return jdbc.sql("select count(*) from webchat_visitor where visitor_id = ?")
			.param(visitorId)
			.query(Long.class)
			.single() > 0;
	}

	/** Appends once per provider message id; a repeat returns the entry stored first. */
	@Transactional(propagation = Propagation.MANDATORY)
	Entry append(String visitorId, String author, String providerMessageId, UUID messageId, UUID conversationId,
			String text, String attachments, Instant at) {
		Optional<Entry> earlier = byProviderId(providerMessageId);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		if (jdbc.sql("update webchat_visitor set last_seq = last_seq + 1 where visitor_id = ?")
			.param(visitorId)
			.update() != 1) {
			throw new IllegalStateException("web chat visitor " + visitorId + " has no stream");
		}
		long seq = jdbc.sql("select last_seq from webchat_visitor where visitor_id = ?")
			.param(visitorId)
			.query(Long.class)
			.single();
		jdbc.sql("""
				insert into webchat_event (visitor_id, seq, author, provider_message_id, message_id, conversation_id,
				    body_text, attachments, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(visitorId, seq, author, providerMessageId, messageId, conversationId, text, attachments,
					Sql.utc(at))
			.update();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				wake(visitorId);
			}
		});
		return new Entry(seq, author, providerMessageId, messageId, conversationId, text, attachments, at, null);
	}

	/** What the widget shows after position {@code seq}, with the sender of each outbound message. */
	List<Entry> after(String visitorId, long seq, int limit) {
		// the sender is read from the message itself (as the outbox does), so the widget tells the bot from a person
		return jdbc.sql("""
				select e.seq, e.author, e.provider_message_id, e.message_id, e.conversation_id, e.body_text,
				    e.attachments, e.created_at, m.author_kind, m.author_id
				from webchat_event e left join message m on m.id = e.message_id and e.author = 'agent'
				where e.visitor_id = ? and e.seq > ? order by e.seq fetch first ? rows only""")
			.params(visitorId, seq, limit)
			.query((rs, n) -> new Entry(rs.getLong("seq"), rs.getString("author"), rs.getString("provider_message_id"),
					rs.getObject("message_id", UUID.class), rs.getObject("conversation_id", UUID.class),
					rs.getString("body_text"), rs.getString("attachments"), Sql.instant(rs, "created_at"),
					rs.getString("author_kind") == null ? null
							: new Sender(rs.getString("author_kind"), rs.getString("author_id"))))
			.list();
	}

	Optional<Entry> byProviderId(String providerMessageId) {
		return jdbc.sql("""
				select seq, author, provider_message_id, message_id, conversation_id, body_text, attachments, created_at
				from webchat_event where provider_message_id = ?""")
			.param(providerMessageId)
			.query((rs, n) -> new Entry(rs.getLong("seq"), rs.getString("author"), rs.getString("provider_message_id"),
					rs.getObject("message_id", UUID.class), rs.getObject("conversation_id", UUID.class),
					rs.getString("body_text"), rs.getString("attachments"), Sql.instant(rs, "created_at"), null))
			.optional();
	}

	/** The visitor whose stream holds this provider message id. */
	Optional<String> visitorOf(String providerMessageId) {
		return jdbc.sql("select visitor_id from webchat_event where provider_message_id = ?")
			.param(providerMessageId)
			.query(String.class)
			.optional();
	}

	/** Whether the visitor's stream shows this agent message: only then may the visitor report on it. */
	boolean shows(String visitorId, String providerMessageId) {
		return jdbc.sql("""
				select count(*) from webchat_event
				where visitor_id = ? and provider_message_id = ? and author = 'agent'""")
			.params(visitorId, providerMessageId)
			.query(Long.class)
			.single() > 0;
	}

	/** Waits until this node appended for the visitor, or the timeout passed (other nodes' appends are polled). */
	void await(String visitorId, long millis) throws InterruptedException {
		Object signal = signals.computeIfAbsent(visitorId, id -> new Object());
		synchronized (signal) {
			signal.wait(millis);
		}
	}

	private void wake(String visitorId) {
		Object signal = signals.get(visitorId);
		if (signal != null) {
			synchronized (signal) {
				signal.notifyAll();
			}
		}
	}

	void forget(String visitorId) {
		// only a hint: a reader that still waits re-creates it
		signals.remove(visitorId);
	}
}
