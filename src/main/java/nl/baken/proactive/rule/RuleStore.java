package nl.baken.proactive.rule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The rules, their per-key state and their firings. Only this sub-package reads these tables. */
@Repository
class RuleStore {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	RuleStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	record StoredRule(Rule rule, String createdBy, Instant createdAt, Instant updatedAt) {
	}

	void insert(Rule rule, String by, Instant at) {
		jdbc.sql("""
				insert into preventive_rule (id, name, enabled, definition, version, created_by, created_at, updated_at)
				values (:id, :name, :enabled, :definition, :version, :by, :at, :at)""")
			.param("id", rule.id())
			.param("name", rule.name())
			.param("enabled", rule.enabled())
			.param("definition", json.writeValueAsString(rule.definition()))
			.param("version", rule.version())
			.param("by", by)
			.param("at", Sql.utc(at))
			.update();
	}

	void update(Rule rule, Instant at) {
		jdbc.sql("""
				update preventive_rule set name = :name, enabled = :enabled, definition = :definition,
				version = :version, updated_at = :at where id = :id""")
			.param("id", rule.id())
			.param("name", rule.name())
			.param("enabled", rule.enabled())
			.param("definition", json.writeValueAsString(rule.definition()))
			.param("version", rule.version())
			.param("at", Sql.utc(at))
			.update();
	}

	Optional<StoredRule> find(UUID id) {
		return jdbc.sql("select * from preventive_rule where id = ?").param(id).query(this::rule).optional();
	}

	Optional<StoredRule> forUpdate(UUID id) {
		return jdbc.sql("select * from preventive_rule where id = ? for update").param(id).query(this::rule).optional();
	}

	boolean nameTaken(String name, UUID other) {
		return jdbc.sql("select count(*) from preventive_rule where lower(name) = lower(?) and id <> ?")
			.params(name, other)
			.query(Long.class)
			.single() > 0;
	}

	List<StoredRule> all() {
		return jdbc.sql("select * from preventive_rule order by lower(name)").query(this::rule).list();
	}

	List<Rule> enabled() {
		return jdbc.sql("select * from preventive_rule where enabled = true").query(this::rule).list().stream()
			.map(StoredRule::rule)
			.toList();
	}

	private StoredRule rule(ResultSet rs, int row) throws SQLException {
		RuleDefinition definition = json.readValue(rs.getString("definition"), RuleDefinition.class);
		Rule rule = Rule.compile(rs.getObject("id", UUID.class), rs.getInt("version"), definition);
		return new StoredRule(rule, rs.getString("created_by"), Sql.instant(rs, "created_at"),
				Sql.instant(rs, "updated_at"));
	}

	// state

	boolean stateExists(UUID rule, String key) {
		return jdbc.sql("select count(*) from preventive_rule_state where rule_id = ? and rule_key = ?")
			.params(rule, key)
			.query(Long.class)
			.single() > 0;
	}

	/** Fails with a duplicate key when another transaction made the row first. */
	void insertState(UUID rule, String key, int version, Instant at) {
		jdbc.sql("""
				insert into preventive_rule_state (rule_id, rule_key, rule_version, state, updated_at)
				values (?, ?, ?, '{}', ?)""").params(rule, key, version, Sql.utc(at)).update();
	}

	/** The key's state, locked until the transaction ends; a fresh one for another version of the rule. */
	KeyState lockState(Rule rule, String key) {
		return jdbc.sql("select rule_version, state from preventive_rule_state where rule_id = ? and rule_key = ? "
				+ "for update")
			.params(rule.id(), key)
			.query((rs, row) -> rs.getInt("rule_version") == rule.version()
					? json.readValue(rs.getString("state"), KeyState.class) : new KeyState())
			.single();
	}

	void saveState(Rule rule, String key, KeyState state, Instant at) {
		jdbc.sql("""
				update preventive_rule_state set rule_version = ?, state = ?, due_at = ?, updated_at = ?
				where rule_id = ? and rule_key = ?""")
			.params(rule.version(), json.writeValueAsString(state), state.fired ? null : Sql.utc(state.dueAt),
					Sql.utc(at), rule.id(), key)
			.update();
	}

	/** Keys of enabled rules whose wait ran out by {@code now}. */
	List<DueKey> due(Instant now, int limit) {
		return jdbc.sql("""
				select s.rule_id, s.rule_key from preventive_rule_state s join preventive_rule r on r.id = s.rule_id
				where s.due_at <= ? and r.enabled = true and s.rule_version = r.version order by s.due_at""")
			.param(Sql.utc(now))
			.query((rs, row) -> new DueKey(rs.getObject("rule_id", UUID.class), rs.getString("rule_key")))
			.list()
			.stream()
			.limit(limit)
			.toList();
	}

	record DueKey(UUID rule, String key) {
	}

	// firings

	/**
	 * Claims the episode: true when this call stored the firing, false when it was stored before (by this node or
	 * another). The unique constraint decides; the check first keeps PostgreSQL's transaction usable in the usual case.
	 */
	boolean claim(UUID id, Evaluator.Fired fired, Instant at) {
		boolean exists = jdbc.sql("""
				select count(*) from preventive_rule_firing where rule_id = ? and rule_key = ? and episode_start = ?""")
			.params(fired.rule().id(), fired.key(), Sql.utc(fired.episodeStart()))
			.query(Long.class)
			.single() > 0;
		if (exists) {
			return false;
		}
		jdbc.sql("""
				insert into preventive_rule_firing (id, rule_id, rule_key, episode_start, fired_at, customer_id,
				summary_nl, summary_en, action_state, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)""")
			.params(id, fired.rule().id(), fired.key(), Sql.utc(fired.episodeStart()), Sql.utc(fired.at()),
					fired.customer(), cut(fired.summaryNl()), cut(fired.summaryEn()), Sql.utc(at))
			.update();
		return true;
	}

	private static String cut(String text) {
		return text.length() <= 1000 ? text : text.substring(0, 1000);
	}

	/** Takes a firing's actions for this node: pending ones, and running ones whose node went away. */
	boolean claimActions(UUID firing, Instant now, Instant staleBefore) {
		return jdbc.sql("""
				update preventive_rule_firing set action_state = 'running', claimed_at = ?
				where id = ? and (action_state = 'pending' or action_state = 'running' and claimed_at < ?)""")
			.params(Sql.utc(now), firing, Sql.utc(staleBefore))
			.update() == 1;
	}

	void actionsDone(UUID firing, String outcome) {
		jdbc.sql("update preventive_rule_firing set action_state = 'done', outcome = ? where id = ?")
			.params(outcome.length() <= 2000 ? outcome : outcome.substring(0, 2000), firing)
			.update();
	}

	List<UUID> waitingActions(Instant createdBefore, Instant staleBefore, int limit) {
		return jdbc.sql("""
				select id from preventive_rule_firing where action_state = 'pending' and created_at < ?
				or action_state = 'running' and claimed_at < ? order by created_at""")
			.params(Sql.utc(createdBefore), Sql.utc(staleBefore))
			.query(UUID.class)
			.list()
			.stream()
			.limit(limit)
			.toList();
	}

	Optional<FiringView> firing(UUID id) {
		return jdbc.sql("select f.*, r.name from preventive_rule_firing f join preventive_rule r on r.id = f.rule_id "
				+ "where f.id = ?").param(id).query(RuleStore::firingView).optional();
	}

	List<FiringView> firings(UUID rule, int limit) {
		return jdbc.sql("select f.*, r.name from preventive_rule_firing f join preventive_rule r on r.id = f.rule_id "
				+ "where f.rule_id = ? order by f.fired_at desc, f.id desc")
			.param(rule)
			.query(RuleStore::firingView)
			.list()
			.stream()
			.limit(limit)
			.toList();
	}

	long firingCount(UUID rule) {
		return jdbc.sql("select count(*) from preventive_rule_firing where rule_id = ?")
			.param(rule)
			.query(Long.class)
			.single();
	}

	private static FiringView firingView(ResultSet rs, int row) throws SQLException {
		return new FiringView(rs.getObject("id", UUID.class), rs.getObject("rule_id", UUID.class),
				rs.getString("name"), rs.getString("rule_key"), Sql.instant(rs, "episode_start"),
				Sql.instant(rs, "fired_at"), rs.getObject("customer_id", UUID.class), rs.getString("summary_nl"),
				rs.getString("summary_en"), rs.getString("action_state"), rs.getString("outcome"));
	}
}
