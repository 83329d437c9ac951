package nl.baken.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import nl.baken.BakenApplication;
import nl.baken.CommandRunner;
import nl.baken.DatabaseTest;
import nl.baken.TestDatabase;
import nl.baken.analytics.internal.HistoryGenerator;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code generate-history} writes the generated history into the database it is pointed at. */
@DatabaseTest
class GenerateHistoryCommandTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void writesTheContactsAndTheirEventsIntoTheDatabase(@TempDir Path dir) throws SQLException {
		String url = "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE";
		assertThat(run("--contacts", "300", "--days", "3", "--seed", "7", "--start", "2026-01-05",
				"--spring.datasource.url=" + url))
			.as(err.toString(StandardCharsets.UTF_8))
			.isZero();
		try (Connection db = DriverManager.getConnection(url, "baken", "")) {
			assertWritten(db);
		}
	}

	/** On PostgreSQL the events go in with COPY, the log's indexes dropped for the load and built again after it. */
	@Test
	void onPostgresTheHistoryIsCopiedInAndTheLogKeepsItsIndexes() throws SQLException {
		Assumptions.assumeTrue(TestDatabase.isPostgres(), "PostgreSQL only");
		EmbeddedPostgres server = TestDatabase.postgres();
		String name = "history_" + Long.toHexString(System.nanoTime());
		try (Connection admin = server.getPostgresDatabase().getConnection()) {
			admin.createStatement().execute("create database " + name);
		}
		String url = server.getJdbcUrl("postgres", name);
		try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
			db.createStatement().execute("select 1"); // the database exists before the command migrates it
		}
		assertThat(run("--contacts", "300", "--days", "3", "--seed", "7", "--start", "2026-01-05",
				"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--spring.datasource.password="))
			.as(err.toString(StandardCharsets.UTF_8))
			.isZero();
		try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
			assertWritten(db);
			assertThat(count(db, "select count(*) from pg_indexes where tablename = 'contact_event'"
					+ " and indexname in ('contact_event_time', 'contact_event_conversation')"))
				.as("the log's indexes are there again")
				.isEqualTo(2);
			assertThat(count(db, "select count(*) from contact_event where type = 'resolved'"
					+ " and cast(attributes as jsonb) ->> 'reason' is not null"
					+ " and cast(attributes as jsonb) ->> 'informational' in ('true', 'false')"))
				.as("attributes are JSON")
				.isPositive();
		}
	}

	@Test
	void theAttributesAreWrittenAsJacksonReadsThem() {
		JsonMapper json = JsonMapper.builder().build();
		List<ContactEvent> events = new ArrayList<>();
		new HistoryGenerator(new HistoryGenerator.Size(300, 3, 11, Instant.parse("2026-01-05T00:00:00Z")), events::add)
			.run();
		events.add(new ContactEvent(0, null, Instant.EPOCH, null, null, null, ContactEventType.NOTE_ADDED,
				Actor.system("test"), null, null, null,
				Map.of("text", "a \"quote\", a \\ and a\nline\t\u0001 ü €", "count", 3L, "flag", false, "list",
						List.of("not", "flat"))));
		for (ContactEvent e : events) {
			Map<String, Object> read = json.readValue(GenerateHistoryCommand.attributes(json, e.attributes()),
					new TypeReference<Map<String, Object>>() {
					});
			assertThat(read).as(e.type() + " " + e.attributes())
				.hasSameSizeAs(e.attributes())
				.allSatisfy((key, value) -> assertThat(String.valueOf(value))
					.isEqualTo(String.valueOf(e.attributes().get(key))));
		}
	}

	private void assertWritten(Connection db) throws SQLException {
		List<ContactEvent> expected = new ArrayList<>();
		HistoryGenerator.Totals totals = new HistoryGenerator(
			new HistoryGenerator.Size(300, 3, 7, Instant.parse("2026-01-05T00:00:00Z")), expected::add).run();
		assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("wrote 300 contacts, " + totals.events() + " events")
		.contains("contact facts: ");
		assertThat(count(db, "select count(*) from contact_event")).isEqualTo(totals.events());
		assertThat(count(db, "select count(distinct conversation_id) from contact_event where type = 'offered'"))
			.isEqualTo(300);
		for (ContactEventType type : List.of(ContactEventType.PRESENCE_CHANGED, ContactEventType.BOT_HANDOFF,
				ContactEventType.BOT_ANSWERED, ContactEventType.TRANSFERRED, ContactEventType.ABANDONED,
				ContactEventType.CALLBACK_ATTEMPTED, ContactEventType.WRAP_UP_ENDED)) {
			assertThat(count(db, "select count(*) from contact_event where type = '" + type.code() + "'"))
				.as(type.code())
				.isEqualTo(expected.stream().filter(e -> e.type() == type).count())
				.isPositive();
		}
		assertThat(count(db, "select count(*) from team where id in ('orders', 'returns', 'advice')")).isEqualTo(3);
		// the facts of the unnecessary-contact KPIs are brought up to date: one row per offered contact
		assertThat(count(db, "select count(*) from contact_fact")).isEqualTo(300);
		assertThat(count(db, "select count(*) from contact_fact_state where definition <> ''")).isEqualTo(1);
	}

	@Test
	void theSameSeedGivesTheSameHistory() {
		Instant start = Instant.parse("2026-01-05T00:00:00Z");
		List<ContactEvent> first = new ArrayList<>();
		List<ContactEvent> second = new ArrayList<>();
		new HistoryGenerator(new HistoryGenerator.Size(500, 5, 42, start), first::add).run();
		new HistoryGenerator(new HistoryGenerator.Size(500, 5, 42, start), second::add).run();
		assertThat(second).isEqualTo(first);
	}

	@Test
	void historiesOfDifferentSeedsShareNoContactAndNoCustomer() {
		Instant start = Instant.parse("2026-01-05T00:00:00Z");
		// neighbouring seeds (a callback's ids once came from seed + 1 and + 2) and seeds alike in their low 12 bits
		List<Long> seeds = List.of(3333L, 3334L, 3335L, 3333L + 4096, 3333L + (1L << 20));
		Set<UUID> conversations = new HashSet<>();
		Set<UUID> customers = new HashSet<>();
		for (long seed : seeds) {
			List<ContactEvent> log = new ArrayList<>();
			new HistoryGenerator(new HistoryGenerator.Size(400, 4, seed, start), log::add).run();
			Set<UUID> own = new HashSet<>();
			Set<UUID> ownCustomers = new HashSet<>();
			log.stream().filter(e -> e.conversationId() != null).forEach(e -> own.add(e.conversationId()));
			log.stream().filter(e -> e.customerId() != null).forEach(e -> ownCustomers.add(e.customerId()));
			assertThat(own).as("seed %d's contacts", seed).isNotEmpty().filteredOn(conversations::contains).isEmpty();
			assertThat(ownCustomers).as("seed %d's customers", seed).isNotEmpty().filteredOn(customers::contains)
				.isEmpty();
			conversations.addAll(own);
			customers.addAll(ownCustomers);
		}
	}

	@Test
	void badArgumentsAreNamed() {
		assertThat(run("--contacts", "0", "--days", "3", "--seed", "1")).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--contacts is a whole number").contains("usage:");
		err.reset();
		assertThat(run("--contacts", "10", "--days", "3")).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--seed is required");
		err.reset();
		assertThat(run("--contacts", "10", "--days", "3", "--seed", "1", "--start", "yesterday")).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--start is a date");
	}

	private int run(String... args) {
		return CommandRunner.run(new GenerateHistoryCommand(BakenApplication.class), args,
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	private static long count(Connection db, String sql) throws SQLException {
		try (ResultSet rs = db.createStatement().executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}
}
