package nl.baken.knowledge.web;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A modest limit on callback requests from the public contact page: a few per visitor (cookie) and per address in a
 * window, in this node's memory (n nodes allow n times as many, which still stops a script from booking every slot).
 */
@Component
class CallbackRequestLimit {

	private static final int MAX_KEYS = 100_000;

	private final Clock clock;

	private final int perVisitor;

	private final int perAddress;

	private final long windowMillis;

	private final Map<String, Deque<Long>> requests = new HashMap<>();

	CallbackRequestLimit(Clock clock, @Value("${baken.contact.callbacks.per-visitor:3}") int perVisitor,
			@Value("${baken.contact.callbacks.per-address:10}") int perAddress,
			@Value("${baken.contact.callbacks.window:PT10M}") Duration window) {
		this.clock = clock;
		this.perVisitor = perVisitor;
		this.perAddress = perAddress;
		this.windowMillis = window.toMillis();
	}

	/** Counts one request; false (and nothing counted) when the visitor or the address used up the window. */
	synchronized boolean tryAcquire(String visitor, String address) {
		long now = clock.millis();
		if (requests.size() > MAX_KEYS) {
			requests.values().removeIf(times -> recent(times, now) == 0);
		}
		Deque<Long> byVisitor = requests.computeIfAbsent("v:" + visitor, k -> new ArrayDeque<>());
		Deque<Long> byAddress = requests.computeIfAbsent("ip:" + address, k -> new ArrayDeque<>());
		if (recent(byVisitor, now) >= perVisitor || recent(byAddress, now) >= perAddress) {
			return false;
		}
		byVisitor.addLast(now);
		byAddress.addLast(now);
		return true;
	}

	private int recent(Deque<Long> times, long now) {
		while (!times.isEmpty() && times.peekFirst() < now - windowMillis) {
			times.pollFirst();
		}
		return times.size();
	}
}
