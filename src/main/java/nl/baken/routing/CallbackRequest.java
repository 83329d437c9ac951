package nl.baken.routing;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer asks to be called back. {@code kind}: {@code in_queue} (as soon as they would have been answered,
 * keeping the place of {@code conversationId} when that contact waits in the queue) or {@code scheduled}
 * ({@code slotStart} is one of the offered slots). {@code origin}: widget, contact_page, ivr or api.
 */
public record CallbackRequest(String phone, String kind, String origin, String reason, String topic, Integer urgency,
		String language, String brandId, Instant slotStart, UUID conversationId) {
}
