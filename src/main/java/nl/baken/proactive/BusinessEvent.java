package nl.baken.proactive;

import java.time.Instant;
import java.util.Map;

/**
 * One fact from a business system, as sent to the event intake. {@code id} is the sender's event id: the same id
 * sent again is the same event. {@code type} is one of {@link BusinessEventType}'s codes; {@code data} holds what
 * that type's schema names (for {@code device.telemetry}: {@code metric}, {@code value}, {@code unit}).
 */
public record BusinessEvent(String id, String type, Instant occurredAt, EventSubject subject, Map<String, Object> data) {

	/**
	 * What the event is about. Every field may be null; the customer fields are matched against the customer's
	 * identities (e-mail, phone, external id of the sending system).
	 */
	public record EventSubject(String customerEmail, String customerPhone, String customerExternalId, String orderId,
			String parcelId, String deviceId, String postcode, String product) {
	}
}
