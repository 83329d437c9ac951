package nl.baken;

import java.io.PrintStream;

import nl.baken.shared.Command;

/** Runs a command the way the jar does (bad arguments: exit 2 with the usage), for tests outside this package. */
public final class CommandRunner {

	private CommandRunner() {
	}

	public static int run(Command command, String[] args, PrintStream out, PrintStream err) {
		return Commands.run(command, args, out, err);
	}
}
