package nl.baken.analytics;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import javax.sql.DataSource;

import nl.baken.access.Teams;
import nl.baken.analytics.internal.ContactFactTable;
import nl.baken.analytics.internal.CopyCsv;
import nl.baken.analytics.internal.HistoryGenerator;
import nl.baken.analytics.internal.SecondaryIndexes;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEvents;
import nl.baken.customer.Brands;
import nl.baken.shared.Command;
import nl.baken.shared.CommandArguments;
import nl.baken.shared.Ids;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.Sql;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code generate-history --contacts N --days D --seed S [--start 2026-01-05] [--spring.datasource.url=...]}: writes
 * a realistic contact-event history (see {@code HistoryGenerator}) into the database the server uses, for demos and
 * benchmarks, then exits. It starts the application without a web server (so the schema is migrated) and writes on
 * PostgreSQL with COPY in one transaction (when the history more than doubles the log, the log's secondary indexes
 * are dropped first and built again after the load; a server on the same database reads the log slowly meanwhile),
 * elsewhere in JDBC batches; arguments with a dot in their name ({@code --spring.datasource.url=...}) are application
 * properties. The demo's teams and brands are defined when missing, so the KPI filters know them.
 */
public final class GenerateHistoryCommand implements Command {

	private static final Set<String> OPTIONS = Set.of("contacts", "days", "seed", "start");

	private static final int BATCH = 2_000;

	private static final int COMMIT_EVERY = 50_000;

	private static final long MAX_CONTACTS = 100_000_000L;

	/** About as many events as the generator writes per contact (8.3), to compare a history with the log's size. */
	private static final long EVENTS_PER_CONTACT = 8;

	/** Characters of CSV per chunk handed to the COPY. */
	private static final int CHUNK = 1 << 20;

	private final Class<?> application;

	/** @param application the application's main class, started without its web server */
	public GenerateHistoryCommand(Class<?> application) {
		this.application = application;
	}

	@Override
	public String name() {
		return "generate-history";
	}

	@Override
	public String usage() {
		return "generate-history --contacts N --days D --seed S [--start YYYY-MM-DD] [--spring.datasource.url=URL ...]";
	}

	@Override
	public int run(String[] args, PrintStream out, PrintStream err) {
		List<String> options = new ArrayList<>();
		List<String> properties = new ArrayList<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (arg.startsWith("--") && equals > 0 && arg.substring(0, equals).contains(".")) {
				properties.add(arg);
			}
			else {
				options.add(arg);
			}
		}
		CommandArguments arguments = CommandArguments.parse(options.toArray(String[]::new), OPTIONS);
		long contacts = (long) arguments.number("contacts");
		int days = arguments.whole("days");
		long seed = (long) arguments.number("seed");
		if (contacts < 1 || contacts > MAX_CONTACTS || contacts != arguments.number("contacts")) {
			throw new InvalidInputException("--contacts", "--contacts is a whole number from 1 to " + MAX_CONTACTS);
		}
		if (days < 1 || days > 3660) {
			throw new InvalidInputException("--days", "--days is 1 to 3660");
		}
		Instant start;
		try {
			start = arguments.has("start") ? LocalDate.parse(arguments.text("start")).atStartOfDay(ZoneOffset.UTC).toInstant()
					: LocalDate.now(ZoneOffset.UTC).minusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		catch (DateTimeParseException e) {
			throw new InvalidInputException("--start", "--start is a date such as 2026-01-05");
		}
		properties.addAll(List.of("--baken.knowledge.index-dir=memory", "--baken.demo.enabled=false",
				"--spring.main.banner-mode=off", "--server.port=-1", "--logging.level.root=warn",
				"--baken.analytics.facts-refresh-enabled=false"));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.run(properties.toArray(String[]::new))) {
			Teams teams = context.getBean(Teams.class);
			Brands brands = context.getBean(Brands.class);
			HistoryGenerator.defineTeamsAndBrands(teams, brands);
			// every position the history gets lies past this one (see ContactFactTable.rereadFrom)
			long before = context.getBean(ContactEvents.class).lastPosition();
			long began = System.nanoTime();
			HistoryGenerator.Totals totals = write(context.getBean(DataSource.class), context.getBean(JsonMapper.class),
					new HistoryGenerator.Size(contacts, days, seed, start), before);
			double seconds = (System.nanoTime() - began) / 1e9;
			out.printf(java.util.Locale.ROOT,
					"wrote %d contacts, %d events, %d agents, %d customers from %s over %d days in %.1f s (%.0f events/s, %.0f contacts/s)%n",
					totals.contacts(), totals.events(), totals.agents(), totals.customers(), start, days, seconds,
					totals.events() / seconds, totals.contacts() / seconds);
			// the unnecessary-contact KPIs read per-contact facts: bring them up to date with the new history
			ContactFactTable facts = context.getBean(ContactFactTable.class);
			facts.rereadFrom(before);
			ContactFactTable.Refresh refresh = facts.refresh();
			out.printf(java.util.Locale.ROOT,
					"contact facts: %d conversations read from the log in %.1f s; previous contacts and per-day rollup brought up to date in %.1f s%n",
					refresh.conversations(), refresh.catchUpMillis() / 1000.0, refresh.recomputeMillis() / 1000.0);
			return 0;
		}
	}

	private static HistoryGenerator.Totals write(DataSource dataSource, JsonMapper json, HistoryGenerator.Size size,
			long logSize) {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			if (connection.isWrapperFor(PGConnection.class)) {
				if (size.contacts() * EVENTS_PER_CONTACT < logSize) {
					return copy(connection, connection.unwrap(PGConnection.class), json, size);
				}
				// more than doubles the log: its secondary indexes are built once after the load, not row by row
				JdbcClient jdbc = JdbcClient.create(dataSource);
				List<String> indexes = SecondaryIndexes.drop(jdbc, "contact_event");
				try {
					return copy(connection, connection.unwrap(PGConnection.class), json, size);
				}
				finally {
					SecondaryIndexes.create(jdbc, indexes);
				}
			}
			try (PreparedStatement insert = connection.prepareStatement("""
					insert into contact_event (id, occurred_at, conversation_id, customer_id, channel, type, actor_kind,
					                           actor_id, brand_id, team_id, queue, attributes)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
				long[] pending = { 0, 0 };
				HistoryGenerator.Totals totals = new HistoryGenerator(size, event -> {
					try {
						add(insert, json, event);
						if (++pending[0] % BATCH == 0) {
							insert.executeBatch();
						}
						if (pending[0] % COMMIT_EVERY == 0) {
							connection.commit();
						}
					}
					catch (SQLException e) {
						throw new IllegalStateException("writing the history failed: " + e.getMessage(), e);
					}
				}).run();
				insert.executeBatch();
				connection.commit();
				return totals;
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException("writing the history failed: " + e.getMessage(), e);
		}
	}

	/**
	 * On PostgreSQL the events go in through COPY (CSV), several times faster than batched inserts. The generator's
	 * thread formats the rows while a second thread hands the previous chunk to the server, so generating and the
	 * server's parsing overlap on two cores.
	 */
	private static HistoryGenerator.Totals copy(Connection connection, PGConnection postgres, JsonMapper json,
			HistoryGenerator.Size size) throws SQLException {
		CopyIn copy = postgres.getCopyAPI().copyIn("""
				copy contact_event (id, occurred_at, conversation_id, customer_id, channel, type, actor_kind, actor_id,
				                    brand_id, team_id, queue, attributes) from stdin with (format csv)""");
		HistoryGenerator.Totals totals;
		try (CopyFeeder feeder = new CopyFeeder(copy)) {
			StringBuilder buffer = new StringBuilder(CHUNK + 4096);
			totals = new HistoryGenerator(size, e -> {
				row(buffer, json, e);
				if (buffer.length() > CHUNK) {
					feeder.send(buffer);
				}
			}).run();
			feeder.send(buffer);
			feeder.finish();
			copy.endCopy();
		}
		finally {
			if (copy.isActive()) {
				copy.cancelCopy();
			}
		}
		connection.commit();
		return totals;
	}

	/** One event as a CSV line; an unquoted empty field is NULL. */
	static void row(StringBuilder line, JsonMapper json, ContactEvent e) {
		line.append(Ids.next()).append(',').append(e.occurredAt()).append(',');
		if (e.conversationId() != null) {
			line.append(e.conversationId());
		}
		line.append(',');
		if (e.customerId() != null) {
			line.append(e.customerId());
		}
		line.append(',');
		CopyCsv.quoted(line, e.channel());
		line.append(',').append(e.type().code()).append(',').append(e.actor().kind().code()).append(',');
		CopyCsv.quoted(line, e.actor().id());
		line.append(',');
		CopyCsv.quoted(line, e.brandId());
		line.append(',');
		CopyCsv.quoted(line, e.teamId());
		line.append(',');
		CopyCsv.quoted(line, e.queue());
		line.append(',');
		CopyCsv.quoted(line, attributes(json, e.attributes()));
		line.append('\n');
	}

	/**
	 * The attributes as JSON: the generator's (texts, whole numbers, flags) written directly, which per event costs a
	 * fraction of a general serialiser's work; anything else through Jackson.
	 */
	static String attributes(JsonMapper json, Map<String, Object> attributes) {
		if (attributes.isEmpty()) {
			return "{}";
		}
		StringBuilder text = new StringBuilder(64).append('{');
		for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
			Object value = attribute.getValue();
			if (!(value instanceof String || value instanceof Integer || value instanceof Long
					|| value instanceof Boolean)) {
				return json.writeValueAsString(attributes);
			}
			if (text.length() > 1) {
				text.append(',');
			}
			jsonText(text, attribute.getKey());
			text.append(':');
			if (value instanceof String string) {
				jsonText(text, string);
			}
			else {
				text.append(value);
			}
		}
		return text.append('}').toString();
	}

	private static void jsonText(StringBuilder json, String value) {
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		json.append('"');
	}

	/** Writes chunks to the COPY on its own thread, one chunk ahead of the generator. */
	private static final class CopyFeeder implements AutoCloseable {

		private static final byte[] END = new byte[0];

		private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(2);

		private final Thread writer;

		private volatile Exception failure;

		CopyFeeder(CopyIn copy) {
			writer = Thread.ofPlatform().name("history-copy").start(() -> {
				try {
					for (byte[] chunk = chunks.take(); chunk != END; chunk = chunks.take()) {
						copy.writeToCopy(chunk, 0, chunk.length);
					}
				}
				catch (SQLException | InterruptedException e) {
					failure = e;
					chunks.clear(); // a waiting generator goes on, and fails at its next chunk
				}
			});
		}

		void send(StringBuilder buffer) {
			checkFailure();
			try {
				chunks.put(buffer.toString().getBytes(StandardCharsets.UTF_8));
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("writing the history was interrupted", e);
			}
			buffer.setLength(0);
		}

		/** Waits until every chunk is written. */
		void finish() {
			checkFailure();
			try {
				chunks.put(END);
				writer.join();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("writing the history was interrupted", e);
			}
			checkFailure();
		}

		private void checkFailure() {
			if (failure != null) {
				throw new IllegalStateException("writing the history failed: " + failure.getMessage(), failure);
			}
		}

		/** Stops the writer (when the generator failed) and waits for it, so the COPY can be cancelled safely. */
		@Override
		public void close() {
			writer.interrupt();
			try {
				writer.join();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static void add(PreparedStatement insert, JsonMapper json, ContactEvent e) throws SQLException {
		insert.setObject(1, Ids.next());
		insert.setObject(2, Sql.utc(e.occurredAt()));
		insert.setObject(3, e.conversationId());
		insert.setObject(4, e.customerId());
		insert.setString(5, e.channel());
		insert.setString(6, e.type().code());
		insert.setString(7, e.actor().kind().code());
		insert.setString(8, e.actor().id());
		insert.setString(9, e.brandId());
		insert.setString(10, e.teamId());
		insert.setString(11, e.queue());
		insert.setString(12, attributes(json, e.attributes()));
		insert.addBatch();
	}
}
