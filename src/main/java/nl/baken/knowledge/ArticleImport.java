package nl.baken.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import nl.baken.shared.Actor;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import nl.baken.shared.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads articles from Markdown files with a front matter block, one file per language version:
 *
 * <pre>
 * ---
 * key: delivery-costs            (the same for the Dutch and the English file: links the translations)
 * language: nl
 * slug: bezorgkosten
 * category: delivery
 * title: Wat kost de bezorging?
 * owner: anna.dejong
 * reviewBy: 2027-06-01           (optional)
 * visibility: public             (optional, default public)
 * tags: bezorging, kosten
 * reasons: order-status
 * shortAnswer: Bezorging is gratis vanaf 50 euro ...
 * questions:
 *   - Wat zijn de verzendkosten?
 * ---
 * The body in Markdown.
 * </pre>
 *
 * or from CSV files (as help-desk tools export them), one row per language version, with a header naming the same
 * fields as columns plus {@code body}; {@code questions} holds one question per line, and {@code tags} and
 * {@code reasons} are comma-separated. A folder may hold {@code _categories.csv} ({@code id;name_nl;name_en} a line) to
 * define its categories. Importing is repeatable: an article whose language and slug exist is updated (a new version
 * only when something changed).
 */
@Service
public class ArticleImport {

	private final Articles articles;

	private final TransactionTemplate transactions;

	ArticleImport(Articles articles, TransactionTemplate transactions) {
		this.articles = articles;
		this.transactions = transactions;
	}

	/** A file's name (for messages) and its text. */
	public record Source(String name, String text) {
	}

	public record Outcome(int created, int updated, int unchanged) {
	}

	/** A folder of {@code .md} and {@code .csv} files (and an optional {@code _categories.csv}), or one such file. */
	public Outcome importPath(Path path, Actor by) {
		try {
			List<Source> sources = new ArrayList<>();
			String categories = null;
			if (Files.isDirectory(path)) {
				Path csv = path.resolve("_categories.csv");
				categories = Files.exists(csv) ? Files.readString(csv, StandardCharsets.UTF_8) : null;
				try (Stream<Path> files = Files.list(path)) {
					for (Path file : files.filter(ArticleImport::isArticleFile).sorted().toList()) {
						sources.add(new Source(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
					}
				}
			}
			else if (Files.isRegularFile(path) && isArticleFile(path)) {
				sources.add(new Source(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8)));
			}
			else {
				throw new InvalidInputException("path", path + " is neither a folder nor a .md or .csv file");
			}
			return importSources(categories, sources, by);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** All or nothing: one bad file leaves the knowledge base as it was. */
	public Outcome importSources(String categoriesCsv, List<Source> sources, Actor by) {
		return transactions.execute(status -> {
			if (categoriesCsv != null) {
				int position = 0;
				for (String line : categoriesCsv.lines().map(String::strip).toList()) {
					if (line.isEmpty() || line.startsWith("#")) {
						continue;
					}
					String[] parts = line.split(";");
					if (parts.length != 3) {
						throw new InvalidInputException("_categories.csv", "expected 'id;name_nl;name_en', got '" + line + "'");
					}
					articles.defineCategory(new Category(parts[0].strip(), parts[1].strip(), parts[2].strip(), position++));
				}
			}
			List<Parsed> parsed = sources.stream()
				.flatMap(source -> source.name().endsWith(".csv") ? parseCsv(source).stream()
						: Stream.of(parse(source)))
				.toList();
			Map<String, UUID> byKey = new HashMap<>();
			int created = 0;
			int updated = 0;
			int unchanged = 0;
			for (Parsed p : parsed) {
				try {
					switch (store(p, byKey, by)) {
						case CREATED -> created++;
						case UPDATED -> updated++;
						case UNCHANGED -> unchanged++;
					}
				}
				catch (InvalidInputException e) {
					throw new InvalidInputException(e.field(), p.where() + ": " + e.getMessage());
				}
			}
			return new Outcome(created, updated, unchanged);
		});
	}

	private enum Stored {
		CREATED, UPDATED, UNCHANGED
	}

	/** {@code byKey} links the language versions of one key, the first stored being the one the others join. */
	private Stored store(Parsed p, Map<String, UUID> byKey, Actor by) {
		var existing = articles.list(p.draft.language(), null, null)
			.stream()
			.filter(a -> a.slug().equals(p.draft.slug()))
			.findFirst();
		if (existing.isPresent()) {
			Article a = existing.get();
			byKey.putIfAbsent(p.key, a.id());
			if (same(a, p.draft)) {
				return Stored.UNCHANGED;
			}
			articles.update(a.id(), p.draft, null, by);
			return Stored.UPDATED;
		}
		ArticleDraft draft = new ArticleDraft(p.draft.language(), p.draft.slug(), p.draft.categoryId(),
				p.draft.title(), p.draft.bodyMarkdown(), p.draft.shortAnswer(), p.draft.visibility(), p.draft.owner(),
				p.draft.reviewBy(), p.draft.tags(), p.draft.exampleQuestions(), p.draft.contactReasons(),
				byKey.get(p.key));
		Article a = articles.create(draft, by);
		byKey.putIfAbsent(p.key, a.id());
		return Stored.CREATED;
	}

	private static boolean same(Article a, ArticleDraft d) {
		return a.title().equals(d.title()) && a.bodyMarkdown().equals(d.bodyMarkdown().strip())
				&& a.shortAnswer().equals(d.shortAnswer()) && a.categoryId().equals(d.categoryId())
				&& a.visibility() == d.visibility() && a.owner().equals(d.owner())
				&& Objects.equals(a.reviewBy(), d.reviewBy()) && a.tags().equals(d.tags())
				&& a.exampleQuestions().equals(d.exampleQuestions()) && a.contactReasons().equals(d.contactReasons());
	}

	/** @param where the file (and row) it came from, for messages */
	record Parsed(String key, ArticleDraft draft, String where) {
	}

	static Parsed parse(Source source) {
		List<String> lines = source.text().replace("\r\n", "\n").lines().toList();
		if (lines.isEmpty() || !lines.getFirst().strip().equals("---")) {
			throw new InvalidInputException(source.name(), source.name() + " does not start with a '---' front matter");
		}
		Map<String, String> fields = new LinkedHashMap<>();
		List<String> questions = new ArrayList<>();
		int end = -1;
		boolean inQuestions = false;
		for (int i = 1; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.strip().equals("---")) {
				end = i;
				break;
			}
			if (inQuestions && line.strip().startsWith("- ")) {
				questions.add(line.strip().substring(2).strip());
				continue;
			}
			inQuestions = false;
			int colon = line.indexOf(':');
			if (line.isBlank()) {
				continue;
			}
			if (colon < 1) {
				throw new InvalidInputException(source.name(), source.name() + " line " + (i + 1) + ": expected 'name: value'");
			}
			String name = line.substring(0, colon).strip();
			String value = line.substring(colon + 1).strip();
			if (name.equals("questions") && value.isEmpty()) {
				inQuestions = true;
			}
			else {
				fields.put(name, value);
			}
		}
		if (end < 0) {
			throw new InvalidInputException(source.name(), source.name() + " has no closing '---' after its front matter");
		}
		String body = String.join("\n", lines.subList(end + 1, lines.size())).strip();
		return parsed(source.name(), source.name(), fields, questions, body);
	}

	private static final List<String> CSV_COLUMNS = List.of("key", "language", "slug", "category", "title", "owner",
			"reviewBy", "visibility", "tags", "reasons", "shortAnswer", "questions", "body");

	/** One article per row; a row's error names the file and the row as a spreadsheet numbers it. */
	static List<Parsed> parseCsv(Source source) {
		CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
		try (CSVParser parser = CSVParser.parse(source.text(), format)) {
			for (String column : parser.getHeaderNames()) {
				if (!CSV_COLUMNS.contains(column)) {
					throw new InvalidInputException(source.name(), source.name() + ": unknown column '" + column
							+ "'; the columns are " + String.join(", ", CSV_COLUMNS));
				}
			}
			List<Parsed> parsed = new ArrayList<>();
			for (CSVRecord row : parser) {
				String where = source.name() + " row " + (row.getRecordNumber() + 1);
				if (!row.isConsistent()) {
					throw new InvalidInputException(source.name(),
							where + " has " + row.size() + " cells; the header has " + parser.getHeaderNames().size());
				}
				Map<String, String> fields = new LinkedHashMap<>();
				row.toMap().forEach((column, value) -> {
					if (!value.isBlank()) {
						fields.put(column, value);
					}
				});
				List<String> questions = fields.getOrDefault("questions", "")
					.lines()
					.map(String::strip)
					.filter(line -> !line.isEmpty())
					.toList();
				parsed.add(parsed(source.name(), where, fields, questions, fields.getOrDefault("body", "").strip()));
			}
			return parsed;
		}
		catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
			// Commons CSV reports malformed quoting and duplicate or empty headers this way
			throw new InvalidInputException(source.name(), source.name() + " is not valid CSV: " + e.getMessage());
		}
	}

	private static Parsed parsed(String field, String where, Map<String, String> fields, List<String> questions,
			String body) {
		String key = required(field, where, fields, "key");
		LocalDate reviewBy;
		try {
			reviewBy = fields.containsKey("reviewBy") ? LocalDate.parse(fields.get("reviewBy")) : null;
		}
		catch (DateTimeParseException e) {
			throw new InvalidInputException(field, where + ": reviewBy is a date like 2027-06-01");
		}
		Visibility visibility;
		try {
			visibility = Visibility.fromCode(fields.getOrDefault("visibility", "public"));
		}
		catch (InvalidInputException e) {
			throw new InvalidInputException(field, where + ": " + e.getMessage());
		}
		String language = required(field, where, fields, "language");
		String category = required(field, where, fields, "category");
		String title = required(field, where, fields, "title");
		String shortAnswer = required(field, where, fields, "shortAnswer");
		String owner = required(field, where, fields, "owner");
		try {
			return new Parsed(key, new ArticleDraft(language, fields.get("slug"), category, title, body, shortAnswer,
					visibility, owner, reviewBy, list(fields.get("tags")), questions, list(fields.get("reasons")),
					null), where);
		}
		catch (InvalidInputException e) {
			throw new InvalidInputException(field, where + ": " + e.getMessage());
		}
	}

	private static String required(String field, String where, Map<String, String> fields, String name) {
		String value = fields.get(name);
		if (value == null || value.isBlank()) {
			throw new InvalidInputException(field, where + " lacks '" + name + "'");
		}
		return value;
	}

	private static boolean isArticleFile(Path file) {
		String name = file.getFileName().toString();
		return name.endsWith(".md") || name.endsWith(".csv") && !name.equals("_categories.csv");
	}

	private static List<String> list(String value) {
		return value == null || value.isBlank() ? List.of()
				: Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}
}
