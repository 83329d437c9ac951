package nl.baken.conversation;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How far an outbound message got. Providers report out of order (a "read" can overtake "delivered"), so a status
 * only ever moves up this list; {@code FAILED} is final once the channel gave up or the provider refused.
 */
public enum DeliveryStatus {

	PENDING, SENT, DELIVERED, READ, FAILED;

	@JsonValue
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static DeliveryStatus fromCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

	/** Whether a report of {@code next} may replace this status. */
	public boolean canMoveTo(DeliveryStatus next) {
		if (this == FAILED || next == this) {
			return false;
		}
		// a provider's "failed" can follow "sent" (WhatsApp reports undeliverable later), never a "read"
		return next == FAILED ? this != READ : next.ordinal() > ordinal();
	}
}
