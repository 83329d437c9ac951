package nl.baken.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One language version of an article, as it is now. {@code bodyHtml} is the Markdown body rendered and sanitised:
 * safe to show as HTML. Articles that are translations of each other share a {@code translationGroup}.
 */
public record Article(UUID id, UUID translationGroup, String language, String slug, String categoryId, String title,
		String bodyMarkdown, String bodyHtml, String shortAnswer, Visibility visibility, String owner,
		LocalDate reviewBy, List<String> tags, List<String> exampleQuestions, List<String> contactReasons, int version,
		Instant createdAt, Instant updatedAt, String updatedBy) {

	public Article {
		tags = List.copyOf(tags);
		exampleQuestions = List.copyOf(exampleQuestions);
		contactReasons = List.copyOf(contactReasons);
	}
}
