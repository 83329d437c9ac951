package nl.baken.channel.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.channel.DeadLetter;
import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code outbound_delivery} table. Every change is a conditional update, so two nodes never both win. */
@Repository
public class OutboxStore {

	private final JdbcClient jdbc;

	OutboxStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(UUID messageId, String channel, Instant at) {
		jdbc.sql("""
				insert into outbound_delivery (message_id, channel, state, attempts, next_attempt_at, created_at,
				                               updated_at)
				values (?, ?, 'waiting', 0, ?, ?, ?)""")
			.params(messageId, channel, Sql.utc(at), Sql.utc(at), Sql.utc(at))
			.update();
	}

	public List<UUID> due(Instant now, int limit) {
		return jdbc.sql("""
				select message_id from outbound_delivery
				where state = 'waiting' and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?)
				order by next_attempt_at fetch first ? rows only""")
			.params(Sql.utc(now), Sql.utc(now), limit)
			.query(UUID.class)
			.list();
	}

	/** Takes the message for one send; false when another node holds it or it is no longer waiting. */
	public boolean claim(UUID messageId, String node, Instant now, Instant until) {
		return jdbc.sql("""
				update outbound_delivery set claimed_by = ?, claimed_until = ?, attempts = attempts + 1
				where message_id = ? and state = 'waiting' and next_attempt_at <= ?
				and (claimed_until is null or claimed_until < ?)""")
			.params(node, Sql.utc(until), messageId, Sql.utc(now), Sql.utc(now))
			.update() == 1;
	}

	public int attempts(UUID messageId) {
		return jdbc.sql("select attempts from outbound_delivery where message_id = ?")
			.param(messageId)
			.query(Integer.class)
			.single();
	}

	public void sent(UUID messageId, Instant at) {
		finish(messageId, "sent", null, at);
	}

	public void dead(UUID messageId, String error, Instant at) {
		finish(messageId, "dead", error, at);
	}

	public void retryAt(UUID messageId, Instant next, String error, Instant at) {
		jdbc.sql("""
				update outbound_delivery set next_attempt_at = ?, last_error = ?, claimed_by = null,
				claimed_until = null, updated_at = ?
				where message_id = ? and state = 'waiting'""")
			.params(Sql.utc(next), truncated(error), Sql.utc(at), messageId)
			.update();
	}

	private void finish(UUID messageId, String state, String error, Instant at) {
		jdbc.sql("""
				update outbound_delivery set state = ?, last_error = ?, claimed_by = null, claimed_until = null,
				updated_at = ?
				where message_id = ? and state = 'waiting'""")
			.params(state, truncated(error), Sql.utc(at), messageId)
			.update();
	}

	/** Puts a dead letter back in line with fresh attempts; false when it is not (or no longer) dead. */
	public boolean revive(UUID messageId, Instant at) {
		return jdbc.sql("""
				update outbound_delivery set state = 'waiting', attempts = 0, next_attempt_at = ?, updated_at = ?
				where message_id = ? and state = 'dead'""")
			.params(Sql.utc(at), Sql.utc(at), messageId)
			.update() == 1;
	}

	/** Per channel: waiting, sent and dead outbound messages. */
	public Map<String, long[]> countsByChannel() {
		Map<String, long[]> counts = new HashMap<>();
		jdbc.sql("select channel, state, count(*) as n from outbound_delivery group by channel, state")
			.query(rs -> {
				long[] c = counts.computeIfAbsent(rs.getString("channel"), channel -> new long[3]);
				c[switch (rs.getString("state")) {
					case "waiting" -> 0;
					case "sent" -> 1;
					default -> 2;
				}] += rs.getLong("n");
			});
		return counts;
	}

	public List<DeadLetter> deadLetters(int limit) {
		return jdbc.sql("""
				select d.message_id, m.conversation_id, d.channel, d.attempts, d.last_error, d.created_at, d.updated_at
				from outbound_delivery d left join message m on m.id = d.message_id
				where d.state = 'dead' order by d.updated_at desc fetch first ? rows only""")
			.param(limit)
			.query((rs, row) -> new DeadLetter(rs.getObject("message_id", UUID.class),
					rs.getObject("conversation_id", UUID.class), rs.getString("channel"), rs.getInt("attempts"),
					rs.getString("last_error"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at")))
			.list();
	}

	private static String truncated(String error) {
		return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
	}
}
