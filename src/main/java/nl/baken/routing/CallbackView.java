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
	 * Whether the request came from a page anyone can fill in with any number (the widget, the contact page). Such a
	 * request, linked to a pending callback, is not told that callback's time: it is the number owner's business.
	 */
	public boolean askedByAnyone() {
		return "widget".equals(origin) || "contact_page".equals(origin);
	}
}
