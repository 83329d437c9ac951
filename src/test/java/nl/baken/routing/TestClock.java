package nl.baken.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The system time plus a shift the test moves forward, so that callbacks become due without waiting. */
final class TestClock extends Clock {

	private final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

	void advance(Duration by) {
		shift.accumulateAndGet(by, Duration::plus);
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(shift.get());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("UTC only");
	}
}
