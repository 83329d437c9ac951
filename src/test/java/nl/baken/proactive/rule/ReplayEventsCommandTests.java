package nl.baken.proactive.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import nl.baken.CommandRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay-events} as the jar runs it: the demo rules on the demo stream, and bad files refused. */
class ReplayEventsCommandTests {

	final ByteArrayOutputStream out = new ByteArrayOutputStream();

	final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@TempDir
	Path dir;

	int run(String... args) {
		return CommandRunner.run(new ReplayEventsCommand(), args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	@Test
	void theDemoStreamFiresTheDeviceRuleOncePerOverheatingDevice() throws IOException {
		Path rules = dir.resolve("rules.json");
		Path events = dir.resolve("telemetry.jsonl");
		Files.writeString(rules, RuleEvaluationTests.resource("demo/rules.json"));
		Files.writeString(events, RuleEvaluationTests.resource("demo/telemetry.jsonl"));
		assertThat(run("--rules", rules.toString(), "--events", events.toString(), "--until",
				"2026-11-23T00:00:00Z")).as(err.toString(StandardCharsets.UTF_8)).isZero();
		String printed = out.toString(StandardCharsets.UTF_8);
		// in time order, one line per overheating device; hp-1003 was only briefly too hot
		assertThat(printed.lines().filter(l -> l.contains("Warmtepomp te heet  hp-"))).containsExactly(
				"2026-11-20T08:20:00Z  Warmtepomp te heet  hp-1002  value > 80 from 2026-11-20T08:10:00Z to "
						+ "2026-11-20T08:20:00Z (last value 85)  [integration shop /actions/replace-device; message "
						+ "rule-warning]",
				"2026-11-20T08:30:00Z  Warmtepomp te heet  hp-1001  value > 80 from 2026-11-20T08:20:00Z to "
						+ "2026-11-20T08:30:00Z (last value 82)  [integration shop /actions/replace-device; message "
						+ "rule-warning]");
		assertThat(printed).contains("Pakket niet meer gescand  PK-2", "105 events, 3 firings",
				"  Warmtepomp te heet: 2 firings, 2 keys", "  Pakket niet meer gescand: 1 firings, 1 keys");
	}

	@Test
	void aWrongRuleOrStreamIsRefusedWithItsPlaceAndTheUsage() throws IOException {
		Path rules = dir.resolve("rules.json");
		Files.writeString(rules, """
				{"name":"x","eventType":"device.telemetry","key":"device",
				 "condition":{"kind":"threshold","operator":"above","threshold":80,"duration":"forever"},
				 "actions":{"integration":{"name":"shop","path":"/actions/replace-device"}}}""");
		Path events = dir.resolve("events.jsonl");
		Files.writeString(events, "{\"id\":\"1\",\"type\":\"device.telemetry\",\"occurredAt\":\"2026-11-20T08:00:00Z\"}\n");
		assertThat(run("--rules", rules.toString(), "--events", events.toString())).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("rule 1: condition.duration", "usage: java -jar");

		err.reset();
		Files.writeString(rules, RuleEvaluationTests.resource("demo/rules.json"));
		Files.writeString(events, "not json\n");
		assertThat(run("--rules", rules.toString(), "--events", events.toString())).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 1 is not an event");

		err.reset();
		assertThat(run("--rules", rules.toString(), "--events", dir.resolve("missing.jsonl").toString())).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read");
	}
}
