package nl.baken.access.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@link #MAX_FAILURES} failed logins for one username within {@link #WINDOW}, further
 * attempts are refused until the window has passed. Counted per node; with several nodes a guesser gets that many
 * tries per node, which still stops brute force.
 */
@Component
class LoginThrottle {

	static final int MAX_FAILURES = 5;

	static final Duration WINDOW = Duration.ofMinutes(15);

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	private final Clock clock;

	LoginThrottle(Clock clock) {
		this.clock = clock;
	}

	boolean blocked(String username) {
		Deque<Instant> recent = failures.get(key(username));
		if (recent == null) {
			return false;
		}
		synchronized (recent) {
			prune(recent);
			return recent.size() >= MAX_FAILURES;
		}
	}

	void failed(String username) {
		Deque<Instant> recent = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
		synchronized (recent) {
			prune(recent);
			recent.addLast(clock.instant());
		}
	}

	void succeeded(String username) {
		failures.remove(key(username));
	}

	private void prune(Deque<Instant> recent) {
		Instant since = clock.instant().minus(WINDOW);
		while (!recent.isEmpty() && recent.peekFirst().isBefore(since)) {
			recent.removeFirst();
		}
	}

	private static String key(String username) {
		return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
	}
}
