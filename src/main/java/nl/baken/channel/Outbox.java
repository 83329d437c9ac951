package nl.baken.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import nl.baken.access.AuditLog;
import nl.baken.channel.internal.OutboundDispatcher;
import nl.baken.channel.internal.OutboxStore;
import nl.baken.conversation.AgentReplied;
import nl.baken.conversation.Deliveries;
import nl.baken.shared.Actor;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Outbound messages on their way to a channel. A message enters the outbox in the transaction that stored it, so no
 * reply is lost between the desk and the channel; sending happens after commit, on whichever node claims it first.
 */
@Service
public class Outbox {

	private final OutboxStore store;

	private final OutboundDispatcher dispatcher;

	private final Deliveries deliveries;

	private final AuditLog audit;

	private final Clock clock;

	Outbox(OutboxStore store, OutboundDispatcher dispatcher, Deliveries deliveries, AuditLog audit, Clock clock) {
		this.store = store;
		this.dispatcher = dispatcher;
		this.deliveries = deliveries;
		this.audit = audit;
		this.clock = clock;
	}

	/** Queues an outbound message that the caller's transaction stores; it is sent once that commits. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void enqueue(UUID messageId, String channel) {
		store.insert(messageId, channel, clock.instant());
		wakeAfterCommit();
	}

	@EventListener
	void on(AgentReplied reply) {
		enqueue(reply.messageId(), reply.channel());
	}

	/**
	 * Marks a queued message as sent before the outbox sends it: for history that reached the customer elsewhere
	 * (imported conversations, the demo's past), which must not go out again.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void alreadySent(UUID messageId, Instant at) {
		store.sent(messageId, at);
		deliveries.sent(messageId, null, at);
	}

	/** Every channel with an adapter or with outbound messages, by name. */
	public List<ChannelStatus> channels() {
		Map<String, long[]> counts = store.countsByChannel();
		Set<String> names = new TreeSet<>(counts.keySet());
		names.addAll(dispatcher.configuredChannels());
		return names.stream().map(name -> {
			long[] c = counts.getOrDefault(name, new long[3]);
			return new ChannelStatus(name, dispatcher.configuredChannels().contains(name), c[0], c[1], c[2]);
		}).toList();
	}

	public List<DeadLetter> deadLetters(int limit) {
		return store.deadLetters(limit);
	}

	/** Sends a dead letter again with fresh attempts; false when there is no such dead letter. */
	@Transactional
	public boolean retry(UUID messageId, Actor by) {
		if (!store.revive(messageId, clock.instant())) {
			return false;
		}
		deliveries.requeued(messageId, clock.instant());
		audit.record(by, "outbox.dead-letter-retried", "message", messageId.toString(), Map.of());
		wakeAfterCommit();
		return true;
	}

	private void wakeAfterCommit() {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				dispatcher.wake();
			}
		});
	}
}
