package nl.baken.knowledge;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.baken.knowledge.internal.SynonymStore;
import nl.baken.shared.Ids;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The editors' synonym list. Synonyms are applied to the customer's question, not to the stored articles, so a change
 * takes effect without re-indexing; every node picks it up on its next look at the database.
 */
@Service
public class Synonyms {

	private final SynonymStore store;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Synonyms(SynonymStore store, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.events = events;
		this.clock = clock;
	}

	/** Changed synonyms, so this node's search uses them at once. */
	public record SynonymsChanged() {
	}

	public List<SynonymSet> all() {
		return store.all();
	}

	@Transactional
	public SynonymSet add(String language, List<String> terms) {
		if (language == null || !language.matches("nl|en")) {
			throw new InvalidInputException("language", "language is 'nl' or 'en'");
		}
		SynonymSet set = new SynonymSet(Ids.next(), language, clean(terms), clock.instant());
		store.insert(set);
		events.publishEvent(new SynonymsChanged());
		return set;
	}

	@Transactional
	public void replace(UUID id, List<String> terms) {
		if (store.update(id, clean(terms), clock.instant()) == 0) {
			throw new NotFoundException("Synonym set", id);
		}
		events.publishEvent(new SynonymsChanged());
	}

	@Transactional
	public void delete(UUID id) {
		if (store.delete(id) == 0) {
			throw new NotFoundException("Synonym set", id);
		}
		events.publishEvent(new SynonymsChanged());
	}

	private static List<String> clean(List<String> terms) {
		List<String> clean = terms == null ? List.of()
				: terms.stream()
					.map(t -> t.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " "))
					.filter(t -> !t.isEmpty())
					.distinct()
					.toList();
		if (clean.size() < 2 || clean.size() > 20) {
			throw new InvalidInputException("terms", "a synonym set has 2 to 20 words or phrases");
		}
		for (String term : clean) {
			if (!term.matches("[\\p{L}0-9][\\p{L}0-9 '-]{0,59}")) {
				throw new InvalidInputException("terms",
						"'" + term + "' is not a word or phrase (letters, digits, spaces, '-', at most 60)");
			}
		}
		return clean;
	}
}
