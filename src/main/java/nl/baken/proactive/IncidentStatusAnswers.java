package nl.baken.proactive;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.baken.customer.CustomerId;
import nl.baken.proactive.incident.IncidentStore;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current status of the open incidents a customer's conversation is linked to, as the one answer the customer
 * gets: the bot tells it as its first turn in the conversations it has (the dialog goes on from there), and the
 * incident linker in the others. Each status update is told once per conversation.
 */
@Service
public class IncidentStatusAnswers {

	private final Incidents incidents;

	private final IncidentStore store;

	private final MessageSource texts;

	IncidentStatusAnswers(Incidents incidents, IncidentStore store, MessageSource texts) {
		this.incidents = incidents;
		this.store = store;
		this.texts = texts;
	}

	/** One incident's status told in a conversation: {@code update} is the status update's number. */
	public record StatusAnswer(UUID incidentId, int update, String text) {
	}

	/**
	 * The statuses this conversation (linked when the customer's message came in) has not been told yet, in
	 * {@code language}; they count as told once the caller's transaction commits.
	 */
	@Transactional
	public List<StatusAnswer> untold(UUID conversationId, UUID customerId, String language) {
		if (!store.anyOpen()) {
			return List.of();
		}
		List<StatusAnswer> answers = new ArrayList<>();
		for (Incident incident : incidents.openFor(new CustomerId(customerId))) {
			int told = store.link(incident.id(), conversationId).map(IncidentStore.Link::answeredSeq).orElse(-1);
			Incident.Update current = incident.current();
			if (told >= 0 && told < current.seq()) {
				store.answered(incident.id(), conversationId, current.seq());
				answers.add(new StatusAnswer(incident.id(), current.seq(), text(incident, language)));
			}
		}
		return answers;
	}

	/** The incident's title, current status and expected end, in {@code language} (nl or en). */
	public String text(Incident incident, String language) {
		Locale locale = Locale.forLanguageTag(language);
		Incident.Update current = incident.current();
		String text = texts.getMessage("incident.bot.answer",
				new Object[] { incident.title(language), current.status(language) }, locale);
		if (current.expectedEnd() != null) {
			text += " " + texts.getMessage("incident.bot.expectedEnd",
					new Object[] { Incidents.when(current.expectedEnd()) }, locale);
		}
		return text;
	}
}
