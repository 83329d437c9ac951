package nl.baken.demo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.InboundMessage;

/**
 * One thing that happens in a planned demo conversation, at a past moment. Plans are plain data, so the whole demo
 * is decided (by a seeded random) before anything is written.
 */
sealed interface DemoStep {

	Instant at();

	/** A customer's message; the first one opens the conversation. Calls bring what the IVR recorded before. */
	record Receive(Instant at, InboundMessage message, List<IvrEvent> ivr) implements DemoStep {
	}

	record Assign(Instant at, String agent, String team) implements DemoStep {
	}

	/** An agent picks up a call. */
	record Answer(Instant at, String agent) implements DemoStep {
	}

	record Reply(Instant at, String agent, String text) implements DemoStep {
	}

	record Note(Instant at, String agent, String text) implements DemoStep {
	}

	record Transfer(Instant at, String agent, String toTeam, String reason) implements DemoStep {
	}

	record Resolve(Instant at, String agent, String reasonId) implements DemoStep {
	}

	/** The caller hangs up in the queue. */
	record Abandon(Instant at) implements DemoStep {
	}

	/** A fact from the telephony system; {@code byCaller} when the caller pressed a key. */
	record IvrEvent(Instant at, ContactEventType type, boolean byCaller, Map<String, Object> attributes) {
	}
}
