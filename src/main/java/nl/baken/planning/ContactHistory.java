package nl.baken.planning;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.shared.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Contact volume and handle time per interval, from the contact-event log, in the shape the forecast reads:
 * {@code timestamp,count,aht_seconds} with every interval present, empty ones as 0. A contact counts in the interval
 * of its {@code offered} event; its handle time (first agent response to end of wrap-up, or to resolving when there
 * was no wrap-up, so talk or active chat time plus hold and wrap-up) counts in that same interval, unless it is
 * longer than {@link #LONGEST_HANDLING}.
 */
@Service
public class ContactHistory {

	static final ZoneId REPORTING_ZONE = ZoneId.of("Europe/Amsterdam");

	private static final Duration LONGEST = Duration.ofDays(400);

	/** Contacts offered near the end of the period are still handled after it. */
	private static final Duration HANDLING_AFTER_END = Duration.ofDays(1);

	/**
	 * Longer than this from first response to the end is not handling but waiting (an e-mail answered today and
	 * resolved after the customer's reply next week): such a contact counts, but its time does not.
	 */
	static final Duration LONGEST_HANDLING = Duration.ofHours(2);

	private static final Set<ContactEventType> READ = Set.of(ContactEventType.OFFERED, ContactEventType.QUEUED,
			ContactEventType.FIRST_AGENT_RESPONSE, ContactEventType.WRAP_UP_ENDED, ContactEventType.RESOLVED);

	private final ContactEvents events;

	ContactHistory(ContactEvents events) {
		this.events = events;
	}

	/**
	 * @param count contacts offered in the interval
	 * @param handled of those, the contacts with a measured handle time
	 * @param ahtSeconds their mean handle time, null when none was handled
	 */
	public record IntervalCount(OffsetDateTime timestamp, long count, long handled, @Nullable Double ahtSeconds) {
	}

	/** One contact while reading the log; {@code queue} is where it was first queued. */
	private static final class Contact {

		final int interval;

		String queue;

		Instant answered;

		Instant resolved;

		Instant wrappedUp;

		Contact(int interval, String queue) {
			this.interval = interval;
			this.queue = queue;
		}

		@Nullable Duration handleTime() {
			Instant end = wrappedUp != null ? wrappedUp : resolved;
			if (answered == null || end == null || end.isBefore(answered)) {
				return null;
			}
			Duration handled = Duration.between(answered, end);
			return handled.compareTo(LONGEST_HANDLING) > 0 ? null : handled;
		}
	}

	/**
	 * @param channel only contacts of this channel, or all when null
	 * @param queue only contacts first queued for this queue (team), or all when null
	 */
	public List<IntervalCount> offered(Instant from, Instant to, int intervalMinutes, @Nullable String channel,
			@Nullable String queue) {
		if (intervalMinutes != 15 && intervalMinutes != 30 && intervalMinutes != 60) {
			throw new InvalidInputException("intervalMinutes", "intervalMinutes is 15, 30 or 60");
		}
		if (!from.isBefore(to) || Duration.between(from, to).compareTo(LONGEST) > 0) {
			throw new InvalidInputException("from", "from must be before to, and the period at most 400 days");
		}
		long width = intervalMinutes * 60_000L;
		long start = Math.floorDiv(from.toEpochMilli(), width) * width;
		int intervals = (int) Math.ceilDiv(to.toEpochMilli() - start, width);
		Map<UUID, Contact> contacts = new HashMap<>();
		for (ContactEvent event : events.between(Instant.ofEpochMilli(start), to.plus(HANDLING_AFTER_END), READ)) {
			if (event.type() == ContactEventType.OFFERED) {
				if (event.occurredAt().isBefore(to) && (channel == null || channel.equals(event.channel()))) {
					int interval = (int) ((event.occurredAt().toEpochMilli() - start) / width);
					contacts.putIfAbsent(event.conversationId(), new Contact(interval, null));
				}
				continue;
			}
			Contact contact = contacts.get(event.conversationId());
			if (contact == null) {
				continue;
			}
			switch (event.type()) {
				case QUEUED -> contact.queue = contact.queue == null ? event.queue() : contact.queue;
				case FIRST_AGENT_RESPONSE -> contact.answered = contact.answered == null ? event.occurredAt()
						: contact.answered;
				case RESOLVED -> contact.resolved = contact.resolved == null ? event.occurredAt() : contact.resolved;
				case WRAP_UP_ENDED -> contact.wrappedUp = contact.wrappedUp == null ? event.occurredAt()
						: contact.wrappedUp;
				default -> {
				}
			}
		}
		long[] counts = new long[intervals];
		long[] handled = new long[intervals];
		double[] handleSeconds = new double[intervals];
		for (Contact contact : contacts.values()) {
			if (queue != null && !queue.equals(contact.queue)) {
				continue;
			}
			counts[contact.interval]++;
			Duration handleTime = contact.handleTime();
			if (handleTime != null) {
				handled[contact.interval]++;
				handleSeconds[contact.interval] += handleTime.toMillis() / 1000.0;
			}
		}
		List<IntervalCount> history = new ArrayList<>(intervals);
		for (int i = 0; i < intervals; i++) {
			history.add(new IntervalCount(
					OffsetDateTime.ofInstant(Instant.ofEpochMilli(start + i * width), REPORTING_ZONE), counts[i],
					handled[i], handled[i] == 0 ? null : handleSeconds[i] / handled[i]));
		}
		return history;
	}
}
