package nl.baken.proactive;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.baken.customer.CustomerProfile;
import nl.baken.shared.InvalidInputException;

/**
 * Whom an incident touches, as a query over what business events told Baken: customers with an event naming one of
 * the order ids, a postcode in one of the ranges ({@code 1011-1099} or a single {@code 1011}, the four digits of a
 * Dutch postcode), one of the products or one of the devices. Given criteria all apply (an outage in 1011-1099 for
 * product "glasvezel" is both); {@code brand}, when set, keeps only customers known to deal with that brand.
 * {@code segments} (customer segments such as {@code vip}) keep only customers in one of them; given alone, they
 * select every customer in them, with or without business events.
 */
public record IncidentAudience(List<String> orderIds, List<String> postcodeRanges, List<String> products,
		List<String> deviceIds, String brand, List<String> segments) {

	/** Bounds what one audience query may ask, so a typo cannot run an unbounded query. */
	public static final int MAX_VALUES = 5_000;

	private static final Pattern RANGE = Pattern.compile("^([1-9][0-9]{3})(?:\\s*-\\s*([1-9][0-9]{3}))?$");

	public IncidentAudience {
		orderIds = clean(orderIds, "audience.orderIds");
		postcodeRanges = clean(postcodeRanges, "audience.postcodeRanges");
		products = clean(products, "audience.products");
		deviceIds = clean(deviceIds, "audience.deviceIds");
		brand = brand == null || brand.isBlank() ? null : brand.strip();
		segments = clean(segments, "audience.segments");
		for (String range : postcodeRanges) {
			range(range);
		}
		for (String segment : segments) {
			if (!segment.matches(CustomerProfile.SEGMENT)) {
				throw new InvalidInputException("audience.segments",
						"'" + segment + "' is not a segment: lower-case letters, digits, '_' or '-' (such as vip)");
			}
		}
	}

	/** An audience without customer segments. */
	public IncidentAudience(List<String> orderIds, List<String> postcodeRanges, List<String> products,
			List<String> deviceIds, String brand) {
		this(orderIds, postcodeRanges, products, deviceIds, brand, List.of());
	}

	/** A postcode range, both ends included. */
	public record PostcodeRange(int from, int to) {

		public boolean contains(int area) {
			return area >= from && area <= to;
		}
	}

	public List<PostcodeRange> ranges() {
		return postcodeRanges.stream().map(IncidentAudience::range).toList();
	}

	public boolean hasNoCriteria() {
		return !hasEventCriteria() && segments.isEmpty();
	}

	/** Whether the audience asks anything of the business events (else only segments). */
	public boolean hasEventCriteria() {
		return !orderIds.isEmpty() || !postcodeRanges.isEmpty() || !products.isEmpty() || !deviceIds.isEmpty();
	}

	/** Reads {@code 1011-1099} or {@code 1011}; the ends may come in either order. */
	public static PostcodeRange range(String text) {
		Matcher m = RANGE.matcher(text.strip());
		if (!m.matches()) {
			throw new InvalidInputException("audience.postcodeRanges",
					"'" + text + "' is not a postcode range such as 1011-1099 or 1011");
		}
		int from = Integer.parseInt(m.group(1));
		int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
		return new PostcodeRange(Math.min(from, to), Math.max(from, to));
	}

	/** Splits what a person typed (commas, semicolons, spaces or new lines) into values. */
	public static List<String> split(String typed) {
		if (typed == null || typed.isBlank()) {
			return List.of();
		}
		List<String> values = new ArrayList<>();
		for (String part : typed.split("[,;\\n\\r]+")) {
			String value = part.strip();
			if (value.isEmpty()) {
				continue;
			}
			// "1011 - 1099" stays one range; other values with spaces split
			if (RANGE.matcher(value).matches()) {
				values.add(value);
			}
			else {
				for (String word : value.split("\\s+")) {
					values.add(word);
				}
			}
		}
		return values;
	}

	private static List<String> clean(List<String> values, String field) {
		if (values == null) {
			return List.of();
		}
		List<String> cleaned = values.stream()
			.filter(v -> v != null && !v.isBlank())
			.map(String::strip)
			.distinct()
			.toList();
		if (cleaned.size() > MAX_VALUES) {
			throw new InvalidInputException(field, field + " holds at most " + MAX_VALUES + " values");
		}
		if (cleaned.stream().anyMatch(v -> v.length() > 200)) {
			throw new InvalidInputException(field, field + " values are at most 200 characters");
		}
		return cleaned;
	}
}
