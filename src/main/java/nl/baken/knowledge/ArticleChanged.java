package nl.baken.knowledge;

import java.util.UUID;

/** An article was created, edited or restored; {@code version} is its new version. */
public record ArticleChanged(UUID articleId, String language, int version) {
}
