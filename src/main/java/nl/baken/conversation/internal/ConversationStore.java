package nl.baken.conversation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import nl.baken.conversation.ConversationStatus;
import nl.baken.conversation.ConversationView;
import nl.baken.conversation.DeliveryStatus;
import nl.baken.conversation.InboxFilter;
import nl.baken.conversation.InboundMessage;
import nl.baken.conversation.MessageView;
import nl.baken.conversation.NoteView;
import nl.baken.shared.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The conversation, message and note tables. Only this module reads or writes them. */
@Repository
public class ConversationStore {

	private static final TypeReference<List<InboundMessage.Attachment>> ATTACHMENTS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ConversationStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public record StoredMessage(UUID messageId, UUID conversationId, UUID customerId) {
	}

	public Optional<StoredMessage> byProviderId(String channel, String providerMessageId) {
		return jdbc.sql("""
				select m.id, m.conversation_id, c.customer_id from message m
				join conversation c on c.id = m.conversation_id
				where m.channel = ? and m.provider_message_id = ?""")
			.params(channel, providerMessageId)
			.query(ConversationStore::storedMessage)
			.optional();
	}

	public Optional<StoredMessage> byIdempotencyKey(UUID conversationId, String key) {
		return jdbc.sql("""
				select m.id, m.conversation_id, c.customer_id from message m
				join conversation c on c.id = m.conversation_id
				where m.conversation_id = ? and m.idempotency_key = ?""")
			.params(conversationId, key)
			.query(ConversationStore::storedMessage)
			.optional();
	}

	private static StoredMessage storedMessage(ResultSet rs, int row) throws SQLException {
		return new StoredMessage(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class));
	}

	/**
	 * The customer's open conversation on this channel and brand, if any, locked for this transaction. One statement,
	 * although H2 parses a locking query anew every time: a cached search followed by a locking read of the same row
	 * by its key was no faster (docs/benchmarks.md). Both databases check the condition again on the row they locked,
	 * so a conversation closed while this waited for its lock is not returned.
	 */
	public Optional<ConversationView> openConversationForUpdate(UUID customerId, String channel, String brandId) {
		return jdbc.sql("""
				select * from conversation
				where customer_id = ? and channel = ? and coalesce(brand_id, '') = ?
				  and status not in ('resolved', 'closed')
				order by created_at desc
				fetch first 1 rows only
				for update""")
			.params(customerId, channel, brandId == null ? "" : brandId)
			.query(this::conversationRow)
			.optional();
	}

	public Optional<ConversationView> forUpdate(UUID id) {
		return jdbc.sql("select * from conversation where id = ? for update")
			.param(id)
			.query(this::conversationRow)
			.optional();
	}

	public Optional<ConversationView> find(UUID id) {
		return jdbc.sql("select * from conversation where id = ?").param(id).query(this::conversationRow).optional();
	}

	public void insert(ConversationView c) {
		jdbc.sql("""
				insert into conversation (id, customer_id, brand_id, channel, team_id, assigned_agent, language, status,
				                          contact_reason_id, priority, subject, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(c.id(), c.customerId(), c.brandId(), c.channel(), c.teamId(), c.assignedAgent(), c.language(),
					c.status().code(), c.contactReasonId(), c.priority(), c.subject(), Sql.utc(c.createdAt()),
					Sql.utc(c.updatedAt()))
			.update();
	}

	/** Writes the mutable fields of a conversation that the caller holds locked. */
	public void update(ConversationView c) {
		jdbc.sql("""
				update conversation set team_id = ?, assigned_agent = ?, language = ?, status = ?,
				contact_reason_id = ?, priority = ?, updated_at = ?, first_response_at = ?, resolved_at = ?
				where id = ?""")
			.params(c.teamId(), c.assignedAgent(), c.language(), c.status().code(), c.contactReasonId(), c.priority(),
					Sql.utc(c.updatedAt()), Sql.utc(c.firstResponseAt()), Sql.utc(c.resolvedAt()), c.id())
			.update();
	}

	public void insertMessage(MessageView m, String idempotencyKey) {
		jdbc.sql("""
				insert into message (id, conversation_id, channel, direction, author_kind, author_id, body_text,
				                     body_html, attachments, provider_message_id, idempotency_key, delivery_status,
				                     sent_at, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(m.id(), m.conversationId(), m.channel(), m.direction(), m.authorKind(), m.authorId(), m.text(),
					m.html(), m.attachments().isEmpty() ? null : json.writeValueAsString(m.attachments()),
					m.providerMessageId(), idempotencyKey, m.deliveryStatus(), Sql.utc(m.sentAt()),
					Sql.utc(m.createdAt()))
			.update();
	}

	public Optional<MessageView> message(UUID id) {
		return jdbc.sql("select * from message where id = ?").param(id).query(this::messageRow).optional();
	}

	/** The customer's latest message in the conversation. */
	public Optional<MessageView> lastInbound(UUID conversationId) {
		return jdbc.sql("""
				select * from message where conversation_id = ? and direction = 'inbound'
				order by created_at desc, id desc fetch first 1 rows only""")
			.param(conversationId)
			.query(this::messageRow)
			.optional();
	}

	public Optional<MessageView> outboundByProviderId(String channel, String providerMessageId) {
		return jdbc.sql("""
				select * from message where channel = ? and provider_message_id = ? and direction = 'outbound'""")
			.params(channel, providerMessageId)
			.query(this::messageRow)
			.optional();
	}

	/**
	 * Moves a message's delivery status on from the one the caller read; false when another report changed it
	 * first, so two nodes handling reports for one message cannot both append an event.
	 */
	public boolean updateDelivery(UUID messageId, DeliveryStatus from, DeliveryStatus to, String providerMessageId) {
		return jdbc.sql("""
				update message set delivery_status = ?, provider_message_id = coalesce(?, provider_message_id)
				where id = ? and coalesce(delivery_status, 'pending') = ?""")
			.params(to.code(), providerMessageId, messageId, from.code())
			.update() == 1;
	}

	/** Delivery statuses of outbound messages, looked up in chunks so a large audience stays one query per 500. */
	public Map<UUID, DeliveryStatus> deliveryStatuses(Collection<UUID> messageIds) {
		Map<UUID, DeliveryStatus> statuses = new HashMap<>();
		List<UUID> ids = new ArrayList<>(messageIds);
		for (int from = 0; from < ids.size(); from += 500) {
			jdbc.sql("select id, delivery_status from message where id in (:ids)")
				.param("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
				.query((rs, row) -> statuses.put(rs.getObject("id", UUID.class),
						rs.getString("delivery_status") == null ? DeliveryStatus.PENDING
								: DeliveryStatus.fromCode(rs.getString("delivery_status"))))
				.list();
		}
		return statuses;
	}

	public List<MessageView> messages(Collection<UUID> conversationIds) {
		if (conversationIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select * from message where conversation_id in (:ids) order by sent_at, created_at, id")
			.param("ids", conversationIds)
			.query(this::messageRow)
			.list();
	}

	public List<String> channels(UUID conversationId) {
		return jdbc.sql("select channel from message where conversation_id = ? group by channel order by min(sent_at)")
			.param(conversationId)
			.query(String.class)
			.list();
	}

	public void insertNote(NoteView note) {
		jdbc.sql("insert into note (id, conversation_id, author_id, body_text, created_at) values (?, ?, ?, ?, ?)")
			.params(note.id(), note.conversationId(), note.authorId(), note.text(), Sql.utc(note.createdAt()))
			.update();
	}

	public List<NoteView> notes(Collection<UUID> conversationIds) {
		if (conversationIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select * from note where conversation_id in (:ids) order by created_at, id")
			.param("ids", conversationIds)
			.query((rs, n) -> new NoteView(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
					rs.getString("author_id"), rs.getString("body_text"), Sql.instant(rs, "created_at")))
			.list();
	}

	/** Conversations of these customers, newest first, starting after the cursor position. */
	public List<ConversationView> ofCustomers(Collection<UUID> customerIds, Instant beforeCreatedAt, UUID beforeId,
			int limit) {
		Conditions where = new Conditions();
		where.add(true, "customer_id in (:customers)", "customers", customerIds);
		return newestFirst(where, beforeCreatedAt, beforeId, limit);
	}

	/** A page of conversations, newest first. */
	public List<ConversationView> list(ConversationStatus status, String channel, String teamId, Instant beforeCreatedAt,
			UUID beforeId, int limit) {
		Conditions where = new Conditions();
		where.add(status != null, "status = :status", "status", status == null ? null : status.code());
		where.add(channel != null, "channel = :channel", "channel", channel);
		where.add(teamId != null, "team_id = :team", "team", teamId);
		return newestFirst(where, beforeCreatedAt, beforeId, limit);
	}

	/** One page, newest first, after the cursor position when there is one. */
	private List<ConversationView> newestFirst(Conditions where, Instant beforeCreatedAt, UUID beforeId, int limit) {
		if (beforeCreatedAt != null) {
			where.add(true, "(created_at < :createdAt or (created_at = :createdAt and id < :id))", "createdAt",
					Sql.utc(beforeCreatedAt));
			where.params.put("id", beforeId);
		}
		where.params.put("limit", limit);
		return jdbc.sql("select * from conversation where " + where.sql()
				+ " order by created_at desc, id desc fetch first :limit rows only")
			.params(where.params)
			.query(this::conversationRow)
			.list();
	}

	/**
	 * An agent's inbox: highest priority first, then the longest waiting. Only what that agent may work (their
	 * team's, the ones no team has taken yet, their own) unless they see all; without a status, only open work.
	 */
	public List<ConversationView> inbox(Viewer viewer, InboxFilter filter, int limit) {
		Conditions where = visibleOpenWork(viewer, filter.status());
		where.add(filter.view() == InboxFilter.View.MINE, "assigned_agent = :me", "me", viewer.agentId());
		where.add(filter.view() == InboxFilter.View.TEAM, "team_id = :myTeam", "myTeam", viewer.teamId());
		where.add(filter.view() == InboxFilter.View.UNASSIGNED, "assigned_agent is null", null, null);
		where.add(filter.channel() != null, "channel = :channel", "channel", filter.channel());
		where.add(filter.reasonId() != null, "contact_reason_id = :reason", "reason", filter.reasonId());
		where.add(filter.language() != null, "language = :language", "language", filter.language());
		where.add(filter.brandId() != null, "brand_id = :brand", "brand", filter.brandId());
		where.params.put("limit", limit);
		return jdbc.sql("select * from conversation where " + where.sql()
				+ " order by priority desc, updated_at asc, id fetch first :limit rows only")
			.params(where.params)
			.query(this::conversationRow)
			.list();
	}

	/** How much open work the viewer has: their own, their team's, and unassigned. */
	public Map<InboxFilter.View, Long> openCounts(Viewer viewer) {
		Conditions where = visibleOpenWork(viewer, null);
		where.params.put("me", viewer.agentId());
		where.params.put("myTeam", viewer.teamId() == null ? "" : viewer.teamId());
		return jdbc.sql("""
				select count(*),
				       coalesce(sum(case when assigned_agent = :me then 1 else 0 end), 0),
				       coalesce(sum(case when team_id = :myTeam then 1 else 0 end), 0),
				       coalesce(sum(case when assigned_agent is null then 1 else 0 end), 0)
				from conversation""" + " where " + where.sql())
			.params(where.params)
			.query((rs, n) -> Map.of(InboxFilter.View.ALL, rs.getLong(1), InboxFilter.View.MINE, rs.getLong(2),
					InboxFilter.View.TEAM, rs.getLong(3), InboxFilter.View.UNASSIGNED, rs.getLong(4)))
			.single();
	}

	private static Conditions visibleOpenWork(Viewer viewer, ConversationStatus status) {
		Conditions where = new Conditions();
		if (!viewer.seesAll()) {
			where.add(true, "(team_id is null or assigned_agent = :viewerAgent"
					+ (viewer.teamId() == null ? ")" : " or team_id = :viewerTeam)"), "viewerAgent", viewer.agentId());
			if (viewer.teamId() != null) {
				where.params.put("viewerTeam", viewer.teamId());
			}
		}
		if (status == null) {
			where.add(true, "status not in ('resolved', 'closed')", null, null);
		}
		else {
			where.add(true, "status = :status", "status", status.code());
		}
		return where;
	}

	/** SQL conditions and their named parameters, built together so that they cannot drift apart. */
	private static final class Conditions {

		private final List<String> clauses = new ArrayList<>();

		private final Map<String, Object> params = new HashMap<>();

		void add(boolean when, String clause, String name, Object value) {
			if (when) {
				clauses.add(clause);
				if (name != null) {
					params.put(name, value);
				}
			}
		}

		String sql() {
			return clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses);
		}
	}

	/** Who looks: {@code seesAll} lifts the restriction to their team, the untaken ones and their own. */
	public record Viewer(String agentId, String teamId, boolean seesAll) {
	}

	private ConversationView conversationRow(ResultSet rs, int row) throws SQLException {
		return new ConversationView(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class),
				rs.getString("brand_id"), rs.getString("channel"), List.of(rs.getString("channel")),
				rs.getString("team_id"), rs.getString("assigned_agent"), rs.getString("language"),
				ConversationStatus.fromCode(rs.getString("status")), rs.getString("contact_reason_id"),
				rs.getInt("priority"), rs.getString("subject"), Sql.instant(rs, "created_at"),
				Sql.instant(rs, "updated_at"), Sql.instant(rs, "first_response_at"), Sql.instant(rs, "resolved_at"));
	}

	private MessageView messageRow(ResultSet rs, int row) throws SQLException {
		String attachments = rs.getString("attachments");
		return new MessageView(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
				rs.getString("channel"), rs.getString("direction"), rs.getString("author_kind"),
				rs.getString("author_id"), rs.getString("body_text"), rs.getString("body_html"),
				attachments == null ? List.of() : json.readValue(attachments, ATTACHMENTS),
				rs.getString("provider_message_id"), rs.getString("delivery_status"), Sql.instant(rs, "sent_at"),
				Sql.instant(rs, "created_at"));
	}
}
