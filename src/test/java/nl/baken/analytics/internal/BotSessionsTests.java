package nl.baken.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;

/** A bot conversation the bot closed without a contact reason (an idle chat) has ended like a resolved one. */
class BotSessionsTests {

	static final Instant START = Instant.parse("2026-11-02T10:00:00Z");

	static final UUID CUSTOMER = UUID.randomUUID();

	long seq;

	@Test
	void aSessionTheBotClosedWithoutAReasonIsContainedOrFalselyContainedNotOpen() {
		ContactFacts idle = conversation(START, List.of(ContactEventType.BOT_ANSWERED, ContactEventType.BOT_CONTAINED));
		assertThat(BotSessions.outcome(idle, List.of(), Duration.ofHours(24))).isEqualTo(BotSessions.Outcome.CONTAINED);
		assertThat(idle.openAndUnassignedAt(START.plus(Duration.ofDays(2)))).as("not in the backlog for good").isFalse();

		ContactFacts back = conversation(START.plus(Duration.ofHours(3)), List.of());
		assertThat(BotSessions.outcome(idle, List.of(idle, back), Duration.ofHours(24)))
			.isEqualTo(BotSessions.Outcome.FALSELY_CONTAINED);

		ContactFacts going = conversation(START, List.of(ContactEventType.BOT_ANSWERED));
		assertThat(BotSessions.outcome(going, List.of(), Duration.ofHours(24))).isEqualTo(BotSessions.Outcome.OPEN);
	}

	private ContactFacts conversation(Instant at, List<ContactEventType> bot) {
		UUID id = UUID.randomUUID();
		List<ContactEvent> events = new java.util.ArrayList<>();
		events.add(event(id, at, ContactEventType.OFFERED, Actor.system(null)));
		for (int i = 0; i < bot.size(); i++) {
			events.add(event(id, at.plusSeconds(60L * (i + 1)), bot.get(i), Actor.bot()));
		}
		return ContactFacts.of(events);
	}

	private ContactEvent event(UUID conversation, Instant at, ContactEventType type, Actor actor) {
		return new ContactEvent(++seq, UUID.randomUUID(), at, conversation, CUSTOMER, "webchat", type, actor, "tuinhuys",
				null, null, Map.of());
	}
}
