package nl.baken;

import java.util.Arrays;
import java.util.Optional;

import nl.baken.shared.Command;
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
			System.exit(Commands.run(command.get(), Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
		}
		SpringApplication.run(BakenApplication.class, args);
	}
}
