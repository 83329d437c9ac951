package nl.baken.channel.telephony;

import java.time.Instant;

/**
 * One event of a call as the telephony system reported it. {@code callId} groups a call's events, {@code eventId}
 * makes each one idempotent; {@code caller} is the caller's number (or {@code anonymous}). The other fields belong to
 * some types only: {@code queue} (queued, abandoned), {@code agent} (ringing, answered, hold, transferred),
 * {@code menu}/{@code option} (IVR), {@code toQueue}/{@code toAgent} (transferred), {@code reason}
 * (transferred, ended), {@code brand} (any; the first one seen counts).
 */
record CallEvent(String callId, String eventId, CallEventType type, Instant occurredAt, String caller, String brand,
		String queue, String agent, String menu, String option, String toQueue, String toAgent, String reason) {
}
