package nl.baken.routing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import nl.baken.routing.AgentProfile;
import nl.baken.routing.Presence;
import nl.baken.routing.RequirementProfile;
import nl.baken.routing.RoutedWork;
import nl.baken.routing.Skill;
import nl.baken.shared.Sql;
import nl.baken.shared.TransactionMemo;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Routing's tables. Claims are conditional updates: the row count says whether this transaction won. */
@Repository
public class RoutingStore {

	private static final String PROFILES = "routing.profiles";

	private final JdbcClient jdbc;

	RoutingStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	// skills

	public void insertSkill(Skill skill) {
		jdbc.sql("insert into routing_skill (id, name_nl, name_en) values (?, ?, ?)")
			.params(skill.id(), skill.nameNl(), skill.nameEn())
			.update();
	}

	public List<Skill> skills() {
		return jdbc.sql("select * from routing_skill order by id")
			.query((rs, n) -> new Skill(rs.getString("id"), rs.getString("name_nl"), rs.getString("name_en")))
			.list();
	}

	public Set<String> skillIds() {
		return skills().stream().map(Skill::id).collect(Collectors.toSet());
	}

	// agents

	/** Creates the agent's row (offline, no load) if it is not there; true when it was created. */
	public boolean ensureAgent(String agentId, Instant at) {
		if (jdbc.sql("select count(*) from routing_agent where agent_id = ?").param(agentId).query(Long.class)
			.single() > 0) {
			return false;
		}
		jdbc.sql("""
				insert into routing_agent (agent_id, presence, presence_since, languages, brands, load_units)
				values (?, 'offline', ?, '', '', 0)""").params(agentId, Sql.utc(at)).update();
		return true;
	}

	public void updateAgent(String agentId, Set<String> languages, Set<String> brands, Map<String, Integer> skills,
			Map<String, Integer> capacity) {
		jdbc.sql("update routing_agent set languages = ?, brands = ? where agent_id = ?")
			.params(String.join(" ", new TreeSet<>(languages)), String.join(" ", new TreeSet<>(brands)),
					agentId)
			.update();
		jdbc.sql("delete from routing_agent_skill where agent_id = ?").param(agentId).update();
		skills.forEach((skill, level) -> jdbc
			.sql("insert into routing_agent_skill (agent_id, skill_id, level) values (?, ?, ?)")
			.params(agentId, skill, level)
			.update());
		jdbc.sql("delete from routing_agent_capacity where agent_id = ?").param(agentId).update();
		capacity.forEach((channel, max) -> jdbc
			.sql("insert into routing_agent_capacity (agent_id, channel, max_open) values (?, ?, ?)")
			.params(agentId, channel, max)
			.update());
	}

	/** The presence before the change, or empty when it did not change. */
	public Optional<Presence> setPresence(String agentId, Presence presence, Instant at) {
		Presence before = jdbc.sql("select presence from routing_agent where agent_id = ? for update")
			.param(agentId)
			.query((rs, n) -> Presence.fromCode(rs.getString(1)))
			.single();
		if (before == presence) {
			return Optional.empty();
		}
		jdbc.sql("update routing_agent set presence = ?, presence_since = ? where agent_id = ?")
			.params(presence.code(), Sql.utc(at), agentId)
			.update();
		return Optional.of(before);
	}

	public record AgentRow(String agentId, Presence presence, Instant presenceSince, Set<String> languages,
			Set<String> brands, int loadUnits, Instant lastAssignedAt) {
	}

	public Optional<AgentRow> agentRow(String agentId) {
		return jdbc.sql("select * from routing_agent where agent_id = ?").param(agentId).query(RoutingStore::agentRow)
			.optional();
	}

	public List<AgentRow> agentRows(boolean availableOnly) {
		return jdbc.sql("select * from routing_agent" + (availableOnly
				? " where presence = 'available' and load_units < " + Matcher.FULL : "") + " order by agent_id")
			.query(RoutingStore::agentRow)
			.list();
	}

	public Map<String, Map<String, Integer>> agentSkills(Collection<String> agentIds) {
		return perAgent("select agent_id, skill_id, level from routing_agent_skill", agentIds);
	}

	public Map<String, Map<String, Integer>> agentCapacity(Collection<String> agentIds) {
		return perAgent("select agent_id, channel, max_open from routing_agent_capacity", agentIds);
	}

	private Map<String, Map<String, Integer>> perAgent(String select, Collection<String> agentIds) {
		Map<String, Map<String, Integer>> result = new HashMap<>();
		if (agentIds.isEmpty()) {
			return result;
		}
		jdbc.sql(select + " where agent_id in (:ids)").param("ids", agentIds).query((ResultSet rs) -> {
			result.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getInt(3));
		});
		return result;
	}

	public AgentProfile profile(AgentRow row, Map<String, Integer> skills, Map<String, Integer> capacity) {
		return new AgentProfile(row.agentId(), row.presence(), row.presenceSince(), skills, row.languages(),
				row.brands(), capacity, Math.round(row.loadUnits() * 100f / Matcher.FULL), row.lastAssignedAt());
	}

	/**
	 * Adds the contact's share to the agent's load if it still fits and the agent is still available (or, for an
	 * agent picking work, not offline). Under concurrent claims each sees the others' committed load.
	 */
	public boolean claimAgent(String agentId, int units, Instant at, boolean picking) {
		return jdbc.sql("update routing_agent set load_units = load_units + :units, last_assigned_at = :at"
				+ " where agent_id = :agent and load_units + :units <= " + Matcher.FULL
				+ (picking ? " and presence <> 'offline'" : " and presence = 'available'"))
			.param("units", units)
			.param("at", Sql.utc(at))
			.param("agent", agentId)
			.update() == 1;
	}

	public void releaseAgent(String agentId, int units) {
		jdbc.sql("update routing_agent set load_units = case when load_units >= :units then load_units - :units else 0 end"
				+ " where agent_id = :agent")
			.param("units", units)
			.param("agent", agentId)
			.update();
	}

	/**
	 * A person's decision (a transfer to an agent, an assignment by hand) is followed even when the agent is full. The
	 * load then passes full, so that each contact's end gives back what it took and no room appears that the agent
	 * does not have.
	 */
	public void addLoad(String agentId, int units, Instant at) {
		jdbc.sql("update routing_agent set load_units = load_units + :units, last_assigned_at = :at"
				+ " where agent_id = :agent")
			.param("units", units)
			.param("at", Sql.utc(at))
			.param("agent", agentId)
			.update();
	}

	private static AgentRow agentRow(ResultSet rs, int n) throws SQLException {
		return new AgentRow(rs.getString("agent_id"), Presence.fromCode(rs.getString("presence")),
				Sql.instant(rs, "presence_since"), words(rs.getString("languages")), words(rs.getString("brands")),
				rs.getInt("load_units"), Sql.instant(rs, "last_assigned_at"));
	}

	private static Set<String> words(String text) {
		return text == null || text.isBlank() ? Set.of()
				: Arrays.stream(text.split(" ")).collect(Collectors.toCollection(LinkedHashSet::new));
	}

	// requirement profiles

	public void saveProfile(RequirementProfile profile) {
		TransactionMemo.forget(PROFILES);
		jdbc.sql("delete from routing_profile_skill where kind = ? and match_key = ?")
			.params(profile.kind(), profile.key())
			.update();
		int updated = jdbc.sql("update routing_profile set team_id = ?, priority = ? where kind = ? and match_key = ?")
			.params(profile.teamId(), profile.priority(), profile.kind(), profile.key())
			.update();
		if (updated == 0) {
			jdbc.sql("insert into routing_profile (kind, match_key, team_id, priority) values (?, ?, ?, ?)")
				.params(profile.kind(), profile.key(), profile.teamId(), profile.priority())
				.update();
		}
		profile.skills().forEach((skill, level) -> jdbc.sql(
				"insert into routing_profile_skill (kind, match_key, skill_id, level) values (?, ?, ?, ?)")
			.params(profile.kind(), profile.key(), skill, level)
			.update());
	}

	/** Once per transaction: a group of inbound messages routes each new conversation with the same profiles. */
	public List<RequirementProfile> profiles() {
		return TransactionMemo.answer(PROFILES, () -> List.copyOf(readProfiles()));
	}

	private List<RequirementProfile> readProfiles() {
		Map<String, Map<String, Integer>> skills = new HashMap<>();
		jdbc.sql("select kind, match_key, skill_id, level from routing_profile_skill").query((ResultSet rs) -> {
			skills.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new TreeMap<>())
				.put(rs.getString(3), rs.getInt(4));
		});
		return jdbc.sql("select * from routing_profile order by kind, match_key")
			.query((rs, n) -> new RequirementProfile(rs.getString("kind"), rs.getString("match_key"),
					rs.getString("team_id"), rs.getInt("priority"),
					skills.getOrDefault(rs.getString("kind") + "/" + rs.getString("match_key"), Map.of())))
			.list();
	}

	// routed work

	public record WorkRow(UUID id, long rank, Integer units, RoutedWork view) {
	}

	public void insertWork(UUID id, RoutedWork w, long rank) {
		jdbc.sql("""
				insert into routing_work (id, conversation_id, customer_id, channel, brand_id, language, queue, team_id,
				  topic, skills, urgency, segment, rank_ms, status, enqueued_at, sticky_agent, sticky_until, callback_id)
				values (:id, :conversation, :customer, :channel, :brand, :language, :queue, :team, :topic, :skills,
				  :urgency, :segment, :rank, 'waiting', :enqueued, :sticky, :stickyUntil, :callback)""")
			.param("id", id)
			.param("conversation", w.conversationId())
			.param("customer", w.customerId())
			.param("channel", w.channel())
			.param("brand", w.brandId())
			.param("language", w.language())
			.param("queue", w.queue())
			.param("team", w.teamId())
			.param("topic", w.topic())
			.param("skills", encode(w.skills()))
			.param("urgency", w.urgency())
			.param("segment", w.segment())
			.param("rank", rank)
			.param("enqueued", Sql.utc(w.enqueuedAt()))
			.param("sticky", w.stickyAgent())
			.param("stickyUntil", Sql.utc(w.stickyUntil()))
			.param("callback", w.callbackId())
			.update();
	}

	public void deleteWork(UUID id) {
		jdbc.sql("delete from routing_work where id = ?").param(id).update();
	}

	public Optional<WorkRow> work(UUID conversationId) {
		return jdbc.sql("select * from routing_work where conversation_id = ?")
			.param(conversationId)
			.query(RoutingStore::workRow)
			.optional();
	}

	public boolean hasWork(UUID conversationId) {
		return jdbc.sql("select 1 from routing_work where conversation_id = ?")
			.param(conversationId)
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	/** The conversations of the work routed to the agent and not yet done. */
	public List<UUID> assignedTo(String agentId) {
		return jdbc.sql("select conversation_id from routing_work where agent_id = ? and status = 'assigned'")
			.param(agentId)
			.query(UUID.class)
			.list();
	}

	public Optional<WorkRow> workForUpdate(UUID conversationId) {
		return jdbc.sql("select * from routing_work where conversation_id = ? for update")
			.param(conversationId)
			.query(RoutingStore::workRow)
			.optional();
	}

	/** Waiting work in queue order, for the channels given (all when null). */
	public List<WorkRow> waiting(Collection<String> channels, int limit) {
		if (channels != null && channels.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select * from routing_work where status = 'waiting'"
				+ (channels == null ? "" : " and channel in (:channels)") + " order by rank_ms, id limit :limit")
			.param("channels", channels == null ? List.of("") : channels)
			.param("limit", limit)
			.query(RoutingStore::workRow)
			.list();
	}

	public boolean claimWork(UUID id, String agentId, int units, Instant at) {
		return jdbc.sql("update routing_work set status = 'assigned', agent_id = ?, units = ?, assigned_at = ?"
				+ " where id = ? and status = 'waiting'")
			.params(agentId, units, Sql.utc(at), id)
			.update() == 1;
	}

	public void setStatus(UUID id, String status) {
		jdbc.sql("update routing_work set status = ? where id = ?").params(status, id).update();
	}

	/** Back in the queue (a transfer to a team, a callback to retry) with new requirements and rank. */
	public void requeue(UUID id, RoutedWork w, long rank) {
		jdbc.sql("""
				update routing_work set status = 'waiting', agent_id = null, units = null, assigned_at = null,
				  queue = :queue, team_id = :team, topic = :topic, skills = :skills, urgency = :urgency,
				  segment = :segment, rank_ms = :rank, sticky_agent = :sticky, sticky_until = :stickyUntil,
				  callback_id = :callback
				where id = :id""")
			.param("queue", w.queue())
			.param("team", w.teamId())
			.param("topic", w.topic())
			.param("skills", encode(w.skills()))
			.param("urgency", w.urgency())
			.param("segment", w.segment())
			.param("rank", rank)
			.param("sticky", w.stickyAgent())
			.param("stickyUntil", Sql.utc(w.stickyUntil()))
			.param("callback", w.callbackId())
			.param("id", id)
			.update();
	}

	public void reassign(UUID id, String agentId, int units, Instant at) {
		jdbc.sql("update routing_work set status = 'assigned', agent_id = ?, units = ?, assigned_at = ? where id = ?")
			.params(agentId, units, Sql.utc(at), id)
			.update();
	}

	/** Waiting contacts ranked ahead of this rank on the same channel. */
	public long ahead(String channel, long rank) {
		return jdbc.sql("select count(*) from routing_work where status = 'waiting' and channel = ? and rank_ms < ?")
			.params(channel, rank)
			.query(Long.class)
			.single();
	}

	// repeat contacts

	public void rememberHandler(UUID customerId, String agentId, Instant at) {
		int updated = jdbc.sql("update routing_last_handler set agent_id = ?, handled_at = ? where customer_id = ?")
			.params(agentId, Sql.utc(at), customerId)
			.update();
		if (updated == 0) {
			jdbc.sql("insert into routing_last_handler (customer_id, agent_id, handled_at) values (?, ?, ?)")
				.params(customerId, agentId, Sql.utc(at))
				.update();
		}
	}

	public Optional<String> lastHandler(UUID customerId, Instant since) {
		return jdbc.sql("select agent_id from routing_last_handler where customer_id = ? and handled_at >= ?")
			.params(customerId, Sql.utc(since))
			.query(String.class)
			.optional();
	}

	static String encode(Map<String, Integer> skills) {
		return new TreeMap<>(skills).entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + e.getValue())
			.collect(Collectors.joining(","));
	}

	static Map<String, Integer> decode(String text) {
		Map<String, Integer> skills = new LinkedHashMap<>();
		if (text != null && !text.isBlank()) {
			for (String pair : text.split(",")) {
				int eq = pair.indexOf('=');
				skills.put(pair.substring(0, eq), Integer.parseInt(pair.substring(eq + 1)));
			}
		}
		return skills;
	}

	private static WorkRow workRow(ResultSet rs, int n) throws SQLException {
		int units = rs.getInt("units");
		Integer boxed = rs.wasNull() ? null : units;
		RoutedWork view = new RoutedWork(rs.getObject("conversation_id", UUID.class),
				rs.getObject("customer_id", UUID.class), rs.getString("channel"), rs.getString("status"),
				rs.getString("queue"), rs.getString("team_id"), decode(rs.getString("skills")),
				rs.getString("language"), rs.getString("brand_id"), rs.getString("topic"), rs.getInt("urgency"),
				rs.getString("segment"), Sql.instant(rs, "enqueued_at"), rs.getString("agent_id"),
				Sql.instant(rs, "assigned_at"), rs.getString("sticky_agent"), Sql.instant(rs, "sticky_until"),
				rs.getObject("callback_id", UUID.class));
		return new WorkRow(rs.getObject("id", UUID.class), rs.getLong("rank_ms"), boxed, view);
	}
}
