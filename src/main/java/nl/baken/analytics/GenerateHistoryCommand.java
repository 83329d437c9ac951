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
import java.util.Set;

import javax.sql.DataSource;

import nl.baken.access.Teams;
import nl.baken.analytics.internal.ContactFactTable;
import nl.baken.analytics.internal.HistoryGenerator;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code generate-history --contacts N --days D --seed S [--start 2026-01-05] [--spring.datasource.url=...]}: writes
 * a realistic contact-event history (see {@code HistoryGenerator}) into the database the server uses, for demos and
 * benchmarks, then exits. It starts the application without a web server (so the schema is migrated) and inserts in
 * JDBC batches on one connection; arguments with a dot in their name ({@code --spring.datasource.url=...}) are
 * application properties. The demo's teams and brands are defined when missing, so the KPI filters know them.
 */
public final class GenerateHistoryCommand implements Command {

	private static final Set<String> OPTIONS = Set.of("contacts", "days", "seed", "start");

	private static final int BATCH = 2_000;

	private static final int COMMIT_EVERY = 50_000;

	private static final long MAX_CONTACTS = 100_000_000L;

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
			for (String team : HistoryGenerator.TEAM_IDS) {
				if (!teams.exists(team)) {
					teams.define(team, team, team);
				}
			}
			for (String brand : HistoryGenerator.BRANDS) {
				if (!brands.exists(brand)) {
					brands.define(brand, brand);
				}
			}
			// every position the history gets lies past this one (see ContactFactTable.rereadFrom)
			long before = context.getBean(ContactEvents.class).lastPosition();
			long began = System.nanoTime();
			HistoryGenerator.Totals totals = write(context.getBean(DataSource.class), context.getBean(JsonMapper.class),
					new HistoryGenerator.Size(contacts, days, seed, start));
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
					"contact facts: %d conversations read from the log in %.1f s; previous contacts recomputed for all history in %.1f s%n",
					refresh.conversations(), refresh.catchUpMillis() / 1000.0, refresh.recomputeMillis() / 1000.0);
			return 0;
		}
	}

	private static HistoryGenerator.Totals write(DataSource dataSource, JsonMapper json, HistoryGenerator.Size size) {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			if (connection.isWrapperFor(PGConnection.class)) {
				return copy(connection, connection.unwrap(PGConnection.class), json, size);
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

	/** On PostgreSQL the events go in through COPY (CSV), several times faster than batched inserts. */
	private static HistoryGenerator.Totals copy(Connection connection, PGConnection postgres, JsonMapper json,
			HistoryGenerator.Size size) throws SQLException {
		CopyIn copy = postgres.getCopyAPI().copyIn("""
				copy contact_event (id, occurred_at, conversation_id, customer_id, channel, type, actor_kind, actor_id,
				                    brand_id, team_id, queue, attributes) from stdin with (format csv)""");
		StringBuilder buffer = new StringBuilder(1 << 20);
		HistoryGenerator.Totals totals;
		try {
			totals = new HistoryGenerator(size, e -> {
				csv(buffer, Ids.next(), e.occurredAt(), e.conversationId(), e.customerId(), e.channel(),
						e.type().code(), e.actor().kind().code(), e.actor().id(), e.brandId(), e.teamId(), e.queue(),
						json.writeValueAsString(e.attributes()));
				if (buffer.length() > (1 << 20) - 4096) {
					flush(copy, buffer);
				}
			}).run();
			flush(copy, buffer);
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

	private static void csv(StringBuilder line, Object... values) {
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				line.append(',');
			}
			if (values[i] != null) {
				// quoted, with quotes doubled; an unquoted empty field is NULL
				line.append('"').append(values[i].toString().replace("\"", "\"\"")).append('"');
			}
		}
		line.append('\n');
	}

	private static void flush(CopyIn copy, StringBuilder buffer) {
		try {
			byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
			copy.writeToCopy(bytes, 0, bytes.length);
			buffer.setLength(0);
		}
		catch (SQLException e) {
			throw new IllegalStateException("writing the history failed: " + e.getMessage(), e);
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
		insert.setString(12, json.writeValueAsString(e.attributes()));
		insert.addBatch();
	}
}
