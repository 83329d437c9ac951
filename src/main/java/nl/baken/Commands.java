package nl.baken;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

import nl.baken.analytics.GenerateHistoryCommand;
import nl.baken.answering.EvalIntentsCommand;
import nl.baken.channel.telephony.ReplayCallsCommand;
import nl.baken.knowledge.ImportArticlesCommand;
import nl.baken.planning.ErlangCommand;
import nl.baken.planning.ForecastCommand;
import nl.baken.proactive.rule.ReplayEventsCommand;
import nl.baken.shared.Command;
import nl.baken.shared.InvalidInputException;

/**
 * The subcommands of the product jar. A new command is one class implementing {@link Command} plus one entry here.
 * Commands run instead of the server: no web server; only those that need the database (import-articles) start the
 * application without it.
 */
final class Commands {

	static final List<Command> ALL = List.of(new ErlangCommand(), new ForecastCommand(),
			new EvalIntentsCommand(), new ImportArticlesCommand(BakenApplication.class),
			new ReplayCallsCommand(), new ReplayEventsCommand(), new GenerateHistoryCommand(BakenApplication.class));

	private Commands() {
	}

	static Optional<Command> named(String name) {
		return ALL.stream().filter(command -> command.name().equals(name)).findFirst();
	}

	/** Runs a command, turning bad arguments into a message on {@code err} and exit code 2. */
	static int run(Command command, String[] args, PrintStream out, PrintStream err) {
		try {
			return command.run(args, out, err);
		}
		catch (InvalidInputException e) {
			err.println(command.name() + ": " + e.getMessage());
			err.println("usage: java -jar baken.jar " + command.usage());
			return 2;
		}
		catch (RuntimeException e) {
			err.println(command.name() + ": failed: " + e);
			return 1;
		}
	}
}
