package nl.baken.channel.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import nl.baken.channel.ChannelAdapter;
import nl.baken.channel.DeliveryFailure;
import nl.baken.channel.OutboundMessage;
import nl.baken.conversation.Deliveries;
import nl.baken.conversation.OutboundDraft;
import nl.baken.customer.CustomerId;
import nl.baken.customer.CustomerProfile;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Works off the outbox: claims due messages (a lease, so a node that dies mid-send hands them on), asks their
 * channel's adapter to send, and records the outcome. A failure is retried after 5 s, 10 s, 20 s … (capped, with
 * jitter so a provider coming back is not hit by everything at once) until the attempts run out; then the message is a
 * dead letter and shows as failed in the desk. A provider that took a message just before this node died can get it
 * twice: delivery is at least once.
 */
@Component
public class OutboundDispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboundDispatcher.class);

	private static final Duration LEASE = Duration.ofMinutes(2);

	private static final int BATCH = 50;

	private final OutboxStore store;

	private final Deliveries deliveries;

	private final Customers customers;

	private final Map<String, ChannelAdapter> adapters;

	private final Clock clock;

	private final String node = "node-" + UUID.randomUUID();

	private final Duration pollInterval;

	private final int maxAttempts;

	private final Duration firstBackoff;

	private final Duration maxBackoff;

	private final Semaphore wakeUp = new Semaphore(0);

	private final Semaphore sending = new Semaphore(8);

	private volatile boolean running;

	private Thread loop;

	private ExecutorService senders;

	OutboundDispatcher(OutboxStore store, Deliveries deliveries, Customers customers, List<ChannelAdapter> adapters,
			Clock clock, @Value("${baken.outbox.poll-interval:1s}") Duration pollInterval,
			@Value("${baken.outbox.max-attempts:8}") int maxAttempts,
			@Value("${baken.outbox.first-backoff:5s}") Duration firstBackoff,
			@Value("${baken.outbox.max-backoff:15m}") Duration maxBackoff) {
		this.store = store;
		this.deliveries = deliveries;
		this.customers = customers;
		this.adapters = adapters.stream().collect(Collectors.toMap(ChannelAdapter::id, Function.identity()));
		this.clock = clock;
		this.pollInterval = pollInterval;
		this.maxAttempts = maxAttempts;
		this.firstBackoff = firstBackoff;
		this.maxBackoff = maxBackoff;
	}

	/** The channels this node has an adapter for. */
	public Set<String> configuredChannels() {
		return adapters.keySet();
	}

	/** Looks at the outbox now rather than at the next poll (a message was just committed). */
	public void wake() {
		wakeUp.release();
	}

	/** Sends what is due now; returns how many messages this call claimed. */
	public int runOnce() {
		Instant now = clock.instant();
		int claimed = 0;
		for (UUID messageId : store.due(now, BATCH)) {
			if (store.claim(messageId, node, now, now.plus(LEASE))) {
				claimed++;
				sending.acquireUninterruptibly();
				senders.execute(() -> {
					try {
						deliver(messageId);
					}
					finally {
						sending.release();
					}
				});
			}
		}
		return claimed;
	}

	/** Waits until every send this node started has finished (tests, shutdown). */
	public void awaitIdle() {
		sending.acquireUninterruptibly(8);
		sending.release(8);
	}

	private void deliver(UUID messageId) {
		int attempt = store.attempts(messageId);
		try {
			OutboundDraft draft = deliveries.draft(messageId)
				.orElseThrow(() -> DeliveryFailure.permanent("the message no longer exists"));
			String channel = draft.message().channel();
			ChannelAdapter adapter = adapters.get(channel);
			if (adapter == null) {
				throw DeliveryFailure.retryable("no channel adapter '" + channel + "' is configured", null);
			}
			String providerId = adapter.send(message(draft, attempt));
			Instant at = clock.instant();
			deliveries.sent(messageId, providerId, at);
			store.sent(messageId, at);
		}
		catch (DeliveryFailure failure) {
			failed(messageId, attempt, failure.getMessage(), failure.retryable());
		}
		catch (RuntimeException e) {
			// an adapter bug must not stop the outbox; the exception's text may hold request details, so only its type
			log.error("Channel adapter failed on message {}", messageId, e);
			failed(messageId, attempt, "unexpected error in the channel adapter (" + e.getClass().getSimpleName() + ")",
					true);
		}
	}

	private void failed(UUID messageId, int attempt, String reason, boolean retryable) {
		Instant at = clock.instant();
		if (retryable && attempt < maxAttempts) {
			log.info("Message {} not sent (attempt {} of {}): {}", messageId, attempt, maxAttempts, reason);
			store.retryAt(messageId, at.plus(backoff(attempt)), reason, at);
		}
		else {
			log.warn("Message {} given up after {} attempt(s): {}", messageId, attempt, reason);
			store.dead(messageId, reason, at);
			deliveries.failed(messageId, reason, at);
		}
	}

	Duration backoff(int attempt) {
		long millis = Math.min(maxBackoff.toMillis(), firstBackoff.toMillis() << Math.min(attempt - 1, 30));
		return Duration.ofMillis(millis - (long) (ThreadLocalRandom.current().nextDouble() * millis * 0.2));
	}

	private OutboundMessage message(OutboundDraft draft, int attempt) {
		CustomerProfile profile = customers.profile(new CustomerId(draft.conversation().customerId())).orElseThrow();
		List<Identity> identities = profile.identities()
			.stream()
			.map(i -> new Identity(IdentityKind.fromCode(i.kind()), i.system(), i.value()))
			.toList();
		var last = draft.lastInbound() == null ? null
				: new OutboundMessage.LastInbound(draft.lastInbound().providerMessageId(),
						draft.lastInbound().createdAt());
		return new OutboundMessage(draft.message().id(), draft.conversation().id(), profile.id(),
				draft.message().channel(), draft.conversation().brandId(), draft.conversation().language(),
				draft.conversation().subject(), draft.message().text(), identities, last, attempt,
				opens(draft));
	}

	/**
	 * The system's message in a conversation the customer has not written in: Baken started it (a notification).
	 * The system's messages in the customer's own conversations (callback confirmations) stay replies.
	 */
	private static boolean opens(OutboundDraft draft) {
		return draft.lastInbound() == null && "system".equals(draft.message().authorKind());
	}

	@Override
	public void start() {
		senders = Executors.newVirtualThreadPerTaskExecutor();
		running = true;
		loop = Thread.ofPlatform().name("outbox").daemon().start(this::poll);
	}

	private void poll() {
		while (running) {
			try {
				runOnce();
				wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
				wakeUp.drainPermits();
			}
			catch (InterruptedException e) {
				return;
			}
			catch (RuntimeException e) {
				// the database may be briefly away; the next poll tries again
				log.warn("Outbox poll failed: {}", e.toString());
			}
		}
	}

	@Override
	public void stop() {
		running = false;
		loop.interrupt();
		awaitIdle();
		senders.close();
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
