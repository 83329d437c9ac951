package nl.baken.channel;

import java.util.List;

/**
 * Extension point: articles that may answer what a visitor is typing in the web chat, before they send it. The web
 * chat asks every bean of this type (debounced, at most a few times per second per visitor) and shows the combined
 * suggestions; without any such bean it shows none. An implementation must answer quickly (the visitor is typing)
 * and only return articles meant for customers of {@code brand}.
 */
public interface SelfServiceSuggestions {

	List<Suggestion> suggest(Query query);

	/** What the visitor typed so far (at least a few characters), their brand and language ("nl" or "en"). */
	record Query(String brand, String language, String text, int limit) {
	}

	/** One article: its title, an absolute http(s) link the visitor opens, and a short plain-text extract. */
	record Suggestion(String title, String url, String snippet) {
	}
}
