package nl.baken.knowledge;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What an editor writes: everything of an article but its identity and history. {@code slug} may be left out (made
 * from the title); {@code translationOf} links a new article to the other-language version of the same content.
 */
public record ArticleDraft(String language, String slug, String categoryId, String title, String bodyMarkdown,
		String shortAnswer, Visibility visibility, String owner, LocalDate reviewBy, List<String> tags,
		List<String> exampleQuestions, List<String> contactReasons, UUID translationOf) {

	public ArticleDraft {
		tags = tags == null ? List.of() : List.copyOf(tags);
		exampleQuestions = exampleQuestions == null ? List.of() : List.copyOf(exampleQuestions);
		contactReasons = contactReasons == null ? List.of() : List.copyOf(contactReasons);
	}
}
