package nl.baken.conversation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import nl.baken.conversation.internal.ConversationStore;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer's own verdict on a contact, from a survey: CSAT (1–5, satisfied) and CES (1–7, effort). Each answer is
 * a {@code survey_answered} event of the conversation, so the KPIs read it like every other fact.
 */
@Service
public class Surveys {

	private final ConversationStore store;

	private final ContactEvents events;

	Surveys(ConversationStore store, ContactEvents events) {
		this.store = store;
		this.events = events;
	}

	@Transactional
	public ContactEvent answered(ConversationId id, Integer csat, Integer ces, String comment, Instant at) {
		if (csat == null && ces == null) {
			throw new InvalidInputException("csat", "a survey answer has a csat score, a ces score or both");
		}
		if (csat != null && (csat < 1 || csat > 5)) {
			throw new InvalidInputException("csat", "csat is 1 to 5");
		}
		if (ces != null && (ces < 1 || ces > 7)) {
			throw new InvalidInputException("ces", "ces is 1 to 7");
		}
		if (comment != null && comment.length() > 2000) {
			throw new InvalidInputException("comment", "a comment is at most 2000 characters");
		}
		ConversationView conversation = store.find(id.value()).orElseThrow(() -> new NotFoundException("Conversation", id));
		Map<String, Object> attributes = new LinkedHashMap<>();
		if (csat != null) {
			attributes.put("csat", csat);
		}
		if (ces != null) {
			attributes.put("ces", ces);
		}
		if (comment != null && !comment.isBlank()) {
			attributes.put("comment", comment.strip());
		}
		return events.append(at, conversation, ContactEventType.SURVEY_ANSWERED,
				Actor.customer(conversation.customerId().toString()), null, attributes);
	}
}
