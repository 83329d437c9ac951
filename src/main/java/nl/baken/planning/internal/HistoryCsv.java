package nl.baken.planning.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import nl.baken.shared.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * Reads interval history {@code timestamp,count[,aht_seconds]} (header optional) into a regular series. Rows are
 * added up per interval, so raw per-contact rows work too; intervals without a row count as zero contacts. Times
 * with an offset ({@code 2026-01-05T08:00:00Z}) keep that offset in the output; seasonality is by the clock time of
 * that offset.
 */
public final class HistoryCsv {

	/**
	 * @param series contacts per interval
	 * @param offset the offset the timestamps carried, or null for local date-times
	 * @param ahtSeconds contact-weighted mean handle time over rows that had one, or null
	 */
	public record History(Forecaster.Series series, @Nullable ZoneOffset offset, @Nullable Double ahtSeconds) {

		public String format(LocalDateTime time) {
			return offset == null ? time.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
					: time.atOffset(offset).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
		}
	}

	private HistoryCsv() {
	}

	/** @param intervalMinutes the interval, or null to infer it from the smallest gap between timestamps */
	public static History read(List<String> lines, @Nullable Integer intervalMinutes) {
		TreeMap<LocalDateTime, double[]> rows = new TreeMap<>();
		ZoneOffset offset = null;
		boolean local = false;
		int number = 0;
		for (String raw : lines) {
			number++;
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String[] cells = line.split("[,;]");
			if (number == 1 && cells[0].strip().toLowerCase(Locale.ROOT).startsWith("timestamp")) {
				continue;
			}
			if (cells.length < 2 || cells.length > 3) {
				throw new InvalidInputException("line " + number, "line " + number
						+ ": expected timestamp,count[,aht_seconds]");
			}
			String text = cells[0].strip();
			LocalDateTime time;
			try {
				OffsetDateTime withOffset = OffsetDateTime.parse(text.replace(' ', 'T'));
				if (offset != null && !offset.equals(withOffset.getOffset()) || local) {
					throw new InvalidInputException("line " + number, "line " + number
							+ ": all timestamps need the same offset");
				}
				offset = withOffset.getOffset();
				time = withOffset.toLocalDateTime();
			}
			catch (DateTimeParseException e) {
				try {
					time = LocalDateTime.parse(text.replace(' ', 'T'));
				}
				catch (DateTimeParseException again) {
					throw new InvalidInputException("line " + number, "line " + number + ": '" + text
							+ "' is not an ISO-8601 date-time such as 2026-01-05T08:00:00Z");
				}
				if (offset != null) {
					throw new InvalidInputException("line " + number, "line " + number
							+ ": all timestamps need the same offset");
				}
				local = true;
			}
			double count = number(cells[1], number, "count");
			double aht = cells.length == 3 && !cells[2].isBlank() ? number(cells[2], number, "aht_seconds") : Double.NaN;
			double[] sums = rows.computeIfAbsent(time, t -> new double[3]);
			sums[0] += count;
			if (!Double.isNaN(aht)) {
				sums[1] += count * aht;
				sums[2] += count;
			}
		}
		if (rows.size() < 2) {
			throw new InvalidInputException("history", "the history needs at least two rows");
		}
		int minutes = intervalMinutes != null ? intervalMinutes : inferInterval(new ArrayList<>(rows.keySet()));
		if (minutes <= 0 || 1440 % minutes != 0) {
			throw new InvalidInputException("interval-minutes", "the interval must divide a day, e.g. 15 or 30, not "
					+ minutes);
		}
		LocalDateTime first = floor(rows.firstKey(), minutes);
		LocalDateTime last = floor(rows.lastKey(), minutes);
		long length = java.time.Duration.between(first, last).toMinutes() / minutes + 1;
		if (length > 5_000_000) {
			throw new InvalidInputException("history", "the history spans too many intervals (" + length + ")");
		}
		double[] values = new double[(int) length];
		double handled = 0;
		double withAht = 0;
		for (var entry : rows.entrySet()) {
			int index = (int) (java.time.Duration.between(first, floor(entry.getKey(), minutes)).toMinutes() / minutes);
			values[index] += entry.getValue()[0];
			handled += entry.getValue()[1];
			withAht += entry.getValue()[2];
		}
		return new History(new Forecaster.Series(first, minutes, values), offset,
				withAht > 0 ? handled / withAht : null);
	}

	/** Dates, one per line (ISO-8601), for {@code --holidays}. */
	public static java.util.Set<LocalDate> dates(List<String> lines) {
		java.util.Set<LocalDate> dates = new java.util.HashSet<>();
		for (String line : lines) {
			String text = line.strip();
			if (!text.isEmpty() && !text.startsWith("#") && !text.toLowerCase(Locale.ROOT).startsWith("date")) {
				try {
					dates.add(LocalDate.parse(text.split("[,;]")[0].strip()));
				}
				catch (DateTimeParseException e) {
					throw new InvalidInputException("holidays", "'" + text + "' is not a date such as 2026-12-25");
				}
			}
		}
		return dates;
	}

	private static int inferInterval(List<LocalDateTime> times) {
		long smallest = Long.MAX_VALUE;
		for (int i = 1; i < times.size(); i++) {
			smallest = Math.min(smallest, java.time.Duration.between(times.get(i - 1), times.get(i)).toMinutes());
		}
		return smallest >= 15 && smallest < 1440 ? (int) smallest : 15;
	}

	private static LocalDateTime floor(LocalDateTime time, int minutes) {
		int minuteOfDay = time.getHour() * 60 + time.getMinute();
		return time.toLocalDate().atStartOfDay().plusMinutes(minuteOfDay - minuteOfDay % minutes);
	}

	private static double number(String cell, int line, String name) {
		try {
			double value = Double.parseDouble(cell.strip());
			if (!Double.isFinite(value) || value < 0) {
				throw new NumberFormatException();
			}
			return value;
		}
		catch (NumberFormatException e) {
			throw new InvalidInputException("line " + line, "line " + line + ": " + name + " must be a number of 0 "
					+ "or more, not '" + cell.strip() + "'");
		}
	}
}
