package nl.baken.channel;

import java.util.List;
import java.util.UUID;

/**
 * Outbound messages that go out as a provider's approved template rather than as free text: what WhatsApp requires
 * for a message the business starts (outside the 24-hour window). One bean per channel that has them.
 */
public interface ProviderTemplates {

	/** The channel whose adapter sends these templates, e.g. {@code whatsapp}. */
	String channel();

	/**
	 * In the transaction that stores message {@code messageId}, before it is enqueued: the adapter sends it as the
	 * approved template {@code name} in {@code language} with these body parameters, in order.
	 */
	void attach(UUID messageId, String name, String language, List<String> parameters);
}
