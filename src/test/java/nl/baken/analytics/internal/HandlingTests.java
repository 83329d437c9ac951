package nl.baken.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;

/** Who handled a call when, around a transfer through the queue and a return to the queue before any answer. */
class HandlingTests {

	private static final Instant T = Instant.parse("2026-11-02T09:00:00Z");

	private final UUID conversation = UUID.randomUUID();

	private final List<ContactEvent> events = new ArrayList<>();

	@Test
	void aCallTransferredThroughTheQueueIsHandledByItsNextAgentFromTheirAssignment() {
		at(0, ContactEventType.QUEUED, Actor.system("routing"), Map.of());
		at(30, ContactEventType.ASSIGNED, Actor.system("routing"), Map.of("agent", "anna"));
		at(40, ContactEventType.FIRST_AGENT_RESPONSE, Actor.agent("anna"), Map.of());
		at(160, ContactEventType.TRANSFERRED, Actor.agent("anna"), Map.of("level", "team"));
		at(160, ContactEventType.QUEUED, Actor.agent("anna"), Map.of("after", "transfer"));
		at(220, ContactEventType.ASSIGNED, Actor.system("routing"), Map.of("agent", "bert"));
		at(520, ContactEventType.RESOLVED, Actor.agent("bert"), Map.of("reason", "levering"));

		assertThat(Handling.busy(Handling.PHONE, events, true, T.plusSeconds(3600))).containsExactly(
				new Handling.Busy("anna", T.plusSeconds(40), T.plusSeconds(160)),
				new Handling.Busy("bert", T.plusSeconds(220), T.plusSeconds(520)));
	}

	@Test
	void aCallReturnedToTheQueueBeforeAnyAnswerIsHandledFromItsAnswer() {
		at(0, ContactEventType.QUEUED, Actor.system("routing"), Map.of());
		at(30, ContactEventType.ASSIGNED, Actor.system("routing"), Map.of("agent", "anna"));
		at(90, ContactEventType.QUEUED, Actor.system("routing"), Map.of("after", "agent-offline", "fromAgent", "anna"));
		at(120, ContactEventType.ASSIGNED, Actor.system("routing"), Map.of("agent", "bert"));
		at(150, ContactEventType.FIRST_AGENT_RESPONSE, Actor.agent("bert"), Map.of());
		at(450, ContactEventType.RESOLVED, Actor.agent("bert"), Map.of("reason", "levering"));

		assertThat(Handling.busy(Handling.PHONE, events, true, T.plusSeconds(3600)))
			.containsExactly(new Handling.Busy("bert", T.plusSeconds(150), T.plusSeconds(450)));
	}

	private void at(long seconds, ContactEventType type, Actor actor, Map<String, Object> attributes) {
		events.add(new ContactEvent(events.size() + 1, UUID.randomUUID(), T.plusSeconds(seconds), conversation,
				UUID.randomUUID(), Handling.PHONE, type, actor, "tuinhuys", "service", "service", attributes));
	}
}
