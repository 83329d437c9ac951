package nl.baken.channel.webchat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import nl.baken.channel.TypingIndicators;
import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Typing indicators both ways, kept in the visitor's row so that every node sees them: the widget reports the
 * visitor typing at most every few seconds, the desk the agent; a signal counts for {@link #SHOWN} after it came.
 */
class Typing implements TypingIndicators {

	static final Duration SHOWN = Duration.ofSeconds(6);

	/** Signals closer together than this are not written again. */
	private static final Duration QUIET = Duration.ofSeconds(2);

	private final JdbcClient jdbc;

	private final Clock clock;

	Typing(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void visitorTyping(String visitorId) {
		Instant now = clock.instant();
		jdbc.sql("""
				update webchat_visitor set visitor_typing_at = ?
				where visitor_id = ? and (visitor_typing_at is null or visitor_typing_at < ?)""")
			.params(Sql.utc(now), visitorId, Sql.utc(now.minus(QUIET)))
			.update();
	}

	/** Whether an agent typed for this visitor within the last few seconds. */
	boolean agentTyping(String visitorId) {
		return jdbc.sql("select agent_typing_at from webchat_visitor where visitor_id = ?")
			.param(visitorId)
			.query((rs, n) -> Sql.instant(rs, "agent_typing_at"))
			.optional()
			.filter(at -> at.isAfter(clock.instant().minus(SHOWN)))
			.isPresent();
	}

	@Override
	public boolean customerTyping(UUID conversationId) {
		Instant since = clock.instant().minus(SHOWN);
		return jdbc.sql("""
				select count(*) from webchat_visitor v
				where v.visitor_typing_at > ?
				  and v.visitor_id in (select e.visitor_id from webchat_event e where e.conversation_id = ?)""")
			.params(Sql.utc(since), conversationId)
			.query(Long.class)
			.single() > 0;
	}

	@Override
	public void agentTyping(UUID conversationId) {
		Instant now = clock.instant();
		jdbc.sql("""
				update webchat_visitor set agent_typing_at = ?
				where visitor_id in (select e.visitor_id from webchat_event e where e.conversation_id = ?)
				  and (agent_typing_at is null or agent_typing_at < ?)""")
			.params(Sql.utc(now), conversationId, Sql.utc(now.minus(QUIET)))
			.update();
	}
}
