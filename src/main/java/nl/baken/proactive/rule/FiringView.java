package nl.baken.proactive.rule;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * One stored firing: the rule held for {@code key} from {@code episodeStart} until {@code firedAt}; what it saw, in
 * Dutch and English; the state of its actions ({@code pending}, {@code running}, {@code done}) and their outcome.
 */
public record FiringView(UUID id, UUID ruleId, String ruleName, String key, Instant episodeStart, Instant firedAt,
		UUID customerId, String summaryNl, String summaryEn, String actionState, String outcome) {

	public String summary(Locale locale) {
		return "nl".equals(locale.getLanguage()) ? summaryNl : summaryEn;
	}
}
