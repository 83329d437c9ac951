package nl.baken.proactive;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An incident with every status update it had (numbered from 1, the declaration). {@code open} until it is ended;
 * the last update is the current status.
 */
public record Incident(UUID id, String brandId, IncidentKind kind, String titleNl, String titleEn,
		IncidentAudience audience, boolean open, Instant startedAt, Instant endedAt, String createdBy,
		List<Update> updates) {

	public record Update(int seq, String statusNl, String statusEn, Instant expectedEnd, Instant postedAt,
			String postedBy, int audienceSize) {

		public String status(String language) {
			return "en".equals(language) ? statusEn : statusNl;
		}
	}

	public Update current() {
		return updates.getLast();
	}

	public String title(String language) {
		return "en".equals(language) ? titleEn : titleNl;
	}

	/** The topic its notices are counted under. */
	public String topic() {
		return topic(id);
	}

	public static String topic(UUID id) {
		return "incident:" + id;
	}

	/** Makes a second send of the same update to the same customer a no-op. */
	public static String onceKey(UUID id, int seq) {
		return "incident:" + id + ":update:" + seq;
	}
}
