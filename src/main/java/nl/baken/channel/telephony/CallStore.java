package nl.baken.channel.telephony;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.HashSet;

import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The calls, their raw events and which contact events were derived from them. */
@Repository
class CallStore {

	private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	CallStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The call's conversation, locked until the transaction ends, so one call's events are taken one at a time. */
	Optional<UUID> lockCall(String callId) {
		return jdbc.sql("select conversation_id from telephony_call where call_id = ? for update")
			.param(callId)
			.query(UUID.class)
			.optional();
	}

	Optional<UUID> conversationOf(String callId) {
		return jdbc.sql("select conversation_id from telephony_call where call_id = ?")
			.param(callId)
			.query(UUID.class)
			.optional();
	}

	/** Fails with a duplicate key when another transaction created the call first. */
	void insertCall(String callId, UUID conversationId, Instant at) {
		jdbc.sql("insert into telephony_call (call_id, conversation_id, created_at) values (?, ?, ?)")
			.params(callId, conversationId, Sql.utc(at))
			.update();
	}

	boolean hasEvent(String callId, String eventId) {
		return jdbc.sql("select count(*) from telephony_call_event where call_id = ? and event_id = ?")
			.params(callId, eventId)
			.query(Long.class)
			.single() > 0;
	}

	void insertEvent(CallEvent e, Instant receivedAt) {
		Map<String, String> details = new LinkedHashMap<>();
		put(details, "caller", e.caller());
		put(details, "brand", e.brand());
		put(details, "queue", e.queue());
		put(details, "agent", e.agent());
		put(details, "menu", e.menu());
		put(details, "option", e.option());
		put(details, "toQueue", e.toQueue());
		put(details, "toAgent", e.toAgent());
		put(details, "reason", e.reason());
		jdbc.sql("""
				insert into telephony_call_event (call_id, event_id, type, occurred_at, received_at, details)
				values (?, ?, ?, ?, ?, ?)""")
			.params(e.callId(), e.eventId(), e.type().code(), Sql.utc(e.occurredAt()), Sql.utc(receivedAt),
					json.writeValueAsString(details))
			.update();
	}

	List<CallEvent> events(String callId) {
		return jdbc.sql("select * from telephony_call_event where call_id = ? order by occurred_at, event_id")
			.param(callId)
			.query(this::event)
			.list();
	}

	Set<String> derived(String callId) {
		return new HashSet<>(jdbc.sql("select derivation from telephony_derived_event where call_id = ?")
			.param(callId)
			.query(String.class)
			.list());
	}

	void markDerived(String callId, String derivation) {
		jdbc.sql("insert into telephony_derived_event (call_id, derivation) values (?, ?)")
			.params(callId, derivation)
			.update();
	}

	private CallEvent event(ResultSet rs, int row) throws SQLException {
		Map<String, String> d = json.readValue(rs.getString("details"), DETAILS);
		return new CallEvent(rs.getString("call_id"), rs.getString("event_id"),
				CallEventType.fromCode(rs.getString("type")).orElseThrow(), Sql.instant(rs, "occurred_at"),
				d.get("caller"), d.get("brand"), d.get("queue"), d.get("agent"), d.get("menu"), d.get("option"),
				d.get("toQueue"), d.get("toAgent"), d.get("reason"));
	}

	private static void put(Map<String, String> details, String name, String value) {
		if (value != null) {
			details.put(name, value);
		}
	}
}
