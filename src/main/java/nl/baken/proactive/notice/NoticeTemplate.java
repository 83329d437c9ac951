package nl.baken.proactive.notice;

import java.time.Instant;
import java.util.List;

/**
 * One wording of a notification kind for one channel ({@link #ANY} = every channel without its own) and language.
 * For WhatsApp, {@code providerTemplate} is the name of the template approved at Meta and {@code providerParameters}
 * the placeholders that fill its body parameters, in order; {@code body} is what agents read in the conversation.
 */
record NoticeTemplate(String name, String channel, String language, String subject, String body,
		String providerTemplate, List<String> providerParameters, Instant updatedAt, String updatedBy) {

	static final String ANY = "any";

	NoticeTemplate {
		providerParameters = providerParameters == null ? List.of() : List.copyOf(providerParameters);
	}
}
