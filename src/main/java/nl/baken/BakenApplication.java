package nl.baken;

import java.util.Arrays;
import java.util.Optional;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import nl.baken.shared.Command;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

@Modulithic(sharedModules = "shared")
@SpringBootApplication
public class BakenApplication {

	public static void main(String[] args) {
		// "java -jar baken.jar erlang ..." runs a command and exits without starting the server
		Optional<Command> command = args.length > 0 ? Commands.named(args[0]) : Optional.empty();
		if (command.isPresent()) {
			logWarningsToStandardError();
			System.exit(Commands.run(command.get(), Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
		}
		SpringApplication.run(BakenApplication.class, args);
	}

	/**
	 * A command's standard output is its result (often one JSON line), but without Spring Boot's logging set-up
	 * Logback writes every library's INFO lines there. Commands log warnings and errors to standard error only.
	 */
	private static void logWarningsToStandardError() {
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return;
		}
		context.reset();
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern("%level %logger{20} - %msg%n");
		encoder.start();
		ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
		console.setContext(context);
		console.setTarget("System.err");
		console.setEncoder(encoder);
		console.start();
		Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.WARN);
		root.addAppender(console);
	}
}
