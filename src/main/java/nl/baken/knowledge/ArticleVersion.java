package nl.baken.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A saved state of an article. {@code note} says what happened, e.g. that it restored an earlier version. */
public record ArticleVersion(UUID articleId, int version, String categoryId, String title, String bodyMarkdown,
		String shortAnswer, Visibility visibility, String owner, LocalDate reviewBy, List<String> tags,
		List<String> exampleQuestions, List<String> contactReasons, Instant savedAt, String savedBy, String note) {

	public ArticleVersion {
		tags = List.copyOf(tags);
		exampleQuestions = List.copyOf(exampleQuestions);
		contactReasons = List.copyOf(contactReasons);
	}
}
