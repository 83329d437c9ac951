package nl.baken.analytics.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import nl.baken.analytics.CountedContact;
import nl.baken.analytics.KpiQuery;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.customer.Customers;
import nl.baken.shared.Sql;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One row per contact with what the unnecessary-contact KPIs (repeat, transfer, informational) count, kept up to
 * date from the contact-event log, so those KPIs over millions of contacts read rows instead of events.
 * <p>
 * The base facts are derived per conversation with the same {@link ContactFacts} the log computation uses, after the
 * log's position (the watermark) with a look-back, because transactions commit out of position order. Each customer's
 * previous contact — what the repeat KPI needs, for any window — is kept in the fact itself, computed set-based (LAG
 * over the customer's contacts; a tie in time is not before): for the touched customers on each catch-up and for the
 * customers a merge or unmerge touched, and for all history only after a bulk load. The {@link ContactFactRollup}
 * counts the facts per day for the current definitions; it is rebuilt for the touched days in the same transaction,
 * and all at once (one scan) after a definition change. Writers lock the one state row, so two nodes on one database take turns. A catch-up skips
 * conversations whose new events cannot change their facts (see {@link #FACT_EVENTS}); one far behind (after a bulk
 * load) rebuilds all facts in one pass over the log instead (see {@link #rebuild}).
 */
@Service
public class ContactFactTable {

	/** The KPIs the facts answer. */
	static final Set<String> KPIS = Set.of(KpiCatalogue.REPEAT_CONTACT_RATE, KpiCatalogue.TRANSFER_RATE,
			KpiCatalogue.INFORMATIONAL_SHARE);

	/**
	 * The definitions the facts are computed for, with the facts' own format; a change here (a new version of one of
	 * the three KPIs) makes the facts stale until they are recomputed.
	 */
	static final String DEFINITION = "facts:3," + KpiCatalogue.all()
		.stream()
		.filter(d -> ContactFactTable.KPIS.contains(d.name()))
		.map(d -> d.name() + ":" + d.version())
		.collect(Collectors.joining(","));

	/** Positions read again behind the watermark: a transaction may commit after later positions were read. */
	static final long LOOK_BACK = 200;

	private static final int PAGE = 20_000;

	private static final int CHUNK = 500;

	/**
	 * Further behind than this many events, and than a quarter of the log, the facts are rebuilt from the whole log in
	 * one pass (after a bulk load such as {@code generate-history}) instead of page by page.
	 */
	static final long REBUILD_BEHIND = 100_000;

	/**
	 * The events whose content the facts hold ({@link ContactFacts#of} reads the offer's customer, channel, brand and
	 * time, the queue of a queueing and whether it was a callback's, the first answer, a transfer's level, and a
	 * resolution's reason, flag, valence and who resolved it). Of any other event the facts take only its team, so a
	 * page of the log that brings a conversation only other events with teams it already has (a new message on an open
	 * conversation, the bulk of a steady inbound stream) cannot change its facts, and the catch-up skips it.
	 */
	static final Set<ContactEventType> FACT_EVENTS = EnumSet.of(ContactEventType.OFFERED, ContactEventType.QUEUED,
			ContactEventType.FIRST_AGENT_RESPONSE, ContactEventType.TRANSFERRED, ContactEventType.RESOLVED);

	/** The events whose attributes the facts read. */
	private static final Set<ContactEventType> WITH_ATTRIBUTES = EnumSet.of(ContactEventType.QUEUED,
			ContactEventType.TRANSFERRED, ContactEventType.RESOLVED);

	/** Fact rows per COPY or insert batch of a rebuild. */
	private static final int REBUILD_BATCH = 5_000;

	/** Beyond this many events behind, a request does not wait for the catch-up; the scheduled one does it. */
	private static final long INLINE_CATCH_UP_LIMIT = 20_000;

	/** Beyond this many touched customers, their previous contacts are recomputed for all history at once. */
	private static final int INCREMENTAL_CUSTOMERS = 5_000;

	/** Beyond this many touched days (a bulk load), the rollup is counted again at once by the next refresh. */
	private static final int INCREMENTAL_DAYS = 14;

	/** The contacts' stored previous contact, as in {@link #previous(ResultSet, String)}. */
	private static final String STORED = "previous_any_id, previous_any_channel, gap_any_ms, previous_same_id, "
			+ "previous_same_channel, gap_same_ms";

	/**
	 * Each contact's previous contact of the same canonical customer, on any reason and on the same reason, next to
	 * the stored one: the last contact offered strictly before it, as the log computation counts it. LAG alone would
	 * give a contact offered in the same millisecond as another the other one with a gap of 0, hiding the earlier
	 * contact, so a tie group takes the previous contact of its first member. Callback work has none, so it is never a
	 * repeat, but it is the previous contact of what follows it.
	 */
	private static String previous(String where) {
		String tie = "partition by canonical_customer_id, offered_ms order by conversation_id";
		String sameTie = "partition by canonical_customer_id, reason, offered_ms order by conversation_id";
		String order = "order by offered_ms, conversation_id";
		return """
				select conversation_id, offered_day, %1$s,
				  case when not callback_work then first_value(l_any_id) over (%2$s) end as p_any_id,
				  case when not callback_work then first_value(l_any_channel) over (%2$s) end as p_any_channel,
				  case when not callback_work then first_value(l_gap_any) over (%2$s) end as p_gap_any,
				  case when %6$s then first_value(l_same_id) over (%3$s) end as p_same_id,
				  case when %6$s then first_value(l_same_channel) over (%3$s) end as p_same_channel,
				  case when %6$s then first_value(l_gap_same) over (%3$s) end as p_gap_same
				from (select conversation_id, canonical_customer_id, reason, offered_ms, offered_day, callback_work,
				  %1$s,
				  lag(conversation_id) over (partition by canonical_customer_id %4$s) as l_any_id,
				  lag(channel) over (partition by canonical_customer_id %4$s) as l_any_channel,
				  offered_ms - lag(offered_ms) over (partition by canonical_customer_id %4$s) as l_gap_any,
				  lag(conversation_id) over (partition by canonical_customer_id, reason %4$s) as l_same_id,
				  lag(channel) over (partition by canonical_customer_id, reason %4$s) as l_same_channel,
				  offered_ms - lag(offered_ms) over (partition by canonical_customer_id, reason %4$s) as l_gap_same
				  from contact_fact where %5$s) l""".formatted(STORED, tie, sameTie, order, where,
				"reason is not null and not callback_work");
	}

	private static final String ALL_PREVIOUS = "(" + previous("canonical_customer_id is not null") + ") p";

	private static final String SET_PREVIOUS = """
			previous_any_id = p.p_any_id, previous_any_channel = p.p_any_channel, gap_any_ms = p.p_gap_any,
			previous_same_id = p.p_same_id, previous_same_channel = p.p_same_channel, gap_same_ms = p.p_gap_same""";

	/** All history at once; only rows whose previous contact changed are written (PostgreSQL has no MERGE before 15). */
	private static final String ALL_PREVIOUS_POSTGRES = "update contact_fact f set " + SET_PREVIOUS + " from "
			+ ALL_PREVIOUS + " where " + """
			p.conversation_id = f.conversation_id
			and (f.previous_any_id is distinct from p.p_any_id or f.previous_any_channel is distinct from p.p_any_channel
			     or f.gap_any_ms is distinct from p.p_gap_any or f.previous_same_id is distinct from p.p_same_id
			     or f.previous_same_channel is distinct from p.p_same_channel
			     or f.gap_same_ms is distinct from p.p_gap_same)""";

	private static final String ALL_PREVIOUS_H2 = "merge into contact_fact f using " + ALL_PREVIOUS
			+ " on (f.conversation_id = p.conversation_id) when matched then update set " + SET_PREVIOUS;

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final ContactFactRollup rollup;

	private final TransactionTemplate transactions;

	private final ContactEvents events;

	private final Customers customers;

	private final Clock clock;

	private final boolean postgres;

	private final DataSource dataSource;

	private final boolean scheduled;

	private final Duration catchUpEvery;

	private volatile Instant lastScheduledCatchUp;

	ContactFactTable(JdbcClient jdbc, JdbcTemplate batches, ContactFactRollup rollup, TransactionTemplate transactions,
			ContactEvents events, Customers customers, Clock clock, DataSource dataSource,
			@Value("${baken.analytics.facts-refresh-enabled:true}") boolean scheduled,
			@Value("${baken.analytics.facts-refresh:PT5M}") Duration catchUpEvery) throws SQLException {
		this.jdbc = jdbc;
		this.batches = batches;
		this.rollup = rollup;
		this.scheduled = scheduled;
		this.catchUpEvery = catchUpEvery;
		this.transactions = transactions;
		this.events = events;
		this.customers = customers;
		this.clock = clock;
		this.dataSource = dataSource;
		try (Connection connection = dataSource.getConnection()) {
			this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
		}
	}

	/** What a refresh did, for the command's report. */
	public record Refresh(long conversations, boolean recomputed, long catchUpMillis, long recomputeMillis) {
	}

	private record State(long watermark, String definition, String merges, boolean previousStale) {
	}

	/** The canonical customers and the days a write touched, before and after. */
	private record Touched(Set<UUID> customers, Set<Integer> days) {

		Touched() {
			this(new HashSet<>(), new HashSet<>());
		}

		void add(Touched other) {
			customers.addAll(other.customers());
			days.addAll(other.days());
		}
	}

	/**
	 * The server's refresh. Off in commands that write history themselves ({@code generate-history}): a catch-up
	 * beside a running COPY only slows it down. It looks every half minute whether a definition or the merges
	 * changed, but follows the log only every {@code baken.analytics.facts-refresh} (five minutes): a catch-up rereads
	 * every touched conversation's events, and under a steady inbound load a 30-second catch-up took half the CPU the
	 * inbound path needs (docs/benchmarks.md). A KPI request catches up a short way itself.
	 */
	@Scheduled(initialDelayString = "${baken.analytics.facts-check:PT30S}",
			fixedDelayString = "${baken.analytics.facts-check:PT30S}")
	void scheduledRefresh() {
		if (!scheduled) {
			return;
		}
		Instant now = clock.instant();
		if (lastScheduledCatchUp == null || !now.isBefore(lastScheduledCatchUp.plus(catchUpEvery))
				|| !stale().isEmpty()) {
			refresh();
			lastScheduledCatchUp = now;
		}
	}

	/**
	 * Follows the log, then brings what is stale up to date: the rollup after a definition change, the previous
	 * contacts of the customers a merge or unmerge touched, all previous contacts after a bulk load.
	 */
	public Refresh refresh() {
		long began = System.nanoTime();
		long conversations = catchUp();
		long caughtUp = System.nanoTime();
		boolean recompute = !stale().isEmpty();
		if (recompute) {
			recompute();
		}
		return new Refresh(conversations, recompute, (caughtUp - began) / 1_000_000,
				(System.nanoTime() - caughtUp) / 1_000_000);
	}

	/**
	 * Brings the previous contacts and the rollup up to date: all previous contacts after a bulk load, those of the
	 * customers a merge or unmerge touched, and the rollup all at once (a changed definition, a bulk load) or for the
	 * days whose counts changed. Returns the rollup rows written.
	 */
	public long recompute() {
		return transactions.execute(status -> {
			State state = lockState();
			String signature = customers.mergeSignature();
			Map<UUID, UUID> merged = customers.canonicalOfMerged();
			Set<Integer> days = new HashSet<>();
			if (state.previousStale()) {
				applyMerges(merged);
				jdbc.sql(postgres ? ALL_PREVIOUS_POSTGRES : ALL_PREVIOUS_H2).update();
			}
			else if (!signature.equals(state.merges())) {
				days.addAll(previousContactsOf(new ArrayList<>(followMerges(merged))));
			}
			long rows;
			if (state.previousStale() || !DEFINITION.equals(state.definition())) {
				rows = rollup.recompute(postgres);
			}
			else {
				rollup.rebuildDays(days);
				rows = days.size();
			}
			jdbc.sql("""
					update contact_fact_state set definition = ?, merges = ?, previous_stale = false, recomputed_at = ?
					where id = 1""").params(DEFINITION, signature, Sql.utc(clock.instant())).update();
			return rows;
		});
	}

	/**
	 * Whether the facts can answer now: computed for this definition and these merges, and (after catching up, when
	 * only a little behind) as far as the log goes.
	 */
	boolean ready() {
		if (!stale().isEmpty()) {
			return false;
		}
		long behind = events.lastPosition() - state().watermark();
		if (behind > INLINE_CATCH_UP_LIMIT) {
			return false;
		}
		if (behind > 0) {
			catchUp();
		}
		return stale().isEmpty() && state().watermark() >= events.lastPosition();
	}

	/** Why the facts are not for the current definition and merges; empty when they are. */
	String stale() {
		State state = state();
		if (!DEFINITION.equals(state.definition())) {
			return "computed for '" + state.definition() + "', not '" + DEFINITION + "'";
		}
		if (!customers.mergeSignature().equals(state.merges())) {
			return "customers were merged or unmerged since";
		}
		if (state.previousStale()) {
			return "the previous contacts are to be computed over all history (after a bulk load)";
		}
		return "";
	}

	/**
	 * Makes the next catch-up read the log again from {@code position}. For a writer whose transaction stays open
	 * long (a bulk COPY): transactions committed meanwhile can move the watermark past its positions by more than
	 * the look-back. Call it after the commit with the last position seen before the transaction began.
	 */
	public void rereadFrom(long position) {
		transactions.executeWithoutResult(status -> {
			lockState();
			jdbc.sql("update contact_fact_state set watermark = ? where id = 1 and watermark > ?")
				.params(position, position)
				.update();
		});
	}

	/**
	 * Reads the log past the watermark page by page, each page in its own transaction, or rebuilds all facts when far
	 * behind; returns contacts written.
	 */
	long catchUp() {
		long last = events.lastPosition();
		long behind = last - state().watermark();
		if (behind > REBUILD_BEHIND && behind > last / 4) {
			return rebuild();
		}
		long written = 0;
		while (true) {
			Long page = transactions.execute(status -> catchUpPage());
			if (page == null || page < 0) {
				return written;
			}
			written += page;
		}
	}

	private long catchUpPage() {
		State state = lockState();
		if (state.watermark() >= events.lastPosition()) {
			return -1;
		}
		List<ContactEvents.LogPosition> positions = events.positionsAfter(Math.max(0, state.watermark() - LOOK_BACK),
				PAGE);
		if (positions.isEmpty()) {
			return -1;
		}
		long highest = positions.stream().mapToLong(ContactEvents.LogPosition::seq).max().orElseThrow();
		List<UUID> conversations = changed(positions);
		Map<UUID, UUID> merged = customers.canonicalOfMerged();
		Touched touched = new Touched();
		for (int i = 0; i < conversations.size(); i += CHUNK) {
			touched.add(write(conversations.subList(i, Math.min(conversations.size(), i + CHUNK)), merged));
		}
		keepDerived(state, touched);
		jdbc.sql("update contact_fact_state set watermark = ? where id = 1").param(highest).update();
		return conversations.size();
	}

	/**
	 * The conversations whose facts these events may change: those with an event of {@link #FACT_EVENTS}, with a
	 * team their facts do not have yet, or without facts so far (their offer may have been read before it committed).
	 */
	private List<UUID> changed(List<ContactEvents.LogPosition> positions) {
		Set<UUID> changed = new LinkedHashSet<>();
		Map<UUID, Set<String>> teamsOnly = new java.util.LinkedHashMap<>();
		for (ContactEvents.LogPosition p : positions) {
			if (p.conversationId() == null || changed.contains(p.conversationId())) {
				continue;
			}
			if (FACT_EVENTS.contains(p.type())) {
				changed.add(p.conversationId());
				teamsOnly.remove(p.conversationId());
			}
			else {
				Set<String> teams = teamsOnly.computeIfAbsent(p.conversationId(), id -> new HashSet<>());
				if (p.teamId() != null) {
					teams.add(p.teamId());
				}
			}
		}
		List<UUID> others = new ArrayList<>(teamsOnly.keySet());
		for (int i = 0; i < others.size(); i += CHUNK) {
			Map<UUID, String> known = new java.util.HashMap<>();
			jdbc.sql("select conversation_id, teams from contact_fact where conversation_id in (:ids)")
				.param("ids", others.subList(i, Math.min(others.size(), i + CHUNK)))
				.query((rs, n) -> known.put(rs.getObject(1, UUID.class), rs.getString(2)))
				.list();
			for (UUID id : others.subList(i, Math.min(others.size(), i + CHUNK))) {
				String teams = known.get(id);
				if (teams == null || teamsOnly.get(id).stream().anyMatch(team -> !teams.contains("|" + team + "|"))) {
					changed.add(id);
				}
			}
		}
		return new ArrayList<>(changed);
	}

	/**
	 * After a page of facts was written: the previous contacts of the touched customers, then the rollup of the days
	 * whose counts changed, unless a bulk load makes computing them at once cheaper (the next refresh does).
	 */
	private void keepDerived(State state, Touched touched) {
		if (state.previousStale()) {
			return;
		}
		if (touched.customers().size() > INCREMENTAL_CUSTOMERS) {
			jdbc.sql("update contact_fact_state set previous_stale = true where id = 1").update();
			return;
		}
		Set<Integer> days = new HashSet<>(touched.days());
		days.addAll(previousContactsOf(new ArrayList<>(touched.customers())));
		if (!DEFINITION.equals(state.definition())) {
			return; // the next refresh counts the rollup again anyway
		}
		if (days.size() > INCREMENTAL_DAYS) {
			jdbc.sql("update contact_fact_state set definition = '' where id = 1").update();
		}
		else {
			rollup.rebuildDays(days);
		}
	}

	/**
	 * Rebuilds every contact's facts from the whole log in one pass — the log read once, sorted by conversation,
	 * through a cursor; the facts written with COPY on PostgreSQL (its secondary indexes built after) and in batches
	 * on H2 — then marks every customer's previous contacts and the rollup to be computed over all history. For a
	 * catch-up far behind, where reading page by page would read most conversations' events once per page they
	 * appear on. One transaction holding the state
	 * lock; the watermark becomes the log's last position before the read, so later events follow by the usual
	 * catch-up (with its look-back). Returns the contacts written.
	 */
	long rebuild() {
		Long written = transactions.execute(status -> {
			lockState();
			long last = events.lastPosition();
			Map<UUID, UUID> merged = customers.canonicalOfMerged();
			List<String> indexes = List.of();
			if (postgres) {
				jdbc.sql("truncate table contact_fact").update();
				indexes = SecondaryIndexes.drop(jdbc, "contact_fact");
			}
			else {
				jdbc.sql("delete from contact_fact").update();
			}
			long[] count = { 0 };
			try (FactWriter writer = postgres ? new CopyWriter() : new BatchWriter()) {
				events.forEachConversation(WITH_ATTRIBUTES, conversation -> {
					Object[] row = row(ContactFacts.of(conversation), merged);
					if (row != null) {
						writer.add(row);
						count[0]++;
					}
				});
			}
			SecondaryIndexes.create(jdbc, indexes);
			// the previous contacts and the rollup follow over all history, in the refresh that called this
			jdbc.sql("update contact_fact_state set watermark = ?, previous_stale = true where id = 1").param(last).update();
			return count[0];
		});
		return written == null ? 0 : written;
	}

	private static final String COLUMNS = """
			conversation_id, customer_id, canonical_customer_id, channel, brand_id, offered_at, offered_ms, offered_day, \
			teams, queues, reason, informational, valence, handled, transferred_team, transferred_any, \
			callback_work""";

	/** Fact rows written in batches, in the transaction's connection. */
	private sealed interface FactWriter extends AutoCloseable permits CopyWriter, BatchWriter {

		void add(Object[] row);

		@Override
		void close();
	}

	/** COPY (CSV) in chunks: the cursor that reads the log shares the connection, so no COPY may stay open. */
	private final class CopyWriter implements FactWriter {

		private final StringBuilder csv = new StringBuilder(1 << 20);

		private int rows;

		@Override
		public void add(Object[] row) {
			for (int i = 0; i < row.length; i++) {
				if (i > 0) {
					csv.append(',');
				}
				Object value = row[i];
				if (value instanceof String text) {
					CopyCsv.quoted(csv, text);
				}
				else if (value instanceof java.time.OffsetDateTime time) {
					csv.append(time.toInstant());
				}
				else if (value != null) {
					csv.append(value);
				}
			}
			csv.append('\n');
			if (++rows == REBUILD_BATCH) {
				flush();
			}
		}

		private void flush() {
			if (rows == 0) {
				return;
			}
			try {
				org.postgresql.PGConnection connection = org.springframework.jdbc.datasource.DataSourceUtils
					.getConnection(dataSource)
					.unwrap(org.postgresql.PGConnection.class);
				connection.getCopyAPI()
					.copyIn("copy contact_fact (" + COLUMNS + ") from stdin with (format csv)",
							new java.io.StringReader(csv.toString()));
			}
			catch (SQLException | java.io.IOException e) {
				throw new IllegalStateException("writing the contact facts failed: " + e.getMessage(), e);
			}
			csv.setLength(0);
			rows = 0;
		}

		@Override
		public void close() {
			flush();
		}
	}

	/** Batched inserts (H2). */
	private final class BatchWriter implements FactWriter {

		private final java.sql.PreparedStatement insert;

		private int rows;

		BatchWriter() {
			try {
				insert = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource)
					.prepareStatement("insert into contact_fact (" + COLUMNS
							+ ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
			}
			catch (SQLException e) {
				throw new IllegalStateException("writing the contact facts failed: " + e.getMessage(), e);
			}
		}

		@Override
		public void add(Object[] row) {
			try {
				for (int i = 0; i < row.length; i++) {
					insert.setObject(i + 1, row[i]);
				}
				insert.addBatch();
				if (++rows % REBUILD_BATCH == 0) {
					insert.executeBatch();
				}
			}
			catch (SQLException e) {
				throw new IllegalStateException("writing the contact facts failed: " + e.getMessage(), e);
			}
		}

		@Override
		public void close() {
			try (insert) {
				insert.executeBatch();
			}
			catch (SQLException e) {
				throw new IllegalStateException("writing the contact facts failed: " + e.getMessage(), e);
			}
		}
	}

	/** Writes the facts of these conversations again; returns their canonical customers and days, old and new. */
	private Touched write(List<UUID> conversations, Map<UUID, UUID> merged) {
		Map<UUID, List<ContactEvent>> byConversation = events.ofConversations(conversations)
			.stream()
			.collect(Collectors.groupingBy(ContactEvent::conversationId));
		Touched touched = replaced(conversations);
		jdbc.sql("delete from contact_fact where conversation_id in (:ids)").param("ids", conversations).update();
		Set<UUID> customersTouched = touched.customers();
		List<Object[]> rows = new ArrayList<>();
		for (List<ContactEvent> list : byConversation.values()) {
			Object[] row = row(ContactFacts.of(list), merged);
			if (row == null) {
				continue;
			}
			if (row[2] != null) {
				customersTouched.add((UUID) row[2]);
			}
			touched.days().add((Integer) row[7]);
			rows.add(row);
		}
		if (!rows.isEmpty()) {
			insert(rows);
		}
		return touched;
	}

	/** The customers and days of these conversations' facts as written before: they may change with the rewrite. */
	private Touched replaced(List<UUID> conversations) {
		Touched touched = new Touched();
		jdbc.sql("select canonical_customer_id, offered_day from contact_fact where conversation_id in (:ids)")
			.param("ids", conversations)
			.query((rs, n) -> {
				UUID canonical = rs.getObject(1, UUID.class);
				if (canonical != null) {
					touched.customers().add(canonical);
				}
				touched.days().add(rs.getInt(2));
				return null;
			})
			.list();
		return touched;
	}

	/** A contact's fact row (columns as {@link #COLUMNS}); none when no contact was offered. */
	private static Object[] row(ContactFacts c, Map<UUID, UUID> merged) {
		if (c.offeredAt() == null) {
			return null; // no contact offered (such as a callback's work): not counted by these KPIs
		}
		UUID canonical = c.customerId() == null ? null : merged.getOrDefault(c.customerId(), c.customerId());
		return new Object[] { c.conversationId(), c.customerId(), canonical, c.channel(), c.brandId(),
				Sql.utc(c.offeredAt()), c.offeredAt().toEpochMilli(), ContactFactRollup.day(c.offeredAt()),
				joined(c.teams()), joined(c.queues()), c.reason(), c.informational(), valence(c), c.handled(),
				c.transferLevels().contains("team"), !c.transferLevels().isEmpty(), c.callbackWork() };
	}

	private void insert(List<Object[]> rows) {
		StringBuilder sql = new StringBuilder("insert into contact_fact (" + COLUMNS + ") values ");
		List<Object> values = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			sql.append(i == 0 ? "" : ",").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
			values.addAll(Arrays.asList(rows.get(i)));
		}
		var statement = jdbc.sql(sql.toString());
		for (int i = 0; i < values.size(); i++) {
			statement = statement.param(i + 1, values.get(i));
		}
		statement.update();
	}

	/**
	 * Recomputes the previous contacts of these canonical customers' contacts, writing only those that changed;
	 * returns the days of the contacts whose previous contact changed.
	 */
	private Set<Integer> previousContactsOf(List<UUID> canonicalCustomers) {
		Set<Integer> days = new HashSet<>();
		List<Object[]> changed = new ArrayList<>();
		for (int i = 0; i < canonicalCustomers.size(); i += CHUNK) {
			List<UUID> chunk = canonicalCustomers.subList(i, Math.min(canonicalCustomers.size(), i + CHUNK));
			jdbc.sql(previous("canonical_customer_id in (:customers)"))
				.param("customers", chunk)
				.query((rs, n) -> {
					Object[] stored = previous(rs, "previous_any_id");
					Object[] computed = previous(rs, "p_any_id");
					if (!Arrays.equals(stored, computed)) {
						Object[] row = Arrays.copyOf(computed, 7);
						row[6] = rs.getObject(1, UUID.class);
						changed.add(row);
						days.add(rs.getInt(2));
					}
					return null;
				})
				.list();
		}
		if (!changed.isEmpty()) {
			batches.batchUpdate("""
					update contact_fact set previous_any_id = ?, previous_any_channel = ?, gap_any_ms = ?,
					                        previous_same_id = ?, previous_same_channel = ?, gap_same_ms = ?
					where conversation_id = ?""", changed);
		}
		return days;
	}

	/** Previous contact id, channel, gap on any reason, then on the same reason, from six columns from {@code first}. */
	private static Object[] previous(ResultSet rs, String first) throws SQLException {
		int column = rs.findColumn(first);
		return new Object[] { rs.getObject(column, UUID.class), rs.getString(column + 1),
				rs.getObject(column + 2, Long.class), rs.getObject(column + 3, UUID.class), rs.getString(column + 4),
				rs.getObject(column + 5, Long.class) };
	}

	/**
	 * Points the contacts whose customer was merged or unmerged since at their canonical customer now; returns the
	 * canonical customers before and after, whose previous contacts may have changed.
	 */
	private Set<UUID> followMerges(Map<UUID, UUID> merged) {
		Map<UUID, UUID> pointed = new java.util.HashMap<>();
		jdbc.sql("select distinct customer_id, canonical_customer_id from contact_fact "
				+ "where canonical_customer_id <> customer_id")
			.query((rs, n) -> pointed.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
			.list();
		List<UUID> mergedCustomers = new ArrayList<>(merged.keySet());
		for (int i = 0; i < mergedCustomers.size(); i += CHUNK) {
			jdbc.sql("select distinct customer_id, canonical_customer_id from contact_fact where customer_id in (:ids)")
				.param("ids", mergedCustomers.subList(i, Math.min(mergedCustomers.size(), i + CHUNK)))
				.query((rs, n) -> pointed.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
				.list();
		}
		Set<UUID> touched = new HashSet<>();
		for (Map.Entry<UUID, UUID> row : pointed.entrySet()) {
			UUID now = merged.getOrDefault(row.getKey(), row.getKey());
			if (!now.equals(row.getValue())) {
				jdbc.sql("update contact_fact set canonical_customer_id = ? where customer_id = ?")
					.params(now, row.getKey())
					.update();
				touched.add(row.getValue());
				touched.add(now);
			}
		}
		return touched;
	}

	/** Points every contact at its customer's canonical customer, undoing merges that were undone. */
	private void applyMerges(Map<UUID, UUID> merged) {
		jdbc.sql("update contact_fact set canonical_customer_id = customer_id where canonical_customer_id <> customer_id")
			.update();
		for (Map.Entry<UUID, UUID> merge : merged.entrySet()) {
			jdbc.sql("update contact_fact set canonical_customer_id = ? where customer_id = ?")
				.params(merge.getValue(), merge.getKey())
				.update();
		}
	}

	private State lockState() {
		return jdbc.sql("select watermark, definition, merges, previous_stale from contact_fact_state where id = 1 "
				+ "for update")
			.query((rs, n) -> new State(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
			.single();
	}

	private State state() {
		return jdbc.sql("select watermark, definition, merges, previous_stale from contact_fact_state where id = 1")
			.query((rs, n) -> new State(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
			.single();
	}

	/** The KPI's counts from the facts; the contacts only when asked for, since a period may hold millions. */
	KpiCalculator.Computation compute(String name, Map<String, String> parameters, KpiQuery query,
			boolean withContacts) {
		Counting counting = counting(name, parameters);
		Map<String, Object> params = new java.util.HashMap<>(counting.parameters());
		String where = where(query, params) + " and " + counting.denominator();
		String from = FROM_FACTS;
		List<CountedContact> counted = new ArrayList<>();
		long numerator;
		long denominator;
		if (withContacts) {
			jdbc.sql("select f.conversation_id, f.customer_id, f.channel, f.brand_id, f.offered_at, f.reason, "
					+ "f.callback_work, "
					+ "case when " + counting.numerator() + " then 1 else 0 end as counted, "
					+ counting.previous() + " as previous_id, " + counting.previousChannel() + " as previous_channel"
					+ from + where + " order by f.offered_at, f.conversation_id")
				.params(params)
				.query((rs, n) -> {
					boolean inNumerator = rs.getInt("counted") == 1;
					counted.add(new CountedContact(rs.getObject("conversation_id", UUID.class),
							rs.getObject("customer_id", UUID.class), rs.getString("channel"), rs.getString("brand_id"),
							Sql.instant(rs, "offered_at"), inNumerator, true,
							counting.note(inNumerator, rs.getString("reason"), rs.getBoolean("callback_work"),
									rs.getObject("previous_id", UUID.class), rs.getString("previous_channel")),
							null));
					return null;
				})
				.list();
			numerator = counted.stream().filter(CountedContact::numerator).count();
			denominator = counted.size();
		}
		else {
			long[] counts = jdbc.sql("select count(*), coalesce(sum(case when " + counting.numerator()
					+ " then 1 else 0 end), 0)" + from + where)
				.params(params)
				.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
				.single();
			denominator = counts[0];
			numerator = counts[1];
		}
		Double value = denominator == 0 ? null : 100.0 * numerator / denominator;
		return new KpiCalculator.Computation(numerator, (double) denominator, value, counted);
	}

	private static final String FROM_FACTS = " from contact_fact f";

	/** The period and the filters, as SQL and named parameters. */
	private static String where(KpiQuery query, Map<String, Object> params) {
		params.put("from", Sql.utc(query.from()));
		params.put("to", Sql.utc(query.to()));
		return " where f.offered_at >= :from and f.offered_at < :to" + filters(query, params, "f");
	}

	/** The channel, brand, team and queue filters on the facts or the rollup (table alias {@code t}). */
	static String filters(KpiQuery query, Map<String, Object> params, String t) {
		StringBuilder where = new StringBuilder();
		if (query.channel() != null) {
			where.append(" and ").append(t).append(".channel = :channel");
			params.put("channel", query.channel());
		}
		if (query.brandId() != null) {
			where.append(" and ").append(t).append(".brand_id = :brand");
			params.put("brand", query.brandId());
		}
		if (query.teamId() != null) {
			where.append(" and ").append(t).append(".teams like :team escape '\\'");
			params.put("team", "%|" + likeEscaped(query.teamId()) + "|%");
		}
		if (query.queue() != null) {
			where.append(" and ").append(t).append(".queues like :queue escape '\\'");
			params.put("queue", "%|" + likeEscaped(query.queue()) + "|%");
		}
		return where.toString();
	}

	/**
	 * The three rates per week in one pass over the period's facts, with each definition's parameters; {@code
	 * bounds} are the weeks' starts and the end of the last. Each row: contacts, repeats, handled, transferred, with a
	 * reason, informational.
	 */
	List<long[]> weekly(KpiQuery query, List<java.time.Instant> bounds, Map<String, Map<String, String>> parameters) {
		Map<String, Object> params = new java.util.HashMap<>();
		Counting repeat = counting(KpiCatalogue.REPEAT_CONTACT_RATE, parameters.get(KpiCatalogue.REPEAT_CONTACT_RATE));
		Counting transfer = counting(KpiCatalogue.TRANSFER_RATE, parameters.get(KpiCatalogue.TRANSFER_RATE));
		Counting informational = counting(KpiCatalogue.INFORMATIONAL_SHARE,
				parameters.get(KpiCatalogue.INFORMATIONAL_SHARE));
		params.putAll(repeat.parameters());
		StringBuilder bucket = new StringBuilder("case");
		for (int i = 1; i < bounds.size(); i++) {
			bucket.append(" when f.offered_ms < :b").append(i).append(" then ").append(i - 1);
			params.put("b" + i, bounds.get(i).toEpochMilli());
		}
		bucket.append(" end");
		KpiQuery whole = new KpiQuery(bounds.getFirst(), bounds.getLast(), query.channel(), query.teamId(),
				query.queue(), query.brandId(), Map.of());
		String sql = "select week, count(*), sum(repeated), sum(handled), sum(transferred), sum(with_reason), "
				+ "sum(informational) from (select " + bucket + " as week, " + flag(repeat.numerator())
				+ " as repeated, " + flag(transfer.denominator()) + " as handled, "
				+ flag(transfer.denominator() + " and " + transfer.numerator()) + " as transferred, "
				+ flag(informational.denominator()) + " as with_reason, "
				+ flag(informational.denominator() + " and " + informational.numerator()) + " as informational"
				+ FROM_FACTS + where(whole, params) + ") t group by week";
		List<long[]> weeks = new ArrayList<>();
		for (int i = 1; i < bounds.size(); i++) {
			weeks.add(new long[6]);
		}
		jdbc.sql(sql).params(params).query((rs, n) -> {
			long[] row = weeks.get(rs.getInt(1));
			for (int c = 0; c < 6; c++) {
				row[c] = rs.getLong(c + 2);
			}
			return null;
		}).list();
		return weeks;
	}

	/** Per reason and valence: repeat, transferred, informational and unnecessary (any of the three) contacts. */
	List<nl.baken.analytics.UnnecessaryContacts.Reason> reasons(KpiQuery query,
			Map<String, Map<String, String>> parameters) {
		Map<String, Object> params = new java.util.HashMap<>();
		Counting repeat = counting(KpiCatalogue.REPEAT_CONTACT_RATE, parameters.get(KpiCatalogue.REPEAT_CONTACT_RATE));
		Counting transfer = counting(KpiCatalogue.TRANSFER_RATE, parameters.get(KpiCatalogue.TRANSFER_RATE));
		Counting informational = counting(KpiCatalogue.INFORMATIONAL_SHARE,
				parameters.get(KpiCatalogue.INFORMATIONAL_SHARE));
		params.putAll(repeat.parameters());
		String transferred = transfer.denominator() + " and " + transfer.numerator();
		String isInformational = informational.denominator() + " and " + informational.numerator();
		String any = "(" + repeat.numerator() + ") or (" + transferred + ") or (" + isInformational + ")";
		List<Object[]> rows = jdbc.sql("select f.reason, f.valence, " + sum(repeat.numerator()) + ", "
				+ sum(transferred) + ", " + sum(isInformational) + ", count(*)" + FROM_FACTS + where(query, params)
				+ " and (" + any + ") group by f.reason, f.valence")
			.params(params)
			.query((rs, n) -> new Object[] { rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
					rs.getLong(5), rs.getLong(6) })
			.list();
		return pareto(rows);
	}

	/**
	 * Rows of reason, valence, repeats, transferred, informational, unnecessary as a Pareto: most unnecessary first
	 * (ties by reason and valence, so every source gives one order), with the running share.
	 */
	static List<nl.baken.analytics.UnnecessaryContacts.Reason> pareto(List<Object[]> rows) {
		List<Object[]> sorted = rows.stream()
			.sorted(java.util.Comparator.comparingLong((Object[] r) -> -(long) r[5])
				.thenComparing(r -> String.valueOf(r[0]))
				.thenComparing(r -> String.valueOf(r[1])))
			.toList();
		long all = sorted.stream().mapToLong(r -> (long) r[5]).sum();
		List<nl.baken.analytics.UnnecessaryContacts.Reason> reasons = new ArrayList<>();
		long running = 0;
		for (Object[] r : sorted) {
			running += (long) r[5];
			reasons.add(new nl.baken.analytics.UnnecessaryContacts.Reason((String) r[0], (String) r[1], (long) r[2],
					(long) r[3], (long) r[4], (long) r[5], 100.0 * running / all));
		}
		return reasons;
	}

	private static String flag(String condition) {
		return "case when " + condition + " then 1 else 0 end";
	}

	private static String sum(String condition) {
		return "coalesce(sum(case when " + condition + " then 1 else 0 end), 0)";
	}

	/**
	 * How a KPI counts on the facts: the SQL conditions for its denominator and numerator (the same rules as
	 * {@link KpiCalculator}), and the note a counted contact gets.
	 */
	record Counting(String name, String denominator, String numerator, String previous,
			String previousChannel, Map<String, Object> parameters) {

		String note(boolean inNumerator, String reason, boolean callbackWork, UUID previousId,
				String previousChannel) {
			return switch (name) {
				case KpiCatalogue.REPEAT_CONTACT_RATE -> inNumerator
						? "repeat of " + previousId + " (" + previousChannel + ")"
						: callbackWork ? KpiCalculator.CALLBACK_WORK : "first contact in the window";
				case KpiCatalogue.TRANSFER_RATE -> inNumerator ? "transferred" : "handled without transfer";
				default -> "reason " + reason;
			};
		}
	}

	static Counting counting(String name, Map<String, String> p) {
		return switch (name) {
			case KpiCatalogue.REPEAT_CONTACT_RATE -> {
				String side = Boolean.parseBoolean(p.get("sameReason")) ? "same" : "any";
				long windowMs = Long.parseLong(p.get("windowDays")) * 86_400_000L;
				// the previous contact lies within W before this one (a tie in time is not before it)
				yield new Counting(name, "1 = 1",
						"f.gap_" + side + "_ms > 0 and f.gap_" + side + "_ms <= :window",
						"f.previous_" + side + "_id", "f.previous_" + side + "_channel", Map.of("window", windowMs));
			}
			case KpiCatalogue.TRANSFER_RATE -> new Counting(name, "f.handled",
					"team".equals(p.get("level")) ? "f.transferred_team" : "f.transferred_any", "null", "null",
					Map.of());
			case KpiCatalogue.INFORMATIONAL_SHARE -> new Counting(name, "f.informational is not null",
					"f.informational", "null", "null", Map.of());
			default -> throw new IllegalArgumentException("the facts do not hold " + name);
		};
	}

	private static String likeEscaped(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static String joined(Set<String> values) {
		return values.isEmpty() ? "|" : "|" + String.join("|", new LinkedHashSet<>(values.stream().sorted().toList()))
				+ "|";
	}

	/** Satisfier or dissatisfier, as the reason was marked when the contact was resolved (the latest resolution). */
	private static String valence(ContactFacts c) {
		String valence = null;
		for (ContactEvent e : c.events()) {
			if (e.type() == ContactEventType.RESOLVED) {
				Object v = e.attributes().get("valence");
				valence = v == null ? null : v.toString();
			}
		}
		return valence;
	}
}
