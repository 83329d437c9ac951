package nl.baken;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The planning commands as a planner runs them: {@code java -jar target/baken.jar COMMAND ...} in a process of its
 * own, so the packaged jar's entry point, class path and exit codes are what is tested.
 */
class CommandsIT {

	private static final Path JAR = Path.of("target", "baken.jar");

	record Finished(int exitCode, String out, String err) {
	}

	private Finished java(Path dir, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
		command.addAll(List.of(args));
		Path out = dir.resolve("out.txt");
		Path err = dir.resolve("err.txt");
		Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();
		return new Finished(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

	@Test
	void erlangPrintsOneJsonLineWithThePublishedExample(@TempDir Path dir) throws Exception {
		Finished run = java(dir, "erlang", "--calls", "100", "--interval-minutes", "30", "--aht-seconds", "180",
				"--target-seconds", "20", "--target-sl", "0.8");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out().lines()).hasSize(1);
		JsonNode figures = JsonMapper.builder().build().readTree(run.out());
		assertThat(figures.get("agents").asInt()).isEqualTo(14);
		assertThat(figures.get("probabilityOfWaiting").asDouble()).isBetween(0.174131, 0.174133);
		assertThat(figures.get("serviceLevel").asDouble()).isBetween(0.888349, 0.888351);
	}

	@Test
	void forecastWritesACsvForTheDaysAfterTheHistory(@TempDir Path dir) throws Exception {
		Path history = dir.resolve("history.csv");
		StringBuilder csv = new StringBuilder("timestamp,count\n");
		OffsetDateTime start = OffsetDateTime.parse("2026-01-05T00:00:00+01:00");
		for (int i = 0; i < 21 * 48; i++) {
			int hour = i % 48 / 2;
			csv.append(start.plusMinutes(30L * i)).append(',').append(hour >= 8 && hour < 18 ? 30 + i % 5 : 2)
				.append('\n');
		}
		Files.writeString(history, csv);
		Finished run = java(dir, "forecast", "--history", history.toString(), "--horizon-days", "3");
		assertThat(run.exitCode()).as(run.err()).isZero();
		List<String> lines = run.out().lines().toList();
		assertThat(lines).hasSize(1 + 3 * 48);
		assertThat(lines.getFirst()).isEqualTo("timestamp,forecast");
		assertThat(lines.get(1)).startsWith("2026-01-26T00:00:00+01:00,");
		double atTen = Double.parseDouble(lines.get(1 + 20).split(",")[1]);
		double atThree = Double.parseDouble(lines.get(1 + 6).split(",")[1]);
		assertThat(atTen).isBetween(25.0, 40.0);
		assertThat(atThree).isLessThan(5.0);
	}

	@Test
	void badArgumentsExitWithCodeTwoAndTheUsage(@TempDir Path dir) throws Exception {
		Finished run = java(dir, "erlang", "--calls", "many");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("--calls must be a number").contains("usage:");
		assertThat(run.out()).isEmpty();
	}
}
