package nl.baken.proactive.rule;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import nl.baken.shared.Command;
import nl.baken.shared.CommandArguments;
import nl.baken.shared.InvalidInputException;

/**
 * {@code replay-events --rules RULES.json --events EVENTS.jsonl [--until TIME]}: a dry run without a server or a
 * database. Prints, one line per firing in time order, which rule would fire for which key and what it saw, then a
 * count per rule. Nothing is called, sent or stored.
 */
public final class ReplayEventsCommand implements Command {

	@Override
	public String name() {
		return "replay-events";
	}

	@Override
	public String usage() {
		return "replay-events --rules RULES.json --events EVENTS.jsonl [--until 2026-11-26T12:00:00Z]";
	}

	@Override
	public int run(String[] args, PrintStream out, PrintStream err) {
		CommandArguments options = CommandArguments.parse(args, Set.of("rules", "events", "until"));
		List<RuleDefinition> definitions = Replay.parseRules(read(options.text("rules"), "--rules"));
		List<Rule> rules = new ArrayList<>();
		for (int i = 0; i < definitions.size(); i++) {
			try {
				rules.add(Rule.compile(null, 1, definitions.get(i)));
			}
			catch (InvalidInputException e) {
				throw new InvalidInputException("--rules", "rule " + (i + 1) + ": " + e.field() + ": " + e.getMessage());
			}
		}
		Instant until = null;
		if (options.has("until")) {
			try {
				until = Instant.parse(options.text("until"));
			}
			catch (DateTimeParseException e) {
				throw new InvalidInputException("--until", "--until is an ISO-8601 UTC time such as 2026-11-26T12:00:00Z");
			}
		}
		Replay.Result result;
		try {
			result = Replay.run(rules, Replay.parse(read(options.text("events"), "--events")), until);
		}
		catch (InvalidInputException e) {
			throw new InvalidInputException("--events", e.getMessage());
		}
		for (Evaluator.Fired f : result.firings()) {
			out.printf("%s  %s  %s  %s  [%s]%n", Evaluator.time(f.at()), f.rule().name(), f.key(), f.summaryEn(),
					String.join("; ", RuleActions.planned(f.rule().definition().actions())));
		}
		out.printf("%d events, %d firings%n", result.events(), result.firings().size());
		for (Rule rule : rules) {
			long n = result.firings().stream().filter(f -> f.rule() == rule).count();
			out.printf("  %s: %d firings, %d keys%n", rule.name(), n,
					result.firings().stream().filter(f -> f.rule() == rule).map(Evaluator.Fired::key).distinct().count());
		}
		return 0;
	}

	private static String read(String file, String option) {
		try {
			return Files.readString(Path.of(file), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new InvalidInputException(option, "cannot read " + file + ": " + e.getMessage());
		}
	}
}
