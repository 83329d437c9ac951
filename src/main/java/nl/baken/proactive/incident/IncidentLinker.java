package nl.baken.proactive.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nl.baken.conversation.CallConversations;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.ConversationStatus;
import nl.baken.conversation.ConversationView;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.MessageReceived;
import nl.baken.customer.CustomerId;
import nl.baken.customer.Customers;
import nl.baken.proactive.Incident;
import nl.baken.proactive.IncidentStatusAnswers;
import nl.baken.proactive.Incidents;
import nl.baken.shared.Actor;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A message from a customer affected by an open incident links its conversation to the incident (an
 * {@code incident_linked} contact event, in the message's own transaction) and gets the incident's current status
 * from the bot, in the conversation's language: once per conversation per status update, and not on the phone. A
 * conversation the bot has gets it from the bot's dialog instead ({@link IncidentStatusAnswers}), as the one answer.
 */
@Component
class IncidentLinker {

	private final Incidents incidents;

	private final IncidentStore store;

	private final Conversations conversations;

	private final ContactEvents events;

	private final Customers customers;

	private final IncidentStatusAnswers statuses;

	private final MessageSource texts;

	private final Clock clock;

	IncidentLinker(Incidents incidents, IncidentStore store, Conversations conversations, ContactEvents events,
			Customers customers, IncidentStatusAnswers statuses, MessageSource texts, Clock clock) {
		this.incidents = incidents;
		this.store = store;
		this.conversations = conversations;
		this.events = events;
		this.customers = customers;
		this.statuses = statuses;
		this.texts = texts;
		this.clock = clock;
	}

	@EventListener
	void on(MessageReceived received) {
		if (!store.anyOpen()) {
			return;
		}
		List<Incident> open = incidents.openFor(new CustomerId(received.customerId()));
		if (open.isEmpty()) {
			return;
		}
		ConversationView conversation = conversations.find(new ConversationId(received.conversationId())).orElseThrow();
		Instant at = clock.instant();
		for (Incident incident : open) {
			var link = store.link(incident.id(), conversation.id());
			if (link.isEmpty()) {
				store.insertLink(incident.id(), conversation.id(), received.customerId(), at);
				Map<String, Object> attributes = new LinkedHashMap<>();
				attributes.put("incidentId", incident.id().toString());
				attributes.put("titleNl", incident.titleNl());
				attributes.put("titleEn", incident.titleEn());
				events.append(at, conversation, ContactEventType.INCIDENT_LINKED, Actor.system("proactive"), null,
						attributes);
			}
			int answered = link.map(IncidentStore.Link::answeredSeq).orElse(0);
			Incident.Update current = incident.current();
			// the bot tells the status in its own dialog: one answer, not two
			if (answered < current.seq() && !CallConversations.CHANNEL.equals(conversation.channel())
					&& conversation.status().isOpen() && conversation.status() != ConversationStatus.BOT) {
				conversations.botAnswer(new ConversationId(conversation.id()), answer(incident, language(conversation)),
						Map.of("incidentId", incident.id().toString(), "update", current.seq()), at);
				store.answered(incident.id(), conversation.id(), current.seq());
			}
		}
	}

	/** The incident's status, and that a person reads the message too. */
	String answer(Incident incident, String language) {
		return statuses.text(incident, language) + " "
				+ texts.getMessage("incident.bot.agent", null, Locale.forLanguageTag(language));
	}

	private String language(ConversationView conversation) {
		if ("en".equals(conversation.language()) || "nl".equals(conversation.language())) {
			return conversation.language();
		}
		return customers.profile(new CustomerId(conversation.customerId()))
			.map(p -> "en".equals(p.preferredLanguage()) ? "en" : "nl")
			.orElse("nl");
	}
}
