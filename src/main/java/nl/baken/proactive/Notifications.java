package nl.baken.proactive;

import java.util.List;

/**
 * Sends proactive messages to customers on their own channel. Implementations choose the channel from the
 * customer's preference and consent, respect quiet hours and volume limits (deferring, never dropping silently)
 * and send at most one message per customer per {@link Notice#onceKey()}.
 */
public interface Notifications {

	/** Queues one notice per customer; returns per customer whether it was queued or why not. */
	List<NoticeResult> send(Notice notice);

	/** What happened to the notices of one topic (an incident, a rule) so far. */
	NoticeCounts counts(String topic);
}
