package nl.baken.knowledge;

import java.time.LocalDate;
import java.util.UUID;

/**
 * An article that needs its owner's attention: its review date has passed, or readers often said it did not help
 * (counted over the last 90 days).
 */
public record StaleArticle(UUID id, String language, String title, String owner, LocalDate reviewBy,
		boolean reviewOverdue, int notHelpful, int helpful) {
}
