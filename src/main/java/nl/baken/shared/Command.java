package nl.baken.shared;

import java.io.PrintStream;

/**
 * A command-line subcommand of the product jar ({@code java -jar baken.jar NAME ...}). It runs without the web server
 * or a database, so it must not need Spring beans; results go to {@code out}, problems to {@code err}.
 */
public interface Command {

	String name();

	/** One line, e.g. {@code erlang --calls C ...}, printed with errors and by {@code help}. */
	String usage();

	/** @return the process exit code: 0 for success, 2 for bad arguments, 1 for other failures */
	int run(String[] args, PrintStream out, PrintStream err);
}
