package nl.baken.routing;

/**
 * What a bot, phone menu, contact page or agent learned about a waiting contact; each field is optional.
 * {@code urgency} 0-3; {@code segment} a customer segment with a configured head start (e.g. {@code vip}).
 */
public record Classification(String topic, String reasonId, String ivrOption, Integer urgency, String segment) {
}
