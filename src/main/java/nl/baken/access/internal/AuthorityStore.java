package nl.baken.access.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.baken.access.ActionRequestView;
import nl.baken.access.ActionRequestView.Status;
import nl.baken.access.AuthorityAction;
import nl.baken.access.AuthorityGrant;
import nl.baken.access.Role;
import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Actions, the limits per role, and the requests to run them. */
@Repository
public class AuthorityStore {

	private final JdbcClient jdbc;

	AuthorityStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<AuthorityAction> actions() {
		return jdbc.sql("select * from authority_action order by id").query(AuthorityStore::action).list();
	}

	public Optional<AuthorityAction> action(String id) {
		return jdbc.sql("select * from authority_action where id = ?").param(id).query(AuthorityStore::action).optional();
	}

	public void insertAction(AuthorityAction a) {
		jdbc.sql("insert into authority_action (id, name_nl, name_en, integration, path, with_amount) values (?, ?, ?, ?, ?, ?)")
			.params(a.id(), a.nameNl(), a.nameEn(), a.integration(), a.path(), a.withAmount())
			.update();
	}

	public List<AuthorityGrant> grants() {
		return jdbc.sql("select role, action_id, limit_cents from role_authority order by action_id, role")
			.query((rs, n) -> new AuthorityGrant(Role.fromCode(rs.getString("role")), rs.getString("action_id"),
					rs.getObject("limit_cents", Long.class)))
			.list();
	}

	public void putGrant(AuthorityGrant grant) {
		if (jdbc.sql("update role_authority set limit_cents = ? where role = ? and action_id = ?")
			.params(grant.limitCents(), grant.role().code(), grant.actionId())
			.update() == 0) {
			jdbc.sql("insert into role_authority (role, action_id, limit_cents) values (?, ?, ?)")
				.params(grant.role().code(), grant.actionId(), grant.limitCents())
				.update();
		}
	}

	public boolean removeGrant(Role role, String actionId) {
		return jdbc.sql("delete from role_authority where role = ? and action_id = ?")
			.params(role.code(), actionId)
			.update() == 1;
	}

	public void insertRequest(ActionRequestView r) {
		jdbc.sql("""
				insert into action_request (id, action_id, conversation_id, customer_id, team_id, requested_by,
				                            amount_cents, details, status, decided_by, decided_at, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(r.id(), r.actionId(), r.conversationId(), r.customerId(), r.teamId(), r.requestedBy(),
					r.amountCents(), r.details(), r.status().code(), r.decidedBy(), Sql.utc(r.decidedAt()),
					Sql.utc(r.createdAt()), Sql.utc(r.createdAt()))
			.update();
	}

	/** Moves a request on from the status the caller saw; false when someone else moved it first. */
	public boolean move(UUID id, Status from, Status to, String decidedBy, String result, Instant at) {
		return jdbc.sql("""
				update action_request set status = ?, decided_by = coalesce(?, decided_by),
				decided_at = coalesce(?, decided_at), result = coalesce(?, result), updated_at = ?
				where id = ? and status = ?""")
			.params(to.code(), decidedBy, decidedBy == null ? null : Sql.utc(at), result, Sql.utc(at), id, from.code())
			.update() == 1;
	}

	public Optional<ActionRequestView> request(UUID id) {
		return jdbc.sql("select * from action_request where id = ?").param(id).query(AuthorityStore::request).optional();
	}

	/** Requests waiting for approval: of one team, or of all when {@code teamId} is null. */
	public List<ActionRequestView> pending(String teamId) {
		String waiting = "select * from action_request where status = 'pending_approval'";
		return (teamId == null ? jdbc.sql(waiting + " order by created_at")
				: jdbc.sql(waiting + " and team_id = ? order by created_at").param(teamId))
			.query(AuthorityStore::request)
			.list();
	}

	public List<ActionRequestView> ofConversation(UUID conversationId) {
		return jdbc.sql("select * from action_request where conversation_id = ? order by created_at")
			.param(conversationId)
			.query(AuthorityStore::request)
			.list();
	}

	private static AuthorityAction action(ResultSet rs, int row) throws SQLException {
		return new AuthorityAction(rs.getString("id"), rs.getString("name_nl"), rs.getString("name_en"),
				rs.getString("integration"), rs.getString("path"), rs.getBoolean("with_amount"));
	}

	private static ActionRequestView request(ResultSet rs, int row) throws SQLException {
		return new ActionRequestView(rs.getObject("id", UUID.class), rs.getString("action_id"),
				rs.getObject("conversation_id", UUID.class), rs.getObject("customer_id", UUID.class),
				rs.getString("team_id"), rs.getString("requested_by"), rs.getObject("amount_cents", Long.class),
				rs.getString("details"), Status.fromCode(rs.getString("status")), rs.getString("decided_by"),
				Sql.instant(rs, "decided_at"), rs.getString("result"), Sql.instant(rs, "created_at"));
	}
}
