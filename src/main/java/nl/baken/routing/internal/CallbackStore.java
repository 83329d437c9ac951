package nl.baken.routing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.baken.routing.CallbackView;
import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The callback tables; {@code version} makes a claim by one node conditional on nobody else having changed it. */
@Repository
public class CallbackStore {

	private final JdbcClient jdbc;

	private final Clock clock;

	CallbackStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** {@code requestConversationId}: the conversation the customer asked in, if any. */
	public record Row(CallbackView view, Long queueRank, long version, UUID requestConversationId) {
	}

	public void insert(CallbackView c, Long queueRank) {
		jdbc.sql("""
				insert into callback (id, customer_id, phone, kind, origin, reason, topic, urgency, language, brand_id,
				  status, promised_from, promised_to, due_at, attempts, linked_to, conversation_id, queue_rank,
				  requested_at, version, request_conversation_id)
				values (:id, :customer, :phone, :kind, :origin, :reason, :topic, :urgency, :language, :brand, :status,
				  :from, :to, :due, 0, :linked, :conversation, :rank, :requested, 0, :conversation)""")
			.param("id", c.id())
			.param("customer", c.customerId())
			.param("phone", c.phone())
			.param("kind", c.kind())
			.param("origin", c.origin())
			.param("reason", c.reason())
			.param("topic", c.topic())
			.param("urgency", c.urgency())
			.param("language", c.language())
			.param("brand", c.brandId())
			.param("status", c.status())
			.param("from", Sql.utc(c.promisedFrom()))
			.param("to", Sql.utc(c.promisedTo()))
			.param("due", Sql.utc(c.dueAt()))
			.param("linked", c.linkedTo())
			.param("conversation", c.conversationId())
			.param("rank", queueRank)
			.param("requested", Sql.utc(c.requestedAt()))
			.update();
	}

	public Optional<Row> find(UUID id) {
		return jdbc.sql("select * from callback where id = ?").param(id).query(this::row).optional();
	}

	public Optional<Row> forUpdate(UUID id) {
		return jdbc.sql("select * from callback where id = ? for update").param(id).query(this::row)
			.optional();
	}

	/** The callback that waits in this (phone) conversation for an attempt, locked. */
	public Optional<Row> queuedIn(UUID conversationId) {
		return jdbc.sql("select * from callback where conversation_id = ? and status = 'queued' for update")
			.param(conversationId)
			.query(this::row)
			.optional();
	}

	public Optional<UUID> pendingOf(UUID customerId) {
		return jdbc.sql("select callback_id from callback_pending where customer_id = ? for update")
			.param(customerId)
			.query(UUID.class)
			.optional();
	}

	/** Fails with a duplicate key when another transaction made a pending callback for this customer first. */
	public void markPending(UUID customerId, UUID callbackId) {
		jdbc.sql("insert into callback_pending (customer_id, callback_id) values (?, ?)")
			.params(customerId, callbackId)
			.update();
	}

	public void clearPending(UUID callbackId) {
		jdbc.sql("delete from callback_pending where callback_id = ?").param(callbackId).update();
	}

	public List<Row> due(Instant now, int limit) {
		return jdbc.sql("select * from callback where status = 'scheduled' and due_at <= ? order by due_at limit ?")
			.params(Sql.utc(now), limit)
			.query(this::row)
			.list();
	}

	/** Moves the callback on if nobody changed it since it was read; false when another node was first. */
	public boolean claim(UUID id, long version, String status, UUID conversationId) {
		return jdbc.sql("update callback set status = ?, conversation_id = ?, version = version + 1"
				+ " where id = ? and version = ?")
			.params(status, conversationId, id, version)
			.update() == 1;
	}

	public void attempted(UUID id, String status, String outcome, int attempts, Instant firstAttemptAt, Instant dueAt,
			Instant endedAt) {
		jdbc.sql("""
				update callback set status = ?, outcome = ?, attempts = ?, first_attempt_at = ?, due_at = ?,
				  ended_at = ?, version = version + 1
				where id = ?""")
			.params(status, outcome, attempts, Sql.utc(firstAttemptAt), Sql.utc(dueAt), Sql.utc(endedAt), id)
			.update();
	}

	/** A waiting callback's new window; false when it is no longer waiting (queued or ended meanwhile). */
	public boolean reschedule(UUID id, String kind, Instant from, Instant to) {
		return jdbc.sql("""
				update callback set kind = ?, promised_from = ?, promised_to = ?, due_at = ?, version = version + 1
				where id = ? and status = 'scheduled'""")
			.params(kind, Sql.utc(from), Sql.utc(to), Sql.utc(from), id)
			.update() == 1;
	}

	/** Ends a waiting callback; false when it is no longer waiting. */
	public boolean cancel(UUID id, Instant at) {
		return jdbc.sql("update callback set status = 'cancelled', ended_at = ?, version = version + 1"
				+ " where id = ? and status = 'scheduled'")
			.params(Sql.utc(at), id)
			.update() == 1;
	}

	/** Callbacks still to be made, soonest promise first. */
	public List<CallbackView> pending(int limit) {
		return jdbc.sql("select * from callback where status in ('scheduled', 'queued') order by promised_to limit ?")
			.param(limit)
			.query(this::row)
			.list()
			.stream()
			.map(Row::view)
			.toList();
	}

	/**
	 * Callbacks whose promised window started in [from, to), not counting linked requests; a cancelled one counts as
	 * broken when it was cancelled after its window (see {@link CallbackView#promise}).
	 */
	public List<CallbackView> promisedBetween(Instant from, Instant to) {
		return jdbc.sql("select * from callback where status <> 'linked' and promised_from >= ?"
				+ " and promised_from < ?"
				+ " order by promised_from")
			.params(Sql.utc(from), Sql.utc(to))
			.query(this::row)
			.list()
			.stream()
			.map(Row::view)
			.toList();
	}

	/** Callbacks booked in the promised window starting at {@code from}. */
	public int booked(Instant from, Instant to) {
		return jdbc.sql("select count(*) from callback where status in ('scheduled', 'queued', 'connected')"
				+ " and kind = 'scheduled' and promised_from >= ? and promised_from < ?")
			.params(Sql.utc(from), Sql.utc(to))
			.query(Integer.class)
			.single();
	}

	private Row row(ResultSet rs, int n) throws SQLException {
		Instant promisedFrom = Sql.instant(rs, "promised_from");
		Instant promisedTo = Sql.instant(rs, "promised_to");
		Instant endedAt = Sql.instant(rs, "ended_at");
		String status = rs.getString("status");
		CallbackView view = new CallbackView(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class),
				rs.getString("phone"), rs.getString("kind"), rs.getString("origin"), rs.getString("reason"),
				rs.getString("topic"), rs.getInt("urgency"), rs.getString("language"), rs.getString("brand_id"), status,
				promisedFrom, promisedTo, Sql.instant(rs, "due_at"), rs.getInt("attempts"),
				rs.getString("outcome"), rs.getObject("linked_to", UUID.class),
				rs.getObject("conversation_id", UUID.class), Sql.instant(rs, "requested_at"),
				Sql.instant(rs, "first_attempt_at"), endedAt,
				CallbackView.promise(status, promisedFrom, promisedTo, endedAt, clock.instant()));
		long rank = rs.getLong("queue_rank");
		Long queueRank = rs.wasNull() ? null : rank;
		return new Row(view, queueRank, rs.getLong("version"), rs.getObject("request_conversation_id", UUID.class));
	}
}
