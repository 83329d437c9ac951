package nl.baken.proactive.notice;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code baken.notifications.*}: quiet hours ({@code quiet-from} to {@code quiet-until} in {@code time-zone}, may
 * pass midnight; equal times mean none), volume limits per channel ({@code limits.<channel>.per-minute/per-hour},
 * else {@code default-limit}), the language for customers without one ({@code brand-languages.<brand>}, else
 * {@code default-language}) and the worker that sends what is due
 * ({@code worker-enabled}, {@code worker-interval}, {@code worker-batch}).
 */
@ConfigurationProperties("baken.notifications")
record NotificationSettings(@DefaultValue("Europe/Amsterdam") ZoneId timeZone,
		@DefaultValue("21:00") LocalTime quietFrom, @DefaultValue("08:00") LocalTime quietUntil,
		@DefaultValue("nl") String defaultLanguage, Map<String, String> brandLanguages, Map<String, Limit> limits,
		@DefaultValue Limit defaultLimit, @DefaultValue("true") boolean workerEnabled,
		@DefaultValue("200") int workerBatch) {

	NotificationSettings {
		brandLanguages = brandLanguages == null ? Map.of() : Map.copyOf(brandLanguages);
		limits = limits == null ? Map.of() : Map.copyOf(limits);
	}

	/** At most this many notifications per channel per minute and per hour, over all nodes together. */
	record Limit(@DefaultValue("600") int perMinute, @DefaultValue("20000") int perHour) {
	}

	Limit limit(String channel) {
		return limits.getOrDefault(channel, defaultLimit);
	}

	String languageOf(String brand) {
		return brand == null ? defaultLanguage : brandLanguages.getOrDefault(brand, defaultLanguage);
	}

	public boolean hasQuietHours() {
		return !quietFrom.equals(quietUntil);
	}

	/** When quiet hours hold {@code at}, the moment they end; otherwise {@code at} itself. */
	Instant afterQuietHours(Instant at) {
		if (!hasQuietHours()) {
			return at;
		}
		ZonedDateTime local = at.atZone(timeZone);
		LocalTime time = local.toLocalTime();
		LocalDate day = local.toLocalDate();
		boolean passesMidnight = quietFrom.isAfter(quietUntil);
		if (passesMidnight) {
			if (!time.isBefore(quietFrom)) {
				return day.plusDays(1).atTime(quietUntil).atZone(timeZone).toInstant();
			}
			if (time.isBefore(quietUntil)) {
				return day.atTime(quietUntil).atZone(timeZone).toInstant();
			}
			return at;
		}
		if (!time.isBefore(quietFrom) && time.isBefore(quietUntil)) {
			return day.atTime(quietUntil).atZone(timeZone).toInstant();
		}
		return at;
	}
}
