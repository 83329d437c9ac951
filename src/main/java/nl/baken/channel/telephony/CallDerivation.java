package nl.baken.channel.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ConversationStatus;

/**
 * Turns the raw events of one call, in whatever order they arrived, into the contact events the KPIs read and into
 * the call's summary. Pure: the same events give the same result, so it is recomputed on every arrival and only what
 * is new is written. Each contact event is stamped with the time its raw event happened, and the KPIs read the log in
 * time order; so an {@code ended} that arrives before its {@code answered} first looks like an abandon, and once the
 * answer arrives its earlier first agent response decides (an abandon after an answer does not count), and the call
 * is resolved. A call whose system reports no {@code offered} is offered at its earliest event; a call has one offer,
 * so the system's own {@code offered} arriving after that is not written again ({@link TelephonyEvents}).
 */
final class CallDerivation {

	static final Comparator<CallEvent> IN_TIME = Comparator.comparing(CallEvent::occurredAt)
		.thenComparing(e -> e.type().ordinal())
		.thenComparing(CallEvent::eventId);

	enum Who {
		CUSTOMER, AGENT, SYSTEM
	}

	/** A contact event to write once; {@code key} names it among the call's derived events. */
	record Derived(String key, Instant at, ContactEventType type, Who who, String agent, String queue,
			Map<String, Object> attributes) {
	}

	/** The call in numbers; durations in seconds, null when the call did not have that part (yet). */
	record Summary(String outcome, Instant startedAt, Instant answeredAt, Instant endedAt, String agent, String queue,
			Double ivrSeconds, Double queueSeconds, Double talkSeconds, Double holdSeconds, ConversationStatus status) {
	}

	private CallDerivation() {
	}

	static List<Derived> derive(List<CallEvent> raw) {
		List<CallEvent> events = raw.stream().sorted(IN_TIME).toList();
		List<Derived> derived = new ArrayList<>();
		boolean offered = false;
		boolean inIvr = false;
		boolean queued = false;
		boolean answered = false;
		boolean closed = false;
		String queue = null;
		String agent = null;
		String ringing = null;
		for (CallEvent e : events) {
			String id = e.eventId();
			switch (e.type()) {
				case OFFERED -> {
					if (!offered) {
						offered = true;
						derived.add(new Derived("offered:" + id, e.occurredAt(), ContactEventType.OFFERED, Who.CUSTOMER,
								null, null, attributes(e, "callId", e.callId())));
					}
				}
				case IVR_ENTERED -> {
					inIvr = true;
					derived.add(new Derived("ivr_entered:" + id, e.occurredAt(), ContactEventType.IVR_ENTERED,
							Who.CUSTOMER, null, null, attributes(e, "menu", e.menu())));
				}
				case IVR_OPTION_CHOSEN -> derived.add(new Derived("ivr_option:" + id, e.occurredAt(),
						ContactEventType.IVR_OPTION_CHOSEN, Who.CUSTOMER, null, null,
						attributes(e, "menu", e.menu(), "option", e.option())));
				case IVR_LEFT -> {
					if (inIvr) {
						inIvr = false;
						derived.add(new Derived("ivr_left:" + id, e.occurredAt(), ContactEventType.IVR_LEFT, Who.SYSTEM,
								null, null, attributes(e)));
					}
				}
				case QUEUED -> {
					if (inIvr) {
						inIvr = false;
						derived.add(new Derived("ivr_left:" + id, e.occurredAt(), ContactEventType.IVR_LEFT, Who.SYSTEM,
								null, null, attributes(e)));
					}
					queued = true;
					queue = e.queue();
					ringing = null;
					derived.add(new Derived("queued:" + id, e.occurredAt(), ContactEventType.QUEUED, Who.SYSTEM, null,
							queue, attributes(e)));
				}
				case RINGING -> {
					ringing = e.agent();
					derived.add(new Derived("assigned:" + id, e.occurredAt(), ContactEventType.ASSIGNED, Who.SYSTEM,
							null, queue, attributes(e, "agent", e.agent(), "ringing", true)));
				}
				case ANSWERED -> {
					if (inIvr) {
						inIvr = false;
						derived.add(new Derived("ivr_left:" + id, e.occurredAt(), ContactEventType.IVR_LEFT, Who.SYSTEM,
								null, null, attributes(e)));
					}
					if (!e.agent().equals(ringing)) {
						derived.add(new Derived("assigned:" + id, e.occurredAt(), ContactEventType.ASSIGNED, Who.AGENT,
								e.agent(), queue, attributes(e, "agent", e.agent())));
					}
					if (!answered) {
						answered = true;
						derived.add(new Derived("answered:" + id, e.occurredAt(), ContactEventType.FIRST_AGENT_RESPONSE,
								Who.AGENT, e.agent(), queue, attributes(e, "agent", e.agent())));
					}
					agent = e.agent();
				}
				case TRANSFERRED -> {
					String from = e.agent() != null ? e.agent() : agent;
					derived.add(new Derived("transferred:" + id, e.occurredAt(), ContactEventType.TRANSFERRED,
							from == null ? Who.SYSTEM : Who.AGENT, from, queue,
							attributes(e, "fromAgent", String.valueOf(from), "toAgent", String.valueOf(e.toAgent()),
									"toTeam", String.valueOf(e.toQueue()), "level", e.toQueue() != null ? "team" : "agent",
									"reason", e.reason() != null ? e.reason() : "transferred by the telephony system")));
					if (e.toAgent() != null) {
						agent = e.toAgent();
					}
				}
				case ABANDONED -> {
					if (!answered && !closed) {
						closed = true;
						derived.add(new Derived("abandoned:" + id, e.occurredAt(), ContactEventType.ABANDONED,
								Who.CUSTOMER, null, e.queue() != null ? e.queue() : queue, attributes(e)));
					}
				}
				case CALLBACK_REQUESTED -> derived.add(new Derived("callback:" + id, e.occurredAt(),
						ContactEventType.CALLBACK_REQUESTED, Who.CUSTOMER, null, e.queue() != null ? e.queue() : queue,
						attributes(e)));
				case ENDED -> {
					if (closed) {
						continue;
					}
					closed = true;
					boolean callback = events.stream().anyMatch(c -> c.type() == CallEventType.CALLBACK_REQUESTED);
					if (answered) {
						derived.add(new Derived("ended:answered", e.occurredAt(), ContactEventType.RESOLVED, Who.SYSTEM,
								null, queue, attributes(e, "outcome", "answered")));
					}
					else if (callback) {
						derived.add(new Derived("ended:callback", e.occurredAt(), ContactEventType.RESOLVED, Who.SYSTEM,
								null, queue, attributes(e, "outcome", "callback")));
					}
					else if (queued) {
						// hung up while waiting, without the system reporting an abandon of its own
						derived.add(new Derived("ended:abandoned", e.occurredAt(), ContactEventType.ABANDONED,
								Who.CUSTOMER, null, queue, attributes(e, "outcome", "abandoned")));
					}
					else {
						derived.add(new Derived("ended:ivr", e.occurredAt(), ContactEventType.RESOLVED, Who.SYSTEM, null,
								null, attributes(e, "outcome", inIvr ? "ivr" : "ended")));
					}
				}
				case HOLD_STARTED, HOLD_ENDED -> {
					// part of the handle time in the call's summary; no contact event of its own
				}
			}
		}
		if (!offered && !events.isEmpty()) {
			// a telephony system that reports no offer still had the call: without one the KPIs would not count it
			CallEvent first = events.getFirst();
			derived.addFirst(new Derived("offered", first.occurredAt(), ContactEventType.OFFERED, Who.CUSTOMER, null,
					null, attributes(first, "implied", true)));
		}
		return derived;
	}

	static Summary summarise(List<CallEvent> raw) {
		List<CallEvent> events = raw.stream().sorted(IN_TIME).toList();
		Instant started = events.isEmpty() ? null : events.getFirst().occurredAt();
		Instant ivrStart = null;
		Instant ivrEnd = null;
		Instant queuedAt = null;
		Instant queueEnd = null;
		Instant answeredAt = null;
		Instant endedAt = null;
		Instant holdStart = null;
		Duration hold = Duration.ZERO;
		boolean abandoned = false;
		boolean callback = false;
		boolean ringing = false;
		String agent = null;
		String queue = null;
		for (CallEvent e : events) {
			Instant at = e.occurredAt();
			switch (e.type()) {
				case IVR_ENTERED -> ivrStart = ivrStart == null ? at : ivrStart;
				case IVR_LEFT -> ivrEnd = ivrStart != null && ivrEnd == null ? at : ivrEnd;
				case QUEUED -> {
					queuedAt = queuedAt == null ? at : queuedAt;
					queue = e.queue();
				}
				case RINGING -> {
					ringing = true;
					agent = e.agent();
				}
				case ANSWERED -> {
					answeredAt = answeredAt == null ? at : answeredAt;
					agent = e.agent();
				}
				case HOLD_STARTED -> holdStart = holdStart == null ? at : holdStart;
				case HOLD_ENDED -> {
					if (holdStart != null) {
						hold = hold.plus(Duration.between(holdStart, at));
						holdStart = null;
					}
				}
				case TRANSFERRED -> {
					agent = e.toAgent() != null ? e.toAgent() : agent;
					queue = e.toQueue() != null ? e.toQueue() : queue;
				}
				case ABANDONED -> abandoned = abandoned || answeredAt == null;
				case CALLBACK_REQUESTED -> callback = true;
				case ENDED -> endedAt = endedAt == null ? at : endedAt;
				case OFFERED -> {
				}
			}
			if (ivrStart != null && ivrEnd == null && at.isAfter(ivrStart) && e.type() != CallEventType.IVR_ENTERED
					&& e.type() != CallEventType.IVR_OPTION_CHOSEN) {
				ivrEnd = at;
			}
			if (queuedAt != null && queueEnd == null && !at.isBefore(queuedAt)
					&& switch (e.type()) {
						case ANSWERED, ABANDONED, CALLBACK_REQUESTED, ENDED -> true;
						default -> false;
					}) {
				queueEnd = at;
			}
		}
		if (holdStart != null && endedAt != null) {
			hold = hold.plus(Duration.between(holdStart, endedAt));
		}
		String outcome = answeredAt != null ? "answered"
				: abandoned ? "abandoned" : callback ? "callback" : endedAt == null ? "in progress"
						: queuedAt != null ? "abandoned" : "ended in IVR";
		ConversationStatus status;
		if (endedAt != null || abandoned) {
			status = answeredAt != null ? ConversationStatus.RESOLVED : ConversationStatus.CLOSED;
		}
		else if (answeredAt != null || ringing) {
			status = ConversationStatus.ASSIGNED;
		}
		else {
			status = queuedAt == null && ivrStart != null ? ConversationStatus.BOT : ConversationStatus.QUEUED;
		}
		Double talk = answeredAt != null && endedAt != null
				? seconds(Duration.between(answeredAt, endedAt).minus(hold)) : null;
		return new Summary(outcome, started, answeredAt, endedAt, agent, queue,
				ivrStart != null && ivrEnd != null ? seconds(Duration.between(ivrStart, ivrEnd)) : null,
				queuedAt != null && queueEnd != null ? seconds(Duration.between(queuedAt, queueEnd)) : null, talk,
				hold.isZero() && holdStart == null ? (answeredAt != null ? 0.0 : null) : seconds(hold), status);
	}

	private static Double seconds(Duration d) {
		return d.toMillis() / 1000.0;
	}

	/** The event's own ids plus the given name/value pairs, leaving out absent values. */
	private static Map<String, Object> attributes(CallEvent e, Object... pairs) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("callId", e.callId());
		attributes.put("callEventId", e.eventId());
		for (int i = 0; i + 1 < pairs.length; i += 2) {
			if (pairs[i + 1] != null) {
				attributes.put((String) pairs[i], pairs[i + 1]);
			}
		}
		return attributes;
	}
}
