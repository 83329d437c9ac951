package nl.baken.proactive.notice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import nl.baken.channel.Outbox;
import nl.baken.channel.ProviderTemplates;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.MessageView;
import nl.baken.customer.CustomerId;
import nl.baken.proactive.NotificationTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the notices that are due: claims each with a conditional update (so nodes share the work and none sends one
 * twice), defers it past quiet hours or a full volume window, and otherwise writes its message, closed conversation
 * and contact event and hands it to the outbox in one transaction. A node that dies with a claim lets it lapse.
 */
@Component
class NoticeWorker {

	static final String SYSTEM = "notifications";

	private static final Logger log = LoggerFactory.getLogger(NoticeWorker.class);

	private static final Duration LEASE = Duration.ofMinutes(2);

	private final NoticeStore store;

	private final NoticeTemplates templates;

	private final VolumeLimits limits;

	private final Conversations conversations;

	private final Outbox outbox;

	private final Map<String, ProviderTemplates> providerTemplates;

	private final NotificationSettings settings;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final String node = "node-" + UUID.randomUUID();

	NoticeWorker(NoticeStore store, NoticeTemplates templates, VolumeLimits limits, Conversations conversations,
			Outbox outbox, List<ProviderTemplates> providerTemplates, NotificationSettings settings,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.store = store;
		this.templates = templates;
		this.limits = limits;
		this.conversations = conversations;
		this.outbox = outbox;
		this.providerTemplates = providerTemplates.stream()
			.collect(Collectors.toMap(ProviderTemplates::channel, Function.identity()));
		this.settings = settings;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${baken.notifications.worker-interval:PT5S}",
			initialDelayString = "${baken.notifications.worker-interval:PT5S}")
	void poll() {
		if (!settings.workerEnabled()) {
			return;
		}
		try {
			runOnce(clock.instant());
		}
		catch (RuntimeException e) {
			// the database may be briefly away; the next run tries again
			log.warn("Notification worker run failed: {}", e.toString());
		}
	}

	/** What happened to the notices one run looked at. */
	record Run(int sent, int deferred, int skipped) {
	}

	/** Handles the notices due at {@code now}; returns what it did with those this node claimed. */
	Run runOnce(Instant now) {
		int sent = 0;
		int deferred = 0;
		int skipped = 0;
		List<UUID> claimed = new ArrayList<>();
		for (UUID id : store.due(now, settings.workerBatch())) {
			if (store.claim(id, node, now, now.plus(LEASE))) {
				claimed.add(id);
			}
		}
		for (UUID id : claimed) {
			switch (handle(id, now)) {
				case SENT -> sent++;
				case DEFERRED -> deferred++;
				case SKIPPED -> skipped++;
				case LOST -> {
				}
			}
		}
		return new Run(sent, deferred, skipped);
	}

	private enum Handled {
		SENT, DEFERRED, SKIPPED, LOST
	}

	private Handled handle(UUID id, Instant now) {
		NoticeStore.Row row = store.find(id).orElse(null);
		if (row == null || !"queued".equals(row.state())) {
			return Handled.LOST;
		}
		Instant quietEnd = settings.afterQuietHours(now);
		if (quietEnd.isAfter(now)) {
			return store.defer(id, node, quietEnd, now) ? Handled.DEFERRED : Handled.LOST;
		}
		Optional<NotificationTemplate> template = templates.resolve(row.template(), row.channel(), row.language());
		String problem = template.isEmpty() ? "the template was removed before the notice went out"
				: NoticeTemplates.WHATSAPP.equals(row.channel()) && template.get().providerTemplate() == null
						? "no approved WhatsApp template any more" : null;
		if (problem != null) {
			return store.skipped(id, node, Outcome.NO_TEMPLATE, problem, now) ? Handled.SKIPPED : Handled.LOST;
		}
		Rendered rendered;
		try {
			rendered = render(template.get(), row.values());
		}
		catch (Placeholders.MissingValue e) {
			return store.skipped(id, node, Outcome.NO_TEMPLATE, "the notice has no " + row.language() + " value for {{"
					+ e.placeholder() + "}} (the template changed after it was queued)", now) ? Handled.SKIPPED
							: Handled.LOST;
		}
		Optional<Instant> limited = limits.take(row.channel(), now);
		if (limited.isPresent()) {
			return store.defer(id, node, limited.get(), now) ? Handled.DEFERRED : Handled.LOST;
		}
		Boolean done = transactions.execute(status -> {
			MessageView message = conversations.startOutbound(new CustomerId(row.customerId()), row.channel(),
					row.brandId(), row.language(), rendered.subject(), rendered.text(), SYSTEM,
					Map.of("topic", row.topic(), "template", row.template(), "noticeId", row.id().toString()), now);
			if (template.get().providerTemplate() != null) {
				ProviderTemplates provider = providerTemplates.get(row.channel());
				if (provider != null) {
					provider.attach(message.id(), template.get().providerTemplate(), row.language(),
							rendered.parameters());
				}
			}
			outbox.enqueue(message.id(), row.channel());
			if (!store.sent(id, node, message.id(), now)) {
				// the claim ran out and another node has the notice: leave it to that node
				status.setRollbackOnly();
				return false;
			}
			return true;
		});
		return Boolean.TRUE.equals(done) ? Handled.SENT : Handled.LOST;
	}

	record Rendered(String subject, String text, List<String> parameters) {
	}

	static Rendered render(NotificationTemplate template, Map<String, String> values) throws Placeholders.MissingValue {
		List<String> parameters = new ArrayList<>();
		for (String name : template.providerParameters()) {
			String value = values.get(name);
			if (value == null) {
				throw new Placeholders.MissingValue(name);
			}
			parameters.add(Placeholders.clean(value, true));
		}
		return new Rendered(Placeholders.fill(template.subject(), values, true),
				Placeholders.fill(template.body(), values, false), parameters);
	}
}
