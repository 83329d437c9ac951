package nl.baken.routing;

import java.time.Instant;
import java.util.UUID;

/**
 * A callback and its promise. {@code status}: scheduled (waits for its time or next attempt), queued (routed work),
 * connected, failed, cancelled (its conversation closed first), or linked (a second request while {@code linkedTo} was
 * pending). {@code promise}: kept (connected within the promised window), broken (connected outside it, failed, or not
 * connected when the window passed), open, cancelled (closed within the window) or linked: KPI-DEFINITIONS' "connected
 * within the promised window".
 */
public record CallbackView(UUID id, UUID customerId, String phone, String kind, String origin, String reason,
		String topic, int urgency, String language, String brandId, String status, Instant promisedFrom,
		Instant promisedTo, Instant dueAt, int attempts, String outcome, UUID linkedTo, UUID conversationId,
		Instant requestedAt, Instant firstAttemptAt, Instant endedAt, String promise) {

	/**
	 * The promise of a callback in this status: kept when connected ({@code endedAt}) within the promised window;
	 * broken when connected outside it, failed, or not connected by the window's end; a callback cancelled within the
	 * window made no promise to keep, one cancelled after it had already broken it. The desk and the KPI both ask here.
	 */
	public static String promise(String status, Instant promisedFrom, Instant promisedTo, Instant endedAt, Instant now) {
		return switch (status) {
			case "linked" -> status;
			case "connected" -> endedAt.isBefore(promisedFrom) || endedAt.isAfter(promisedTo) ? "broken" : "kept";
			case "failed" -> "broken";
			case "cancelled" -> endedAt.isAfter(promisedTo) ? "broken" : status;
			default -> now.isAfter(promisedTo) ? "broken" : "open";
		};
	}

	/**
	 * Whether the request came from a page anyone can fill in with any number (the widget, the contact page). Such a
	 * request, linked to a pending callback, is not told that callback's time: it is the number owner's business.
	 */
	public boolean askedByAnyone() {
		return "widget".equals(origin) || "contact_page".equals(origin);
	}
}
