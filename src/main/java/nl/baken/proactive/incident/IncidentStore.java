package nl.baken.proactive.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.baken.proactive.Incident;
import nl.baken.proactive.IncidentAudience;
import nl.baken.proactive.IncidentKind;
import nl.baken.shared.Sql;
import nl.baken.shared.TransactionMemo;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The incident tables, and the audience query over {@code business_event}. */
@Repository
public class IncidentStore {

	private static final String ANY_OPEN = "incident.any-open";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	IncidentStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public record Head(UUID id, String brandId, IncidentKind kind, String titleNl, String titleEn,
			IncidentAudience audience, boolean open, int updates, Instant startedAt, Instant endedAt,
			String createdBy) {
	}

	public void insert(Head h) {
		TransactionMemo.forget(ANY_OPEN);
		jdbc.sql("""
				insert into incident (id, brand_id, kind, title_nl, title_en, audience, state, updates, started_at,
				                      ended_at, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(h.id(), h.brandId(), h.kind().code(), h.titleNl(), h.titleEn(), json.writeValueAsString(h.audience()),
					h.open() ? "open" : "ended", h.updates(), Sql.utc(h.startedAt()), Sql.utc(h.endedAt()), h.createdBy())
			.update();
	}

	/** The incident, locked until the transaction ends: updates of one incident are numbered one at a time. */
	public Optional<Head> forUpdate(UUID id) {
		return jdbc.sql("select * from incident where id = ? for update").param(id).query(this::headRow).optional();
	}

	public Optional<Head> head(UUID id) {
		return jdbc.sql("select * from incident where id = ?").param(id).query(this::headRow).optional();
	}

	public void updated(UUID id, int updates, IncidentAudience audience) {
		jdbc.sql("update incident set updates = ?, audience = ? where id = ?")
			.params(updates, json.writeValueAsString(audience), id)
			.update();
	}

	public void ended(UUID id, int updates, Instant at) {
		TransactionMemo.forget(ANY_OPEN);
		jdbc.sql("update incident set updates = ?, state = 'ended', ended_at = ? where id = ?")
			.params(updates, Sql.utc(at), id)
			.update();
	}

	public void insertUpdate(UUID incident, Incident.Update u) {
		jdbc.sql("""
				insert into incident_update (incident_id, seq, status_nl, status_en, expected_end, posted_at, posted_by,
				                             audience_size)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(incident, u.seq(), u.statusNl(), u.statusEn(), Sql.utc(u.expectedEnd()), Sql.utc(u.postedAt()),
					u.postedBy(), u.audienceSize())
			.update();
	}

	public List<Incident.Update> updates(UUID incident) {
		return jdbc.sql("select * from incident_update where incident_id = ? order by seq")
			.param(incident)
			.query((rs, n) -> new Incident.Update(rs.getInt("seq"), rs.getString("status_nl"),
					rs.getString("status_en"), Sql.instant(rs, "expected_end"), Sql.instant(rs, "posted_at"),
					rs.getString("posted_by"), rs.getInt("audience_size")))
			.list();
	}

	/** Newest first; open ones before ended ones. */
	public List<Head> list(boolean openOnly, int limit) {
		return jdbc.sql("select * from incident" + (openOnly ? " where state = 'open'" : "")
				+ " order by case when state = 'open' then 0 else 1 end, started_at desc fetch first " + limit
				+ " rows only")
			.query(this::headRow)
			.list();
	}

	/** Ended incidents of this kind and brand that started before {@code before}, newest first. */
	public List<Head> comparable(IncidentKind kind, String brandId, UUID except, Instant before, int limit) {
		List<Object> params = new ArrayList<>(List.of(kind.code()));
		if (brandId != null) {
			params.add(brandId);
		}
		params.add(except);
		params.add(Sql.utc(before));
		return jdbc.sql("select * from incident where state = 'ended' and kind = ? and "
				+ (brandId == null ? "brand_id is null" : "brand_id = ?")
				+ " and id <> ? and started_at < ? order by started_at desc fetch first " + limit + " rows only")
			.params(params)
			.query(this::headRow)
			.list();
	}

	/** Adds the customers not yet affected; answers how many were new. The caller holds the incident's lock. */
	public int addCustomers(UUID incident, Collection<UUID> customers, Instant at) {
		java.util.Set<UUID> known = new java.util.HashSet<>(customers(incident));
		int added = 0;
		for (UUID customer : customers) {
			if (known.add(customer)) {
				jdbc.sql("insert into incident_customer (incident_id, customer_id, added_at) values (?, ?, ?)")
					.params(incident, customer, Sql.utc(at))
					.update();
				added++;
			}
		}
		return added;
	}

	public List<UUID> customers(UUID incident) {
		return jdbc.sql("select customer_id from incident_customer where incident_id = ? order by customer_id")
			.param(incident)
			.query(UUID.class)
			.list();
	}

	public long customerCount(UUID incident) {
		return jdbc.sql("select count(*) from incident_customer where incident_id = ?")
			.param(incident)
			.query(Long.class)
			.single();
	}

	/**
	 * Whether any incident is open: most messages arrive when none is, and then cost this one query, once per
	 * transaction (a group of inbound messages asks it once).
	 */
	public boolean anyOpen() {
		return TransactionMemo.answer(ANY_OPEN,
				() -> jdbc.sql("select count(*) from incident where state = 'open'").query(Long.class).single() > 0);
	}

	/** Open incidents this customer is affected by, newest first. */
	public List<UUID> openFor(Collection<UUID> customers) {
		if (customers.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select distinct i.id, i.started_at from incident i
				join incident_customer c on c.incident_id = i.id
				where i.state = 'open' and c.customer_id in (:customers)
				order by i.started_at desc""")
			.param("customers", customers)
			.query((rs, n) -> rs.getObject("id", UUID.class))
			.list();
	}

	public record Link(UUID incident, UUID conversation, int answeredSeq) {
	}

	public Optional<Link> link(UUID incident, UUID conversation) {
		return jdbc.sql("select * from incident_link where incident_id = ? and conversation_id = ?")
			.params(incident, conversation)
			.query((rs, n) -> new Link(incident, conversation, rs.getInt("answered_seq")))
			.optional();
	}

	public void insertLink(UUID incident, UUID conversation, UUID customer, Instant at) {
		jdbc.sql("""
				insert into incident_link (incident_id, conversation_id, customer_id, linked_at, answered_seq)
				values (?, ?, ?, ?, 0)""")
			.params(incident, conversation, customer, Sql.utc(at))
			.update();
	}

	public void answered(UUID incident, UUID conversation, int seq) {
		jdbc.sql("update incident_link set answered_seq = ? where incident_id = ? and conversation_id = ?")
			.params(seq, incident, conversation)
			.update();
	}

	public long linkCount(UUID incident) {
		return jdbc.sql("select count(*) from incident_link where incident_id = ?")
			.param(incident)
			.query(Long.class)
			.single();
	}

	/**
	 * Customers with a business event that matches every given criterion of the audience (as stored: merges are
	 * followed by the caller).
	 */
	public List<UUID> matching(IncidentAudience audience) {
		StringBuilder sql = new StringBuilder(
				"select distinct customer_id from business_event where customer_id is not null");
		List<Object> params = new ArrayList<>();
		in(sql, params, "order_id", audience.orderIds());
		in(sql, params, "product", audience.products());
		in(sql, params, "device_id", audience.deviceIds());
		if (!audience.postcodeRanges().isEmpty()) {
			sql.append(" and (");
			List<IncidentAudience.PostcodeRange> ranges = audience.ranges();
			for (int i = 0; i < ranges.size(); i++) {
				sql.append(i == 0 ? "" : " or ").append("postcode_area between ? and ?");
				params.add(ranges.get(i).from());
				params.add(ranges.get(i).to());
			}
			sql.append(")");
		}
		return jdbc.sql(sql.toString()).params(params).query(UUID.class).list();
	}

	/** Customers with a business event received in [from, to): the population the unaffected rate is taken from. */
	public List<UUID> customersWithEvents(Instant from, Instant to) {
		return jdbc.sql("""
				select distinct customer_id from business_event
				where customer_id is not null and received_at >= ? and received_at < ?""")
			.params(Sql.utc(from), Sql.utc(to))
			.query(UUID.class)
			.list();
	}

	private static void in(StringBuilder sql, List<Object> params, String column, List<String> values) {
		if (values.isEmpty()) {
			return;
		}
		sql.append(" and ").append(column).append(" in (").append("?,".repeat(values.size() - 1)).append("?)");
		params.addAll(values);
	}

	private Head headRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Head(rs.getObject("id", UUID.class), rs.getString("brand_id"),
				IncidentKind.fromCode(rs.getString("kind")).orElse(IncidentKind.OTHER), rs.getString("title_nl"),
				rs.getString("title_en"), json.readValue(rs.getString("audience"), IncidentAudience.class),
				"open".equals(rs.getString("state")), rs.getInt("updates"), Sql.instant(rs, "started_at"),
				Sql.instant(rs, "ended_at"), rs.getString("created_by"));
	}
}
