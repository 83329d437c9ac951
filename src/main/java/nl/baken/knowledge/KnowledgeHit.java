package nl.baken.knowledge;

import java.util.UUID;

/**
 * One search result: enough to show and link it ({@code categoryId}/{@code slug} make the help-center address) and
 * to answer with it ({@code shortAnswer}). {@code score} is Lucene's relevance: comparable only within one search.
 */
public record KnowledgeHit(UUID articleId, String language, String title, String shortAnswer, String categoryId,
		String slug, Visibility visibility, float score) {
}
