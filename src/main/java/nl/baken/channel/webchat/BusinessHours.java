package nl.baken.channel.webchat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * When the chat is staffed: a weekly schedule in one time zone. Whether an agent is free right now is not known to
 * the channel yet (presence and routing are their own work), so opening hours alone decide what the widget offers.
 */
final class BusinessHours {

	private final ZoneId zone;

	private final Map<DayOfWeek, List<Range>> week = new EnumMap<>(DayOfWeek.class);

	record Range(LocalTime from, LocalTime to, boolean untilMidnight) {

		boolean contains(LocalTime time) {
			return !time.isBefore(from) && (untilMidnight || time.isBefore(to));
		}
	}

	BusinessHours(ZoneId zone, Map<String, String> schedule) {
		this.zone = zone;
		schedule.forEach((day, ranges) -> week.put(day(day), parse(day, ranges)));
	}

	ZoneId zone() {
		return zone;
	}

	boolean openAt(Instant at) {
		ZonedDateTime local = at.atZone(zone);
		return week.getOrDefault(local.getDayOfWeek(), List.of())
			.stream()
			.anyMatch(range -> range.contains(local.toLocalTime()));
	}

	private static DayOfWeek day(String name) {
		try {
			return DayOfWeek.valueOf(name.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("baken.channels.webchat.hours.week: '" + name + "' is not a day of the week");
		}
	}

	private static List<Range> parse(String day, String ranges) {
		List<Range> parsed = new ArrayList<>();
		if (ranges == null || ranges.isBlank() || ranges.strip().equalsIgnoreCase("closed")) {
			return parsed;
		}
		for (String range : ranges.split(",")) {
			String[] ends = range.strip().split("-");
			if (ends.length != 2) {
				throw new IllegalArgumentException("baken.channels.webchat.hours.week." + day + ": '" + range
						+ "' is not a range like 08:00-18:00");
			}
			boolean midnight = ends[1].strip().equals("24:00");
			LocalTime from = LocalTime.parse(ends[0].strip());
			LocalTime to = midnight ? LocalTime.MAX : LocalTime.parse(ends[1].strip());
			if (!to.isAfter(from)) {
				throw new IllegalArgumentException("baken.channels.webchat.hours.week." + day + ": '" + range
						+ "' ends before it starts");
			}
			parsed.add(new Range(from, to, midnight));
		}
		return parsed;
	}
}
