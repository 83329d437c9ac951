package nl.baken.proactive.notice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code notice} table. Every change of a queued notice is a conditional update on its state and claim, so two
 * nodes never both send one.
 */
@Repository
class NoticeStore {

	private static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	NoticeStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	record Row(UUID id, UUID customerId, String onceKey, String topic, String template, String brandId,
			String channel, String language, Map<String, String> values, String state, String outcome,
			String skipReason, Instant dueAt, int attempts, UUID messageId) {
	}

	/** The customers among these that already have a notice with this once key. */
	Set<UUID> existing(String onceKey, Collection<UUID> customers) {
		if (customers.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("select customer_id from notice where once_key = :key and customer_id in (:ids)")
			.param("key", onceKey)
			.param("ids", customers)
			.query(UUID.class)
			.list());
	}

	/** Fails with a duplicate key when the customer already has a notice with this once key. */
	void insert(Row row, Instant at) {
		jdbc.sql("""
				insert into notice (id, customer_id, once_key, topic, template, brand_id, channel, language,
				                    fill_values, state, outcome, skip_reason, due_at, attempts, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
			.params(row.id(), row.customerId(), row.onceKey(), row.topic(), row.template(), row.brandId(),
					row.channel(), row.language(), row.values() == null ? null : json.writeValueAsString(row.values()),
					row.state(), row.outcome(), truncated(row.skipReason()), Sql.utc(row.dueAt()), Sql.utc(at),
					Sql.utc(at))
			.update();
	}

	List<UUID> due(Instant now, int limit) {
		return jdbc.sql("""
				select id from notice
				where state = 'queued' and due_at <= ? and (claimed_until is null or claimed_until < ?)
				order by due_at fetch first ? rows only""")
			.params(Sql.utc(now), Sql.utc(now), limit)
			.query(UUID.class)
			.list();
	}

	/** Takes a due notice for this node until {@code until}; false when another node has it or it is not due. */
	boolean claim(UUID id, String node, Instant now, Instant until) {
		return jdbc.sql("""
				update notice set claimed_by = ?, claimed_until = ?, attempts = attempts + 1, updated_at = ?
				where id = ? and state = 'queued' and due_at <= ? and (claimed_until is null or claimed_until < ?)""")
			.params(node, Sql.utc(until), Sql.utc(now), id, Sql.utc(now), Sql.utc(now))
			.update() == 1;
	}

	Optional<Row> find(UUID id) {
		return jdbc.sql("select * from notice where id = ?").param(id).query(this::row).optional();
	}

	/** Puts a claimed notice back in line until {@code dueAt} (quiet hours, a volume limit). */
	boolean defer(UUID id, String node, Instant dueAt, Instant at) {
		return jdbc.sql("""
				update notice set due_at = ?, claimed_by = null, claimed_until = null, updated_at = ?
				where id = ? and state = 'queued' and claimed_by = ?""")
			.params(Sql.utc(dueAt), Sql.utc(at), id, node)
			.update() == 1;
	}

	/** The notice's message exists; false when this node's claim ran out and another node took it. */
	boolean sent(UUID id, String node, UUID messageId, Instant at) {
		return jdbc.sql("""
				update notice set state = 'sent', message_id = ?, claimed_by = null, claimed_until = null,
				updated_at = ?
				where id = ? and state = 'queued' and claimed_by = ?""")
			.params(messageId, Sql.utc(at), id, node)
			.update() == 1;
	}

	boolean skipped(UUID id, String node, String outcome, String reason, Instant at) {
		return jdbc.sql("""
				update notice set state = 'skipped', outcome = ?, skip_reason = ?, claimed_by = null,
				claimed_until = null, updated_at = ?
				where id = ? and state = 'queued' and claimed_by = ?""")
			.params(outcome, truncated(reason), Sql.utc(at), id, node)
			.update() == 1;
	}

	/** Per state, and the messages of those sent. */
	record TopicRows(long queued, long skipped, List<UUID> messages) {
	}

	TopicRows ofTopic(String topic) {
		long[] counts = new long[2];
		List<UUID> messages = new java.util.ArrayList<>();
		jdbc.sql("select state, message_id from notice where topic = ?").param(topic).query((ResultSet rs) -> {
			switch (rs.getString("state")) {
				case "queued" -> counts[0]++;
				case "skipped" -> counts[1]++;
				default -> messages.add(rs.getObject("message_id", UUID.class));
			}
		});
		return new TopicRows(counts[0], counts[1], messages);
	}

	private Row row(ResultSet rs, int n) throws SQLException {
		String values = rs.getString("fill_values");
		return new Row(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class),
				rs.getString("once_key"), rs.getString("topic"), rs.getString("template"), rs.getString("brand_id"),
				rs.getString("channel"), rs.getString("language"),
				values == null ? Map.of() : json.readValue(values, VALUES), rs.getString("state"),
				rs.getString("outcome"), rs.getString("skip_reason"), Sql.instant(rs, "due_at"), rs.getInt("attempts"),
				rs.getObject("message_id", UUID.class));
	}

	private static String truncated(String text) {
		return text == null || text.length() <= 500 ? text : text.substring(0, 500);
	}
}
