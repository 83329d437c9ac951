package nl.baken.analytics.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.baken.analytics.internal.Handling.Busy;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.shared.Actor;

/**
 * When agents were available for work, from their presence changes ({@code presence_changed}: from → to). Available
 * time is time signed in as {@code available} or {@code busy}; {@code away} and {@code offline} are not. The state
 * before an agent's first change in the log read is that change's "from".
 */
final class Availability {

	static final Set<String> AVAILABLE = Set.of("available", "busy");

	private Availability() {
	}

	/** Per agent (in order of first appearance), the available intervals clipped to [from, to). */
	static Map<String, List<Busy>> of(List<ContactEvent> presenceEvents, String teamId, Instant from, Instant to) {
		Map<String, List<ContactEvent>> byAgent = new LinkedHashMap<>();
		presenceEvents.stream()
			.filter(e -> e.type() == ContactEventType.PRESENCE_CHANGED && e.actor().kind() == Actor.Kind.AGENT)
			.filter(e -> teamId == null || teamId.equals(e.teamId()))
			.sorted(ContactFacts.IN_TIME)
			.forEach(e -> byAgent.computeIfAbsent(e.actor().id(), id -> new ArrayList<>()).add(e));
		Map<String, List<Busy>> available = new LinkedHashMap<>();
		byAgent.forEach((agent, changes) -> {
			List<Busy> intervals = new ArrayList<>();
			String state = String.valueOf(changes.getFirst().attributes().get("from"));
			Instant since = from;
			for (ContactEvent change : changes) {
				Instant at = change.occurredAt();
				if (at.isAfter(since) && AVAILABLE.contains(state)) {
					intervals.add(clip(agent, since, at, from, to));
				}
				since = at.isAfter(since) ? at : since;
				state = String.valueOf(change.attributes().get("to"));
			}
			if (AVAILABLE.contains(state) && to.isAfter(since)) {
				intervals.add(clip(agent, since, to, from, to));
			}
			intervals.removeIf(b -> b == null || !b.end().isAfter(b.start()));
			available.put(agent, intervals);
		});
		return available;
	}

	private static Busy clip(String agent, Instant start, Instant end, Instant from, Instant to) {
		Instant s = start.isBefore(from) ? from : start;
		Instant e = end.isAfter(to) ? to : end;
		return e.isAfter(s) ? new Busy(agent, s, e) : null;
	}
}
