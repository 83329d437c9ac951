package nl.baken.channel.whatsapp;

import java.time.Duration;
import java.time.Instant;

/**
 * WhatsApp's customer-service window: a business may send free-form messages for 24 hours after the customer's last
 * message; outside it only approved templates go out (Meta refuses anything else with error 131047).
 */
public final class ServiceWindow {

	static final Duration LENGTH = Duration.ofHours(24);

	static final String REFUSAL = "Outside WhatsApp's 24-hour customer-service window: the customer's last message is"
			+ " more than 24 hours old (or there is none), so only an approved template can be sent";

	private ServiceWindow() {
	}

	/** Whether a free-form message may go out at {@code at}, given the customer's last message time (or null). */
	public static boolean open(Instant lastInboundAt, Instant at) {
		return lastInboundAt != null && Duration.between(lastInboundAt, at).compareTo(LENGTH) < 0;
	}
}
