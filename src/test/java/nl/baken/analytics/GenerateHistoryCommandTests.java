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
import java.util.List;

import nl.baken.BakenApplication;
import nl.baken.CommandRunner;
import nl.baken.analytics.internal.HistoryGenerator;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate-history} writes the generated history into the database it is pointed at. */
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
		List<ContactEvent> expected = new ArrayList<>();
		HistoryGenerator.Totals totals = new HistoryGenerator(
				new HistoryGenerator.Size(300, 3, 7, Instant.parse("2026-01-05T00:00:00Z")), expected::add).run();
		assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("wrote 300 contacts, " + totals.events() + " events")
			.contains("contact facts: ");
		try (Connection db = DriverManager.getConnection(url, "baken", "")) {
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
