package nl.baken.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Words and phrases that customers use for the same thing, in one language: a search for one finds them all. */
public record SynonymSet(UUID id, String language, List<String> terms, Instant updatedAt) {

	public SynonymSet {
		terms = List.copyOf(terms);
	}
}
