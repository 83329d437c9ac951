package nl.baken.knowledge;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import nl.baken.shared.Actor;
import nl.baken.shared.Command;
import nl.baken.shared.InvalidInputException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code import-articles DIR|FILE.md|FILE.csv [--spring.datasource.url=...]}: loads Markdown or CSV articles (see
 * {@link ArticleImport})
 * into the database the server uses, then exits. Unlike the arithmetic commands it needs the database, so it starts
 * the application without listening on a port; a running server (on PostgreSQL) picks the articles up in its index within
 * seconds. Further {@code --name=value} arguments are application properties, such as the database address.
 */
public final class ImportArticlesCommand implements Command {

	private final Class<?> application;

	/** @param application the application's main class, started without its web server */
	public ImportArticlesCommand(Class<?> application) {
		this.application = application;
	}

	@Override
	public String name() {
		return "import-articles";
	}

	@Override
	public String usage() {
		return "import-articles DIR|FILE.md|FILE.csv [--spring.datasource.url=URL ...]";
	}

	@Override
	public int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0 || args[0].startsWith("--")) {
			throw new InvalidInputException("path", "name a folder of .md or .csv files, or one such file");
		}
		Path path = Path.of(args[0]);
		if (!Files.exists(path)) {
			throw new InvalidInputException("path", path + " does not exist");
		}
		List<String> properties = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
		for (String property : properties) {
			if (!property.startsWith("--") || !property.contains("=")) {
				throw new InvalidInputException(property, "extra arguments are properties like --name=value");
			}
		}
		// the server may hold the index folder: this process keeps its index in memory and leaves indexing to it
		properties.addAll(List.of("--baken.knowledge.index-dir=memory", "--baken.demo.enabled=false",
				"--spring.main.banner-mode=off", "--server.port=-1", "--logging.level.root=warn"));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.run(properties.toArray(String[]::new))) {
			ArticleImport.Outcome outcome = context.getBean(ArticleImport.class)
				.importPath(path, Actor.system("import-articles"));
			out.println("imported " + (outcome.created() + outcome.updated() + outcome.unchanged()) + " articles: "
					+ outcome.created() + " created, " + outcome.updated() + " updated, " + outcome.unchanged()
					+ " unchanged");
			return 0;
		}
	}
}
