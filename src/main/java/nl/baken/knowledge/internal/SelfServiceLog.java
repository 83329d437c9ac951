package nl.baken.knowledge.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.knowledge.Articles;
import nl.baken.shared.Actor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What readers do in the help center and on the contact page, as contact events for the self-service KPIs. These
 * readers are anonymous: there is no conversation and no customer, so the visitor's session id travels in the
 * attributes (one session = one self-service visit).
 */
@Component
public class SelfServiceLog {

	public static final String HELP_CENTER = "help_center";

	public static final String CONTACT_PAGE = "contact_page";

	private final ContactEvents events;

	private final Clock clock;

	private final Articles articles;

	SelfServiceLog(ContactEvents events, Articles articles, Clock clock) {
		this.events = events;
		this.articles = articles;
		this.clock = clock;
	}

	@Transactional
	public void viewed(UUID articleId, String language, String session, boolean fromContactPage) {
		append(HELP_CENTER, ContactEventType.ARTICLE_VIEWED, session,
				Map.of("articleId", articleId.toString(), "language", language));
		if (fromContactPage) {
			append(CONTACT_PAGE, ContactEventType.SUGGESTION_OPENED, session,
					Map.of("articleId", articleId.toString(), "language", language));
		}
	}

	/** The answer to "did this help?", stored with the article (for editors) and logged (for the KPIs) at once. */
	@Transactional
	public void helpful(UUID articleId, String language, String session, boolean helpful, String comment,
			String channel) {
		articles.recordFeedback(articleId, helpful, comment);
		append(channel, ContactEventType.ARTICLE_HELPFUL, session,
				Map.of("articleId", articleId.toString(), "language", language, "helpful", helpful));
	}

	@Transactional
	public void suggestionsShown(List<UUID> articleIds, String language, String session) {
		append(CONTACT_PAGE, ContactEventType.SUGGESTION_SHOWN, session, Map.of("articleIds",
				articleIds.stream().map(UUID::toString).toList(), "language", language));
	}

	@Transactional
	public void contactedAnyway(String topic, String channel, String language, String session) {
		append(CONTACT_PAGE, ContactEventType.CONTACTED_ANYWAY, session,
				Map.of("topic", topic, "contactChannel", channel, "language", language));
	}

	private void append(String channel, ContactEventType type, String session, Map<String, Object> attributes) {
		Map<String, Object> all = new HashMap<>(attributes);
		all.put("session", session);
		events.append(clock.instant(), null, null, channel, type, Actor.customer(null), null, null, null, all);
	}
}
