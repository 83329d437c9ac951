package nl.baken.conversation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.shared.Actor;
import nl.baken.shared.Sql;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The contact-event log table: inserts and reads, never updates or deletes. */
@Repository
public class EventStore {

	/** Rows fetched per round trip by a cursor over the whole log. */
	private static final int FETCH = 10_000;

	private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {
	};

	private static final String INSERT = """
			insert into contact_event (id, occurred_at, conversation_id, customer_id, channel, type, actor_kind,
			                           actor_id, brand_id, team_id, queue, attributes)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final JsonMapper json;

	EventStore(JdbcClient jdbc, JdbcTemplate batches, JsonMapper json) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.json = json;
	}

	public void insert(ContactEvent e) {
		jdbc.sql(INSERT).params(row(e)).update();
	}

	/** In one batch, in the order given (and so in that order in the log): one round trip to PostgreSQL. */
	public void insertAll(List<ContactEvent> events) {
		if (events.size() == 1) {
			insert(events.getFirst());
		}
		else if (!events.isEmpty()) {
			batches.batchUpdate(INSERT, events.stream().map(this::row).toList());
		}
	}

	private Object[] row(ContactEvent e) {
		return new Object[] { e.id(), Sql.utc(e.occurredAt()), e.conversationId(), e.customerId(), e.channel(),
				e.type().code(), e.actor().kind().code(), e.actor().id(), e.brandId(), e.teamId(), e.queue(),
				json.writeValueAsString(e.attributes()) };
	}

	public List<ContactEvent> ofConversations(Collection<UUID> conversationIds) {
		if (conversationIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select * from contact_event where conversation_id in (:ids) order by occurred_at, seq")
			.param("ids", conversationIds)
			.query(this::event)
			.list();
	}

	/** Positions, conversations, types and teams of the events after {@code afterSeq}, in write order. */
	public List<EventPosition> positionsAfter(long afterSeq, int limit) {
		return jdbc
			.sql("select seq, conversation_id, type, team_id from contact_event where seq > ? order by seq"
					+ " fetch first ? rows only")
			.params(afterSeq, limit)
			.query((rs, n) -> new EventPosition(rs.getLong(1), rs.getObject(2, UUID.class),
					ContactEventType.fromCode(rs.getString(3)), rs.getString(4)))
			.list();
	}

	/**
	 * Every conversation's events in one pass, grouped by conversation: one query read through a cursor (PostgreSQL
	 * needs the caller's transaction for that) and sorted by the database, instead of one read per conversation.
	 * Attributes are read only for events of {@code withAttributes}; the others come with none.
	 */
	public void forEachConversation(Collection<ContactEventType> withAttributes,
			Consumer<List<ContactEvent>> conversation) {
		String attributes = withAttributes.isEmpty() ? "'{}'"
				: "case when type in (:types) then attributes else '{}' end";
		var statement = jdbc.sql("select seq, id, occurred_at, conversation_id, customer_id, channel, type, actor_kind,"
				+ " actor_id, brand_id, team_id, queue, " + attributes + " as attributes from contact_event"
				+ " where conversation_id is not null order by conversation_id")
			.withFetchSize(FETCH);
		if (!withAttributes.isEmpty()) {
			statement = statement.param("types", withAttributes.stream().map(ContactEventType::code).toList());
		}
		List<ContactEvent> current = new ArrayList<>();
		statement.query(rs -> {
			ContactEvent e = event(rs, 0);
			if (!current.isEmpty() && !current.getFirst().conversationId().equals(e.conversationId())) {
				conversation.accept(List.copyOf(current));
				current.clear();
			}
			current.add(e);
		});
		if (!current.isEmpty()) {
			conversation.accept(List.copyOf(current));
		}
	}

	public long lastPosition() {
		return jdbc.sql("select coalesce(max(seq), 0) from contact_event").query(Long.class).single();
	}

	public record EventPosition(long seq, UUID conversationId, ContactEventType type, String teamId) {
	}

	/** Events that happened in [from, to), of the given types (all types when empty), in time order. */
	public List<ContactEvent> between(Instant from, Instant to, Collection<ContactEventType> types) {
		String typed = types.isEmpty() ? "" : " and type in (:types)";
		var statement = jdbc.sql("select * from contact_event where occurred_at >= :from and occurred_at < :to" + typed
				+ " order by occurred_at, seq")
			.param("from", Sql.utc(from))
			.param("to", Sql.utc(to));
		if (!types.isEmpty()) {
			statement = statement.param("types", types.stream().map(ContactEventType::code).toList());
		}
		return statement.query(this::event).list();
	}

	public long count() {
		return jdbc.sql("select count(*) from contact_event").query(Long.class).single();
	}

	private ContactEvent event(ResultSet rs, int row) throws SQLException {
		return new ContactEvent(rs.getLong("seq"), rs.getObject("id", UUID.class), Sql.instant(rs, "occurred_at"),
				rs.getObject("conversation_id", UUID.class), rs.getObject("customer_id", UUID.class),
				rs.getString("channel"), ContactEventType.fromCode(rs.getString("type")),
				new Actor(Actor.Kind.valueOf(rs.getString("actor_kind").toUpperCase(java.util.Locale.ROOT)),
						rs.getString("actor_id")),
				rs.getString("brand_id"), rs.getString("team_id"), rs.getString("queue"),
				attributes(rs.getString("attributes")));
	}

	private Map<String, Object> attributes(String text) {
		return "{}".equals(text) ? Map.of() : json.readValue(text, ATTRIBUTES);
	}
}
