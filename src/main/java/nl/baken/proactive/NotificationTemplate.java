package nl.baken.proactive;

import java.time.Instant;
import java.util.List;

/**
 * One wording of a notification (such as {@code incident-update}) for one channel ({@link #ANY} = every channel
 * without its own) and language ({@code nl}, {@code en}); texts use {@code {{placeholder}}}s of the notification.
 * For WhatsApp, {@code providerTemplate} is the name of the template approved at Meta and {@code providerParameters}
 * the placeholders that fill its body parameters, in order; {@code body} is what agents read in the conversation.
 * {@code updatedAt} and {@code updatedBy} are set when it is saved.
 */
public record NotificationTemplate(String name, String channel, String language, String subject, String body,
		String providerTemplate, List<String> providerParameters, Instant updatedAt, String updatedBy) {

	public static final String ANY = "any";

	public NotificationTemplate {
		providerParameters = providerParameters == null ? List.of() : List.copyOf(providerParameters);
	}
}
