package nl.baken.analytics.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import nl.baken.analytics.KpiQuery;
import nl.baken.conversation.ContactEvent;
import nl.baken.shared.Actor;

/**
 * What the KPIs need to know of one contact (a conversation), read once from its events. Answered means the first
 * agent response: a written reply, or for a call {@code Conversations.answer}, which writes the same event. Handled
 * means an agent answered it or resolved it; a contact only assigned may have been given back or abandoned unanswered.
 * Callback work is the conversation of a callback the organisation makes (queued with a {@code callbackId}): its own
 * contact, but never a repeat, since the customer did not come back; they were called as promised.
 */
record ContactFacts(UUID conversationId, UUID customerId, String channel, String brandId, Instant offeredAt,
		Instant firstEventAt, Instant queuedAt, Instant answeredAt, Instant abandonedAt, Instant flowOutAt,
		boolean handled, Set<String> transferLevels, Instant resolvedAt, String reason, Boolean informational,
		boolean reopened, boolean callbackWork, Set<String> teams, Set<String> queues, Integer csat, Integer ces,
		List<ContactEvent> events) {

	static final Comparator<ContactEvent> IN_TIME = Comparator.comparing(ContactEvent::occurredAt)
		.thenComparingLong(ContactEvent::seq);

	/** The events of one conversation, in any order. */
	static ContactFacts of(List<ContactEvent> conversationEvents) {
		List<ContactEvent> events = conversationEvents.stream().sorted(IN_TIME).toList();
		ContactEvent first = events.getFirst();
		UUID customer = first.customerId();
		String channel = first.channel();
		String brand = first.brandId();
		Instant offered = null;
		Instant queued = null;
		Instant answered = null;
		Instant abandoned = null;
		Instant callback = null;
		Instant resolved = null;
		String reason = null;
		Boolean informational = null;
		boolean resolvedByAgent = false;
		boolean reopened = false;
		boolean callbackWork = false;
		Set<String> transfers = new HashSet<>();
		Set<String> teams = new HashSet<>();
		Set<String> queues = new HashSet<>();
		Integer csat = null;
		Integer ces = null;
		for (ContactEvent e : events) {
			if (e.teamId() != null) {
				teams.add(e.teamId());
			}
			switch (e.type()) {
				case OFFERED -> {
					if (offered == null) {
						offered = e.occurredAt();
						channel = e.channel();
						brand = e.brandId();
						customer = e.customerId();
					}
				}
				case QUEUED -> {
					queued = queued == null ? e.occurredAt() : queued;
					callbackWork |= e.attributes().containsKey("callbackId");
					if (e.queue() != null) {
						queues.add(e.queue());
					}
				}
				case FIRST_AGENT_RESPONSE -> answered = answered == null ? e.occurredAt() : answered;
				case ABANDONED -> abandoned = abandoned == null && answered == null ? e.occurredAt() : abandoned;
				case CALLBACK_REQUESTED -> {
					// a flow-out only while still waiting: a callback asked for after an answer is other work
					if (callback == null && answered == null && abandoned == null) {
						callback = e.occurredAt();
					}
				}
				case TRANSFERRED -> transfers.add(String.valueOf(e.attributes().getOrDefault("level", "team")));
				case RESOLVED -> {
					resolved = e.occurredAt();
					resolvedByAgent = e.actor().kind() == Actor.Kind.AGENT;
					reason = (String) e.attributes().get("reason");
					Object flag = e.attributes().get("informational");
					informational = flag == null ? null : Boolean.valueOf(flag.toString());
				}
				case REOPENED -> reopened = true;
				case SURVEY_ANSWERED -> {
					// the customer's latest answer counts: a survey can be answered again
					csat = score(e, "csat", csat);
					ces = score(e, "ces", ces);
				}
				default -> {
				}
			}
		}
		return new ContactFacts(first.conversationId(), customer, channel, brand, offered, first.occurredAt(), queued,
				answered, abandoned, callback, answered != null || resolvedByAgent, Set.copyOf(transfers), resolved,
				reason, informational, reopened, callbackWork, Set.copyOf(teams), Set.copyOf(queues), csat, ces, events);
	}

	private static Integer score(ContactEvent e, String name, Integer earlier) {
		Object value = e.attributes().get(name);
		return value instanceof Number n ? Integer.valueOf(n.intValue()) : earlier;
	}

	boolean matches(KpiQuery query) {
		return (query.channel() == null || query.channel().equals(channel))
				&& (query.brandId() == null || query.brandId().equals(brandId))
				&& (query.teamId() == null || teams.contains(query.teamId()))
				&& (query.queue() == null || queues.contains(query.queue()));
	}

	/** When the waiting clock starts: entering the queue, or with the IVR the first event of the contact. */
	Instant waitStart(boolean includeIvr) {
		if (includeIvr) {
			return firstEventAt;
		}
		return queuedAt != null ? queuedAt : offeredAt;
	}

	static Duration between(Instant start, Instant end) {
		return Duration.between(start, end);
	}

	/** Open and with no agent at that moment: the backlog. */
	boolean openAndUnassignedAt(Instant at) {
		boolean open = false;
		boolean withAgent = false;
		for (ContactEvent e : events) {
			if (e.occurredAt().isAfter(at)) {
				break;
			}
			switch (e.type()) {
				case OFFERED, REOPENED -> open = true;
				case RESOLVED, ABANDONED, BOT_CONTAINED -> open = false;
				case ASSIGNED -> withAgent = true;
				case QUEUED -> withAgent = false;
				default -> {
				}
			}
		}
		return open && !withAgent;
	}
}
