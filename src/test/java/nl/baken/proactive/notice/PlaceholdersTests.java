package nl.baken.proactive.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import nl.baken.RandomInput;
import org.junit.jupiter.api.Test;

/** Filling templates treats values as data; quiet hours end where the settings say. */
class PlaceholdersTests {

	@Test
	void valuesAreFilledOnceAndNeverReadAsPlaceholders() throws Exception {
		String text = Placeholders.fill("Storing {{title}}: {{ status }}.",
				Map.of("title", "<b>{{status}}</b> & $1 \\", "status", "opgelost"), false);
		assertThat(text).isEqualTo("Storing <b>{{status}}</b> & $1 \\: opgelost.");
	}

	@Test
	void aMissingValueNamesThePlaceholder() {
		assertThatThrownBy(() -> Placeholders.fill("{{title}} tot {{expectedEnd}}", Map.of("title", "x"), false))
			.isInstanceOfSatisfying(Placeholders.MissingValue.class,
					e -> assertThat(e.placeholder()).isEqualTo("expectedEnd"));
	}

	@Test
	void brokenPlaceholdersAreFound() {
		assertThat(Placeholders.used("Hallo {{naam}}, {{ status }}")).containsExactly("naam", "status");
		assertThat(Placeholders.used("Hallo {{naam}")).isNull();
		assertThat(Placeholders.used("Hallo {{na am}}")).isNull();
		assertThat(Placeholders.used("Hallo }} daar")).isNull();
		assertThat(Placeholders.used("Geen plaatshouders")).isEmpty();
	}

	@Test
	void oneLinePlacesGetNoLineBreaksOrControlCharacters() throws Exception {
		assertThat(Placeholders.fill("Onderwerp: {{title}}", Map.of("title", "a\r\nb\u0007c\n\nd"), true))
			.isEqualTo("Onderwerp: a bc  d");
		assertThat(Placeholders.fill("{{title}}", Map.of("title", "a\r\nb"), false)).isEqualTo("a\nb");
	}

	@Test
	void anyValueEndsUpVerbatimWithoutControlCharacters() {
		RandomInput.tries(300, (Random random) -> {
			String value = RandomInput.text(random, 60);
			Map<String, String> values = new LinkedHashMap<>();
			values.put("text", value);
			String filled;
			try {
				filled = Placeholders.fill("[{{text}}]", values, false);
			}
			catch (Placeholders.MissingValue e) {
				throw new AssertionError(e);
			}
			assertThat(filled).isEqualTo("[" + Placeholders.clean(value, false) + "]");
			assertThat(filled.chars().filter(c -> c < 32 && c != '\n')).isEmpty();
		});
	}

	@Test
	void quietHoursPassingMidnightEndAtTheirEnd() {
		NotificationSettings settings = settings(LocalTime.of(21, 0), LocalTime.of(8, 0));
		// 22:30 in Amsterdam (winter, UTC+1) -> 08:00 the next morning
		assertThat(settings.afterQuietHours(Instant.parse("2026-01-14T21:30:00Z")))
			.isEqualTo(Instant.parse("2026-01-15T07:00:00Z"));
		// 06:00 -> 08:00 the same morning
		assertThat(settings.afterQuietHours(Instant.parse("2026-01-15T05:00:00Z")))
			.isEqualTo(Instant.parse("2026-01-15T07:00:00Z"));
		// 12:00 is not quiet; 21:00 is, 08:00 is not
		assertThat(settings.afterQuietHours(Instant.parse("2026-01-15T11:00:00Z")))
			.isEqualTo(Instant.parse("2026-01-15T11:00:00Z"));
		assertThat(settings.afterQuietHours(Instant.parse("2026-01-15T20:00:00Z")))
			.isEqualTo(Instant.parse("2026-01-16T07:00:00Z"));
		assertThat(settings.afterQuietHours(Instant.parse("2026-01-15T07:00:00Z")))
			.isEqualTo(Instant.parse("2026-01-15T07:00:00Z"));
		// summer time (UTC+2): 23:00 on 1 July -> 08:00 local = 06:00 UTC
		assertThat(settings.afterQuietHours(Instant.parse("2026-07-01T21:00:00Z")))
			.isEqualTo(Instant.parse("2026-07-02T06:00:00Z"));
	}

	@Test
	void quietHoursWithinADayAndNone() {
		NotificationSettings lunch = settings(LocalTime.of(12, 0), LocalTime.of(13, 0));
		assertThat(lunch.afterQuietHours(Instant.parse("2026-01-15T11:30:00Z")))
			.isEqualTo(Instant.parse("2026-01-15T12:00:00Z"));
		assertThat(lunch.afterQuietHours(Instant.parse("2026-01-15T12:30:00Z")))
			.isEqualTo(Instant.parse("2026-01-15T12:30:00Z"));
		NotificationSettings none = settings(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
		assertThat(none.afterQuietHours(Instant.parse("2026-01-15T02:00:00Z")))
			.isEqualTo(Instant.parse("2026-01-15T02:00:00Z"));
	}

	private static NotificationSettings settings(LocalTime from, LocalTime until) {
		return new NotificationSettings(ZoneId.of("Europe/Amsterdam"), from, until, "nl", Map.of(), Map.of(),
				new NotificationSettings.Limit(600, 20000), false, 200);
	}
}
