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
 * A folder may hold {@code _categories.csv} ({@code id;name_nl;name_en} a line) to define its categories. Importing is
 * repeatable: an article whose language and slug exist is updated (a new version only when something changed).
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

	/** A folder of {@code .md} files (and an optional {@code _categories.csv}), or one {@code .md} file. */
	public Outcome importPath(Path path, Actor by) {
		try {
			List<Source> sources = new ArrayList<>();
			String categories = null;
			if (Files.isDirectory(path)) {
				Path csv = path.resolve("_categories.csv");
				categories = Files.exists(csv) ? Files.readString(csv, StandardCharsets.UTF_8) : null;
				try (Stream<Path> files = Files.list(path)) {
					for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
						sources.add(new Source(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
					}
				}
			}
			else if (Files.isRegularFile(path) && path.toString().endsWith(".md")) {
				sources.add(new Source(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8)));
			}
			else {
				throw new InvalidInputException("path", path + " is neither a folder nor a .md file");
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
			List<Parsed> parsed = sources.stream().map(ArticleImport::parse).toList();
			Map<String, UUID> byKey = new HashMap<>();
			int created = 0;
			int updated = 0;
			int unchanged = 0;
			for (Parsed p : parsed) {
				var existing = articles.list(p.draft.language(), null, null)
					.stream()
					.filter(a -> a.slug().equals(p.draft.slug()))
					.findFirst();
				if (existing.isPresent()) {
					Article a = existing.get();
					byKey.putIfAbsent(p.key, a.id());
					if (same(a, p.draft)) {
						unchanged++;
					}
					else {
						articles.update(a.id(), p.draft, null, by);
						updated++;
					}
				}
				else {
					UUID other = byKey.get(p.key);
					ArticleDraft draft = new ArticleDraft(p.draft.language(), p.draft.slug(), p.draft.categoryId(),
							p.draft.title(), p.draft.bodyMarkdown(), p.draft.shortAnswer(), p.draft.visibility(),
							p.draft.owner(), p.draft.reviewBy(), p.draft.tags(), p.draft.exampleQuestions(),
							p.draft.contactReasons(), other);
					Article a = articles.create(draft, by);
					byKey.putIfAbsent(p.key, a.id());
					created++;
				}
			}
			return new Outcome(created, updated, unchanged);
		});
	}

	private static boolean same(Article a, ArticleDraft d) {
		return a.title().equals(d.title()) && a.bodyMarkdown().equals(d.bodyMarkdown().strip())
				&& a.shortAnswer().equals(d.shortAnswer()) && a.categoryId().equals(d.categoryId())
				&& a.visibility() == d.visibility() && a.owner().equals(d.owner())
				&& Objects.equals(a.reviewBy(), d.reviewBy()) && a.tags().equals(d.tags())
				&& a.exampleQuestions().equals(d.exampleQuestions()) && a.contactReasons().equals(d.contactReasons());
	}

	private record Parsed(String key, ArticleDraft draft) {
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
		String key = required(source, fields, "key");
		LocalDate reviewBy;
		try {
			reviewBy = fields.containsKey("reviewBy") ? LocalDate.parse(fields.get("reviewBy")) : null;
		}
		catch (DateTimeParseException e) {
			throw new InvalidInputException(source.name(), source.name() + ": reviewBy is a date like 2027-06-01");
		}
		ArticleDraft draft = new ArticleDraft(required(source, fields, "language"), fields.get("slug"),
				required(source, fields, "category"), required(source, fields, "title"), body,
				required(source, fields, "shortAnswer"), Visibility.fromCode(fields.getOrDefault("visibility", "public")),
				required(source, fields, "owner"), reviewBy, list(fields.get("tags")), questions,
				list(fields.get("reasons")), null);
		return new Parsed(key, draft);
	}

	private static String required(Source source, Map<String, String> fields, String name) {
		String value = fields.get(name);
		if (value == null || value.isBlank()) {
			throw new InvalidInputException(source.name(), source.name() + " lacks '" + name + ":' in its front matter");
		}
		return value;
	}

	private static List<String> list(String value) {
		return value == null || value.isBlank() ? List.of()
				: Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}
}
