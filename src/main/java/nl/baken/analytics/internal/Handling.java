package nl.baken.analytics.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.shared.Actor;

/**
 * When agents were handling one contact, read from its events: the one place that decides what handle time is, for
 * the handle-time KPI and for occupancy. A call is handled from the answer (after a transfer through the queue,
 * which keeps it connected, from its assignment to the next agent), a written contact from its assignment;
 * handling ends at resolve, transfer, a return to the queue or an abandon, and goes on until wrap-up ends when one is
 * logged. For written contacts the time between an agent's reply and the customer's next message is waiting for the
 * customer, and is left out when asked.
 */
final class Handling {

	static final String PHONE = "phone";

	/** An agent working on the contact in [start, end). */
	record Busy(String agentId, Instant start, Instant end) {

		Duration duration() {
			return Duration.between(start, end);
		}
	}

	private Handling() {
	}

	/**
	 * @param events the contact's events, in time order
	 * @param openUntil where a contact still being handled stops counting (now, or the end of a period)
	 */
	static List<Busy> busy(String channel, List<ContactEvent> events, boolean excludeCustomerWait, Instant openUntil) {
		boolean call = PHONE.equals(channel);
		List<Busy> held = new ArrayList<>();
		List<Busy> waits = new ArrayList<>();
		String agent = null;
		String lastAgent = null;
		Instant start = null;
		Instant waitingSince = null;
		Instant resolvedAt = null;
		boolean answered = false;
		for (ContactEvent e : events) {
			Instant at = e.occurredAt();
			switch (e.type()) {
				case ASSIGNED -> {
					if (start != null) {
						held.add(new Busy(agent, start, at));
					}
					Object to = e.attributes().get("agent");
					agent = to != null ? to.toString() : agentOf(e);
					start = call && !answered ? null : at;
					resolvedAt = null;
				}
				case FIRST_AGENT_RESPONSE, CALLBACK_CONNECTED -> {
					answered = true;
					if (agent == null) {
						agent = agentOf(e);
					}
					if (start == null && agent != null) {
						start = at;
					}
				}
				case MESSAGE_SENT -> {
					if (!call && waitingSince == null && e.actor().kind() == Actor.Kind.AGENT) {
						waitingSince = at;
					}
				}
				case MESSAGE_RECEIVED -> {
					if (waitingSince != null) {
						waits.add(new Busy(null, waitingSince, at));
						waitingSince = null;
					}
				}
				case TRANSFERRED, QUEUED, ABANDONED, RESOLVED -> {
					if (start != null) {
						held.add(new Busy(agent, start, at));
					}
					if (waitingSince != null) {
						waits.add(new Busy(null, waitingSince, at));
						waitingSince = null;
					}
					lastAgent = agent != null ? agent : lastAgent;
					resolvedAt = e.type() == ContactEventType.RESOLVED ? at : null;
					agent = null;
					start = null;
					// a call transferred through the queue stays connected: its next agent handles it from assignment
					answered = answered && (e.type() != ContactEventType.QUEUED
							|| "transfer".equals(e.attributes().get("after")));
				}
				case WRAP_UP_ENDED -> {
					String who = agentOf(e) != null ? agentOf(e) : lastAgent;
					if (resolvedAt != null && who != null && at.isAfter(resolvedAt)) {
						held.add(new Busy(who, resolvedAt, at));
						resolvedAt = at;
					}
				}
				default -> {
				}
			}
		}
		if (start != null && openUntil.isAfter(start)) {
			held.add(new Busy(agent, start, openUntil));
		}
		if (waitingSince != null && openUntil.isAfter(waitingSince)) {
			waits.add(new Busy(null, waitingSince, openUntil));
		}
		return excludeCustomerWait ? minus(held, waits) : held.stream().filter(b -> b.end().isAfter(b.start())).toList();
	}

	private static String agentOf(ContactEvent e) {
		return e.actor().kind() == Actor.Kind.AGENT ? e.actor().id() : null;
	}

	/** The parts of each interval that are in none of the gaps. */
	static List<Busy> minus(List<Busy> intervals, List<Busy> gaps) {
		List<Busy> sortedGaps = gaps.stream().sorted(Comparator.comparing(Busy::start)).toList();
		List<Busy> result = new ArrayList<>();
		for (Busy b : intervals) {
			Instant from = b.start();
			for (Busy gap : sortedGaps) {
				if (!gap.end().isAfter(from) || !gap.start().isBefore(b.end())) {
					continue;
				}
				if (gap.start().isAfter(from)) {
					result.add(new Busy(b.agentId(), from, gap.start()));
				}
				from = gap.end().isAfter(from) ? gap.end() : from;
			}
			if (b.end().isAfter(from)) {
				result.add(new Busy(b.agentId(), from, b.end()));
			}
		}
		return result;
	}

	/** The length of the union of the intervals, clipped to [from, to). */
	static Duration union(List<Busy> intervals, Instant from, Instant to) {
		List<Busy> sorted = intervals.stream().sorted(Comparator.comparing(Busy::start)).toList();
		Duration total = Duration.ZERO;
		Instant covered = from;
		for (Busy b : sorted) {
			Instant start = b.start().isAfter(covered) ? b.start() : covered;
			Instant end = b.end().isBefore(to) ? b.end() : to;
			if (end.isAfter(start)) {
				total = total.plus(Duration.between(start, end));
				covered = end;
			}
		}
		return total;
	}

	/** The intervals cut to the parts inside any of {@code within}. */
	static List<Busy> intersect(List<Busy> intervals, List<Busy> within) {
		List<Busy> result = new ArrayList<>();
		for (Busy b : intervals) {
			for (Busy w : within) {
				Instant start = b.start().isAfter(w.start()) ? b.start() : w.start();
				Instant end = b.end().isBefore(w.end()) ? b.end() : w.end();
				if (end.isAfter(start)) {
					result.add(new Busy(b.agentId(), start, end));
				}
			}
		}
		return result;
	}
}
