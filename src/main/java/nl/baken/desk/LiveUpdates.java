package nl.baken.desk;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import nl.baken.conversation.ContactEvents;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells open desk pages which conversations changed. Every node follows the contact-event log in the shared database
 * twice a second, so a message that arrived through another node shows up too; nothing is kept in one node's memory
 * that another needs. Because transactions commit out of log order, each look goes {@link #LOOK_BACK} positions back
 * and compares with the positions already seen.
 */
@Component
class LiveUpdates implements SmartLifecycle {

	/** Every 30 polls (15 s) an idle page gets a comment line, so connections the browser dropped are noticed. */
	private static final int KEEP_ALIVE_POLLS = 30;

	private volatile boolean running;

	private int quietPolls;

	/** Far more than the transactions that can be in flight at once. */
	static final int LOOK_BACK = 200;

	private static final int READ_AT_MOST = 10 * LOOK_BACK;

	private static final int SEEN = 4 * READ_AT_MOST;

	private final ContactEvents events;

	private final List<SseEmitter> pages = new CopyOnWriteArrayList<>();

	private final Set<Long> seen = new HashSet<>();

	private final Deque<Long> seenOrder = new ArrayDeque<>();

	private long highest = -1;

	LiveUpdates(ContactEvents events) {
		this.events = events;
	}

	SseEmitter subscribe() {
		SseEmitter page = new SseEmitter(0L);
		page.onCompletion(() -> pages.remove(page));
		page.onTimeout(() -> pages.remove(page));
		page.onError(e -> pages.remove(page));
		pages.add(page);
		return page;
	}

	@Scheduled(fixedDelay = 500)
	synchronized void follow() {
		if (highest < 0) {
			// start at the end of the log: what happened before this node started is no news
			highest = events.lastPosition();
			events.positionsAfter(Math.max(0, highest - LOOK_BACK), READ_AT_MOST).forEach(p -> remember(p.seq()));
			return;
		}
		Set<UUID> changed = new HashSet<>();
		for (ContactEvents.LogPosition position : events.positionsAfter(Math.max(0, highest - LOOK_BACK),
				READ_AT_MOST)) {
			if (remember(position.seq()) && position.conversationId() != null) {
				changed.add(position.conversationId());
			}
			highest = Math.max(highest, position.seq());
		}
		if (!changed.isEmpty()) {
			quietPolls = 0;
			tell(SseEmitter.event().name("changed").data(changed.stream().map(UUID::toString)
				.collect(Collectors.joining(","))));
		}
		else if (++quietPolls >= KEEP_ALIVE_POLLS) {
			quietPolls = 0;
			tell(SseEmitter.event().comment("still here"));
		}
	}

	@Override
	public void start() {
		running = true;
	}

	/**
	 * Ends every open page's stream before the web server shuts down gracefully, which would otherwise wait for these
	 * never-ending requests; the browsers reconnect to another node.
	 */
	@Override
	public void stop() {
		running = false;
		pages.forEach(SseEmitter::complete);
		pages.clear();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private boolean remember(long seq) {
		if (!seen.add(seq)) {
			return false;
		}
		seenOrder.addLast(seq);
		while (seenOrder.size() > SEEN) {
			seen.remove(seenOrder.removeFirst());
		}
		return true;
	}

	private void tell(SseEmitter.SseEventBuilder event) {
		for (SseEmitter page : pages) {
			try {
				page.send(event);
			}
			catch (IOException | IllegalStateException gone) {
				pages.remove(page);
			}
		}
	}
}
