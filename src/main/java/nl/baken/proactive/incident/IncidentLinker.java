package nl.baken.proactive.incident;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nl.baken.conversation.CallConversations;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.ConversationView;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.MessageReceived;
import nl.baken.customer.CustomerId;
import nl.baken.customer.Customers;
import nl.baken.proactive.Incident;
import nl.baken.proactive.Incidents;
import nl.baken.shared.Actor;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A message from a customer affected by an open incident links its conversation to the incident (an
 * {@code incident_linked} contact event, in the message's own transaction) and gets the incident's current status
 * from the bot, in the conversation's language: once per conversation per status update, and not on the phone.
 */
@Component
class IncidentLinker {

	private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm");

	private final Incidents incidents;

	private final IncidentStore store;

	private final Conversations conversations;

	private final ContactEvents events;

	private final Customers customers;

	private final MessageSource texts;

	private final Clock clock;

	IncidentLinker(Incidents incidents, IncidentStore store, Conversations conversations, ContactEvents events,
			Customers customers, MessageSource texts, Clock clock) {
		this.incidents = incidents;
		this.store = store;
		this.conversations = conversations;
		this.events = events;
		this.customers = customers;
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
			if (answered < current.seq() && !CallConversations.CHANNEL.equals(conversation.channel())
					&& conversation.status().isOpen()) {
				conversations.botAnswer(new ConversationId(conversation.id()), answer(incident, language(conversation)),
						Map.of("incidentId", incident.id().toString(), "update", current.seq()), at);
				store.answered(incident.id(), conversation.id(), current.seq());
			}
		}
	}

	/** The incident's title, current status and expected end, in the customer's language. */
	String answer(Incident incident, String language) {
		Locale locale = Locale.forLanguageTag(language);
		Incident.Update current = incident.current();
		String text = texts.getMessage("incident.bot.answer",
				new Object[] { incident.title(language), current.status(language) }, locale);
		if (current.expectedEnd() != null) {
			text += " " + texts.getMessage("incident.bot.expectedEnd",
					new Object[] { WHEN.format(current.expectedEnd().atZone(ZONE)) }, locale);
		}
		return text + " " + texts.getMessage("incident.bot.agent", null, locale);
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
