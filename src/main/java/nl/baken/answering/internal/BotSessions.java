package nl.baken.answering.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The bot's dialog state per conversation ({@code bot_session}), as JSON. */
@Repository
public class BotSessions {

	private final JdbcClient jdbc;

	private final JsonMapper json = JsonMapper.builder().build();

	BotSessions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(UUID conversationId, BotState state, Instant at) {
		jdbc.sql("insert into bot_session (conversation_id, phase, state, updated_at) values (?, ?, ?, ?)")
			.params(conversationId, state.phase().name(), json.writeValueAsString(state), Sql.utc(at))
			.update();
	}

	/** The state, with the row locked until the caller's transaction ends. */
	public Optional<BotState> lock(UUID conversationId) {
		return jdbc.sql("select state from bot_session where conversation_id = ? for update")
			.param(conversationId)
			.query((rs, n) -> json.readValue(rs.getString("state"), BotState.class))
			.optional();
	}

	public Optional<BotState> find(UUID conversationId) {
		return jdbc.sql("select state from bot_session where conversation_id = ?")
			.param(conversationId)
			.query((rs, n) -> json.readValue(rs.getString("state"), BotState.class))
			.optional();
	}

	public void save(UUID conversationId, BotState state, Instant at) {
		jdbc.sql("update bot_session set phase = ?, state = ?, updated_at = ? where conversation_id = ?")
			.params(state.phase().name(), json.writeValueAsString(state), Sql.utc(at), conversationId)
			.update();
	}

	/** Open dialogs unchanged since {@code before}, locked; one another node has locked is skipped. */
	public List<UUID> idleForUpdate(Instant before, int limit) {
		return jdbc.sql("""
				select conversation_id from bot_session
				where phase in ('QUESTION', 'FILLING', 'CONFIRM', 'FEEDBACK') and updated_at < ?
				order by updated_at fetch first ? rows only for update skip locked""")
			.params(Sql.utc(before), limit)
			.query(UUID.class)
			.list();
	}
}
