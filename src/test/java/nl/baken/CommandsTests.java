package nl.baken;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The jar's subcommands through the same entry that {@link BakenApplication#main} uses, without a process. */
class CommandsTests {

	final ByteArrayOutputStream out = new ByteArrayOutputStream();

	final ByteArrayOutputStream err = new ByteArrayOutputStream();

	int run(String... args) {
		return Commands.run(Commands.named(args[0]).orElseThrow(), java.util.Arrays.copyOfRange(args, 1, args.length),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	JsonNode json() {
		String text = out.toString(StandardCharsets.UTF_8);
		assertThat(text.lines()).hasSize(1);
		return JsonMapper.builder().build().readTree(text);
	}

	@Test
	void erlangCPrintsOneJsonLineWithTheStaffNeeded() {
		assertThat(run("erlang", "--calls", "100", "--interval-minutes", "30", "--aht-seconds", "180",
				"--target-seconds", "20", "--target-sl", "0.8")).isZero();
		JsonNode figures = json();
		assertThat(figures.get("model").asString()).isEqualTo("erlang-c");
		assertThat(figures.get("traffic").asDouble()).isEqualTo(10.0);
		assertThat(figures.get("agents").asInt()).isEqualTo(14);
		assertThat(figures.get("serviceLevel").asDouble()).isBetween(0.888349, 0.888351);
		assertThat(figures.get("probabilityOfWaiting").asDouble()).isBetween(0.174131, 0.174133);
		assertThat(figures.get("averageSpeedOfAnswerSeconds").asDouble()).isBetween(7.835, 7.837);
		assertThat(figures.has("probabilityOfAbandoning")).isFalse();
	}

	@Test
	void erlangWithACallbackShareAlsoPrintsWhatTheSimulationFinds() {
		assertThat(run("erlang", "--calls", "100", "--interval-minutes", "30", "--aht-seconds", "180",
				"--target-seconds", "20", "--target-sl", "0.8", "--agents", "11", "--callback-share", "0.5",
				"--callback-window-minutes", "60")).isZero();
		JsonNode figures = json();
		assertThat(figures.get("agents").asInt()).isEqualTo(11);
		JsonNode simulated = figures.get("simulated");
		assertThat(simulated.get("agents").asInt()).isEqualTo(11);
		// the formula's 11 agents leave most callers waiting; callbacks take them out of the queue
		assertThat(simulated.get("serviceLevel").asDouble()).isGreaterThan(figures.get("serviceLevel").asDouble());
		assertThat(simulated.get("callbackShare").asDouble()).isBetween(0.05, 0.5);
		assertThat(simulated.get("callbacksInTime").asDouble()).isGreaterThan(0.95);
	}

	@Test
	void erlangAWithGivenAgentsReportsAbandonment() {
		assertThat(run("erlang", "--calls", "100", "--interval-minutes", "30", "--aht-seconds", "180",
				"--target-seconds", "20", "--target-sl", "0.8", "--patience-seconds", "300", "--agents", "14"))
			.isZero();
		JsonNode figures = json();
		assertThat(figures.get("model").asString()).isEqualTo("erlang-a");
		assertThat(figures.get("agents").asInt()).isEqualTo(14);
		assertThat(figures.get("serviceLevel").asDouble()).isBetween(0.916791, 0.916793);
		assertThat(figures.get("probabilityOfAbandoning").asDouble()).isBetween(0.013983, 0.013985);
		assertThat(figures.get("occupancy").asDouble()).isBetween(0.704296, 0.704298);
	}

	@Test
	void shrinkageAndConcurrencyChangeTheAgents() {
		assertThat(run("erlang", "--calls", "100", "--interval-minutes", "30", "--aht-seconds", "180",
				"--target-seconds", "20", "--target-sl", "0.8", "--shrinkage", "0.3", "--concurrency", "2")).isZero();
		JsonNode figures = json();
		assertThat(figures.get("agents").asInt()).isEqualTo(7);
		assertThat(figures.get("scheduledAgents").asInt()).isEqualTo(10);
	}

	@Test
	void forecastWritesTheDaysAfterTheHistory(@TempDir Path dir) throws Exception {
		Path history = dir.resolve("history.csv");
		StringBuilder csv = new StringBuilder("timestamp,count,aht_seconds\n");
		java.time.OffsetDateTime start = java.time.OffsetDateTime.parse("2026-01-05T00:00:00Z");
		for (int i = 0; i < 14 * 48; i++) {
			int hour = i % 48 / 2;
			csv.append(start.plusMinutes(30L * i)).append(',').append(hour >= 8 && hour < 18 ? 20 + i % 3 : 1)
				.append(",240\n");
		}
		Files.writeString(history, csv);
		assertThat(run("forecast", "--history", history.toString(), "--horizon-days", "2")).isZero();
		List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines).hasSize(1 + 2 * 48);
		assertThat(lines.getFirst()).isEqualTo("timestamp,forecast");
		assertThat(lines.get(1)).startsWith("2026-01-19T00:00:00Z,");
		assertThat(lines.get(1 + 20)).startsWith("2026-01-19T10:00:00Z,2");
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("seasonal naive WAPE");
	}

	@Test
	void badArgumentsExitNonZeroWithAMessage() {
		assertThat(run("erlang", "--calls", "many", "--interval-minutes", "30")).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--calls must be a number").contains("usage:");
		assertThat(out.size()).isZero();
		err.reset();
		assertThat(run("erlang", "--calls", "100", "--interval-minutes", "30", "--aht-seconds", "180",
				"--target-seconds", "20", "--target-sl", "1.5")).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("targetServiceLevel must be");
		err.reset();
		assertThat(run("erlang", "--calls", "100", "--bogus", "1")).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --bogus");
		err.reset();
		assertThat(run("forecast", "--history", "/nonexistent.csv", "--horizon-days", "1")).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file");
	}

	@Test
	void importArticlesLoadsAFolderOfMarkdownIntoTheDatabaseOnceOnly(@TempDir Path dir) {
		String database = "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE";
		String folder = "src/main/resources/demo/knowledge";
		assertThat(run("import-articles", folder, database)).as(err.toString(StandardCharsets.UTF_8)).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("100 created, 0 updated, 0 unchanged");
		out.reset();
		assertThat(run("import-articles", folder, database)).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("0 created, 0 updated, 100 unchanged");
		assertThat(run("import-articles", dir.resolve("missing").toString())).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("does not exist").contains("usage:");
	}
}
