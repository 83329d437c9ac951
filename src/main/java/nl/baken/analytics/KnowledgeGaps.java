package nl.baken.analytics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import nl.baken.analytics.internal.GapFinder;
import org.springframework.stereotype.Service;

/**
 * The questions self-service could not answer, grouped by meaning and ranked by how often they came: bot
 * conversations a person had to take over or that were followed by another contact (see the bot-containment KPI),
 * the first messages of written informational and repeat contacts that a person handled, and contact-page visitors
 * who contacted anyway after the suggested articles. What a knowledge editor should write next.
 */
@Service
public class KnowledgeGaps {

	private final GapFinder finder;

	KnowledgeGaps(GapFinder finder) {
		this.finder = finder;
	}

	/** One question as the customer asked it; {@code conversationId} is null for a contact-page visit. */
	public record Question(UUID conversationId, Instant at, String source, String text) {
	}

	/** Similar questions; {@code label} is the one that started the group. */
	public record Gap(String label, int count, List<Question> examples) {

		public Gap {
			examples = List.copyOf(examples);
		}
	}

	/**
	 * @param from start of the period
	 * @param to end of the period (exclusive)
	 * @param examples how many questions to keep per group
	 * @throws nl.baken.shared.InvalidInputException for a wrong period
	 */
	public List<Gap> find(Instant from, Instant to, int examples) {
		return finder.find(from, to, examples);
	}
}
