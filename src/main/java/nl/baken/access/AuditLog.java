package nl.baken.access;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.shared.Actor;
import nl.baken.shared.Ids;
import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Append-only record of sensitive changes, written in the transaction of the change itself. */
@Service
public class AuditLog {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void record(Actor actor, String action, String subjectType, String subjectId, Map<String, ?> details) {
		jdbc.sql("""
				insert into audit_log (id, occurred_at, actor, action, subject_type, subject_id, details)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(Ids.next(), Sql.utc(Instant.now(clock)), actor.label(), action,
					subjectType, subjectId, json.writeValueAsString(details))
			.update();
	}

	public List<Entry> forSubject(String subjectType, String subjectId) {
		return jdbc.sql("""
				select id, occurred_at, actor, action, subject_type, subject_id, details from audit_log
				where subject_type = ? and subject_id = ? order by occurred_at, id""")
			.params(subjectType, subjectId)
			.query((rs, n) -> new Entry(rs.getObject("id", UUID.class),
					Sql.instant(rs, "occurred_at"), rs.getString("actor"),
					rs.getString("action"), rs.getString("subject_type"), rs.getString("subject_id"),
					json.readValue(rs.getString("details"), new TypeReference<Map<String, Object>>() {
					})))
			.list();
	}

	public record Entry(UUID id, Instant occurredAt, String actor, String action, String subjectType,
			String subjectId, Map<String, Object> details) {
	}
}
