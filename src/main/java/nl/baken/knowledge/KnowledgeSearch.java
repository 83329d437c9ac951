package nl.baken.knowledge;

import java.util.List;
import java.util.Locale;

import nl.baken.knowledge.internal.search.ArticleIndex;
import nl.baken.shared.InvalidInputException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Finds articles for a question as a customer words it, in Dutch or English: stemming, Dutch compound words, the
 * editors' synonyms, typos, and titles and example questions weighing most. This is the entry point for every
 * module that matches questions to answers (help center, contact page, desk suggestions, self-service).
 *
 * <p>Each node keeps its own index and brings it in line with the database after every local save and every few
 * seconds (saves on other nodes), so all nodes sharing one PostgreSQL answer alike.
 */
@Service
public class KnowledgeSearch {

	/** The most hits one search returns. */
	public static final int MAX_LIMIT = 50;

	private final ArticleIndex index;

	KnowledgeSearch(ArticleIndex index) {
		this.index = index;
	}

	/** Public articles only, best first: what a customer may be shown. */
	public List<KnowledgeHit> search(String query, Locale language, int limit) {
		return search(query, language, limit, false);
	}

	/** Public and internal articles, best first: what an agent may be shown. */
	public List<KnowledgeHit> searchForAgents(String query, Locale language, int limit) {
		return search(query, language, limit, true);
	}

	private List<KnowledgeHit> search(String query, Locale language, int limit, boolean internal) {
		String lang = language == null ? "" : language.getLanguage();
		if (!lang.equals("nl") && !lang.equals("en")) {
			throw new InvalidInputException("language", "search in 'nl' or 'en'");
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidInputException("limit", "limit is 1 to " + MAX_LIMIT);
		}
		if (query == null || query.isBlank()) {
			return List.of();
		}
		String text = query.length() > 500 ? query.substring(0, 500) : query;
		return index.search(text, lang, limit, internal)
			.stream()
			.map(h -> new KnowledgeHit(h.id(), h.language(), h.title(), h.shortAnswer(), h.categoryId(), h.slug(),
					h.visibility(), h.score()))
			.toList();
	}

	/** Re-reads the database now (normally done on a timer); used after bulk imports. */
	public void refresh() {
		index.sync();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void articleChanged(ArticleChanged changed) {
		index.sync();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void synonymsChanged(Synonyms.SynonymsChanged changed) {
		index.sync();
	}

	/** Saves made by other nodes (or directly in the database) reach this node's index here. */
	@Scheduled(fixedDelayString = "${baken.knowledge.index-poll:PT5S}", initialDelayString = "PT1S")
	void poll() {
		index.sync();
	}
}
