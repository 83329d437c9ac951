package nl.baken.planning;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.shared.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * Contact volume per interval, counted from the contact-event log (one contact per {@code offered} event), in the
 * shape the forecast reads: {@code timestamp,count} with every interval present, empty ones as 0.
 */
@Service
public class ContactHistory {

	static final ZoneId REPORTING_ZONE = ZoneId.of("Europe/Amsterdam");

	private static final Duration LONGEST = Duration.ofDays(400);

	private final ContactEvents events;

	ContactHistory(ContactEvents events) {
		this.events = events;
	}

	public record IntervalCount(OffsetDateTime timestamp, long count) {
	}

	public List<IntervalCount> offered(Instant from, Instant to, int intervalMinutes, String channel) {
		if (intervalMinutes != 15 && intervalMinutes != 30 && intervalMinutes != 60) {
			throw new InvalidInputException("intervalMinutes", "intervalMinutes is 15, 30 or 60");
		}
		if (!from.isBefore(to) || Duration.between(from, to).compareTo(LONGEST) > 0) {
			throw new InvalidInputException("from", "from must be before to, and the period at most 400 days");
		}
		long width = intervalMinutes * 60_000L;
		long start = Math.floorDiv(from.toEpochMilli(), width) * width;
		int intervals = (int) Math.ceilDiv(to.toEpochMilli() - start, width);
		long[] counts = new long[intervals];
		for (ContactEvent event : events.between(Instant.ofEpochMilli(start), to, Set.of(ContactEventType.OFFERED))) {
			if (channel == null || channel.equals(event.channel())) {
				counts[(int) ((event.occurredAt().toEpochMilli() - start) / width)]++;
			}
		}
		List<IntervalCount> history = new ArrayList<>(intervals);
		for (int i = 0; i < intervals; i++) {
			history.add(new IntervalCount(
					OffsetDateTime.ofInstant(Instant.ofEpochMilli(start + i * width), REPORTING_ZONE), counts[i]));
		}
		return history;
	}
}
