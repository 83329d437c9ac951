package nl.baken.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Opening hours are read in the team's time zone, daylight saving included. */
class BusinessHoursTests {

	final BusinessHours hours = new BusinessHours(ZoneId.of("Europe/Amsterdam"),
			Map.of("monday", "08:00-12:00, 13:00-17:30", "saturday", "closed", "sunday", "00:00-24:00"));

	@Test
	void openOnlyWithinTheRangesOfTheLocalDay() {
		// Monday 30 November 2026, winter time: UTC+1
		assertThat(hours.openAt(Instant.parse("2026-11-30T06:59:59Z"))).isFalse();
		assertThat(hours.openAt(Instant.parse("2026-11-30T07:00:00Z"))).isTrue();
		assertThat(hours.openAt(Instant.parse("2026-11-30T11:30:00Z"))).isFalse();
		assertThat(hours.openAt(Instant.parse("2026-11-30T16:29:59Z"))).isTrue();
		assertThat(hours.openAt(Instant.parse("2026-11-30T16:30:00Z"))).isFalse();
		// Monday 1 June 2026, summer time: UTC+2
		assertThat(hours.openAt(Instant.parse("2026-06-01T06:00:00Z"))).isTrue();
		// Saturday closed, Sunday open all day, Tuesday not listed: closed
		assertThat(hours.openAt(Instant.parse("2026-11-28T12:00:00Z"))).isFalse();
		assertThat(hours.openAt(Instant.parse("2026-11-29T22:59:59Z"))).isTrue();
		assertThat(hours.openAt(Instant.parse("2026-12-01T10:00:00Z"))).isFalse();
	}

	@Test
	void aWrongScheduleStopsTheStart() {
		assertThatThrownBy(() -> new BusinessHours(ZoneId.of("UTC"), Map.of("funday", "08:00-17:00")))
			.hasMessageContaining("funday");
		assertThatThrownBy(() -> new BusinessHours(ZoneId.of("UTC"), Map.of("monday", "17:00-08:00")))
			.hasMessageContaining("ends before it starts");
		assertThatThrownBy(() -> new BusinessHours(ZoneId.of("UTC"), Map.of("monday", "8 to 5")))
			.hasMessageContaining("not a range");
	}
}
