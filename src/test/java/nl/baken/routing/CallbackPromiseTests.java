package nl.baken.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** A callback's promise as KPI-DEFINITIONS.md words it: connected within the promised window. */
class CallbackPromiseTests {

	static final Instant FROM = Instant.parse("2026-11-27T10:00:00Z");

	static final Instant TO = Instant.parse("2026-11-27T10:30:00Z");

	static String promise(String status, String endedAt, String now) {
		return CallbackView.promise(status, FROM, TO, endedAt == null ? null : at(endedAt), at(now));
	}

	static Instant at(String time) {
		return Instant.parse("2026-11-27T" + time + ":00Z");
	}

	@Test
	void connectedWithinTheWindowIsKeptAndOutsideItBroken() {
		assertThat(promise("connected", "10:00", "12:00")).isEqualTo("kept");
		assertThat(promise("connected", "10:30", "12:00")).isEqualTo("kept");
		assertThat(promise("connected", "10:31", "12:00")).isEqualTo("broken");
		assertThat(promise("connected", "09:59", "12:00")).isEqualTo("broken");
	}

	@Test
	void aCallbackNotReachedBreaksItsPromiseEvenWithinTheWindow() {
		assertThat(promise("failed", "10:10", "10:15")).isEqualTo("broken");
	}

	@Test
	void aWaitingCallbackIsOpenUntilItsWindowHasPassed() {
		assertThat(promise("scheduled", null, "10:30")).isEqualTo("open");
		assertThat(promise("queued", null, "10:31")).isEqualTo("broken");
	}

	@Test
	void aCancelledCallbackPromisedNothingUnlessItsWindowHadAlreadyPassed() {
		assertThat(promise("cancelled", "10:20", "12:00")).isEqualTo("cancelled");
		assertThat(promise("cancelled", "11:00", "12:00")).isEqualTo("broken");
		assertThat(promise("linked", null, "12:00")).isEqualTo("linked");
	}
}
