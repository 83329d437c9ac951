package nl.baken.channel.webchat;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token buckets per visitor and per IP address, in this node's memory: behind a load balancer with n nodes a visitor
 * gets at most n times the limit, which still stops a script from flooding the desk. Idle buckets are dropped.
 */
class RateLimiter {

	private static final int MAX_BUCKETS = 100_000;

	private final Clock clock;

	private final WebchatProperties.RateLimit limits;

	private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	RateLimiter(Clock clock, WebchatProperties.RateLimit limits) {
		this.clock = clock;
		this.limits = limits;
	}

	/** Takes one token from the visitor's and the address's bucket, or throws {@link TooManyRequests}. */
	void acquire(String visitorId, String ip) {
		long now = clock.millis();
		if (buckets.size() > MAX_BUCKETS) {
			buckets.values().removeIf(b -> b.idleSince(now) > 10 * 60_000L);
		}
		if (ip != null && !take("ip:" + ip, limits.ipBurst(), limits.ipPerMinute(), now)) {
			throw new TooManyRequests(60_000L / Math.max(1, limits.ipPerMinute()));
		}
		if (visitorId != null && !take("v:" + visitorId, limits.visitorBurst(), limits.visitorPerMinute(), now)) {
			throw new TooManyRequests(60_000L / Math.max(1, limits.visitorPerMinute()));
		}
	}

	/** Typing signals have a bucket of their own, so typing never uses up a visitor's messages. */
	void acquireTyping(String visitorId) {
		if (!take("t:" + visitorId, 5, 40, clock.millis())) {
			throw new TooManyRequests(1500);
		}
	}

	private boolean take(String key, int burst, int perMinute, long now) {
		return buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(burst, perMinute, now);
	}

	private static final class Bucket {

		private double tokens;

		private long updated;

		Bucket(int burst, long now) {
			this.tokens = burst;
			this.updated = now;
		}

		synchronized boolean take(int burst, int perMinute, long now) {
			tokens = Math.min(burst, tokens + (now - updated) * perMinute / 60_000.0);
			updated = now;
			if (tokens < 1) {
				return false;
			}
			tokens--;
			return true;
		}

		synchronized long idleSince(long now) {
			return now - updated;
		}
	}

	static final class TooManyRequests extends RuntimeException {

		private final long retryAfterMillis;

		TooManyRequests(long retryAfterMillis) {
			super("Too many requests from this visitor or address; wait a moment and try again.");
			this.retryAfterMillis = retryAfterMillis;
		}

		long retryAfterSeconds() {
			return Math.max(1, (retryAfterMillis + 999) / 1000);
		}
	}
}
