package nl.baken.analytics.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.shared.Actor;

/**
 * How a bot conversation ended: the one place that decides containment, so the bot's own events ({@code
 * bot_answered}, {@code bot_handoff}) and what can be derived without them give the same outcomes. A bot
 * conversation is one in which the bot acted (any event by the bot, or a bot event). It was handed off when a person
 * took it (a hand-off, an assignment or an agent's response); it was contained when it was resolved or closed by the
 * bot without that and no other contact of the same customer followed within the window. When one did follow, it is a
 * false containment if the bot had given an answer ({@code bot_answered}), as KPI-DEFINITIONS.md words it; without an
 * answer the customer simply went elsewhere, which is neither contained nor a confident wrong answer.
 */
final class BotSessions {

	enum Outcome {
		CONTAINED, FALSELY_CONTAINED, UNANSWERED_CONTACTED_AGAIN, HANDED_OFF, OPEN
	}

	private BotSessions() {
	}

	static boolean isBotConversation(ContactFacts c) {
		return c.events()
			.stream()
			.anyMatch(e -> e.actor().kind() == Actor.Kind.BOT || e.type() == ContactEventType.BOT_ANSWERED
					|| e.type() == ContactEventType.BOT_HANDOFF);
	}

	/**
	 * @param later the same customer's contacts (already narrowed to the matter when the definition asks for the same
	 * reason)
	 */
	static Outcome outcome(ContactFacts c, List<ContactFacts> later, Duration window) {
		for (ContactEvent e : c.events()) {
			if (e.type() == ContactEventType.BOT_HANDOFF || e.type() == ContactEventType.ASSIGNED
					|| e.type() == ContactEventType.FIRST_AGENT_RESPONSE) {
				return Outcome.HANDED_OFF;
			}
		}
		// the bot closes a conversation without a contact reason (an idle chat) with bot_contained alone
		Instant ended = c.resolvedAt() != null ? c.resolvedAt()
				: c.events()
					.stream()
					.filter(e -> e.type() == ContactEventType.BOT_CONTAINED)
					.map(ContactEvent::occurredAt)
					.findFirst()
					.orElse(null);
		if (ended == null) {
			return Outcome.OPEN;
		}
		Instant until = ended.plus(window);
		boolean followed = later.stream()
			.anyMatch(d -> !d.conversationId().equals(c.conversationId()) && d.offeredAt().isAfter(c.offeredAt())
					&& !d.offeredAt().isAfter(until));
		if (!followed) {
			return Outcome.CONTAINED;
		}
		boolean answered = c.events().stream().anyMatch(e -> e.type() == ContactEventType.BOT_ANSWERED);
		return answered ? Outcome.FALSELY_CONTAINED : Outcome.UNANSWERED_CONTACTED_AGAIN;
	}
}
