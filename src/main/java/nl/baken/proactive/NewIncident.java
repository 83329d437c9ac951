package nl.baken.proactive;

import java.time.Instant;

/** What a person (or a rule) declares: a title and a first status in Dutch and English, and the audience. */
public record NewIncident(String brandId, IncidentKind kind, String titleNl, String titleEn, String statusNl,
		String statusEn, Instant expectedEnd, IncidentAudience audience) {
}
