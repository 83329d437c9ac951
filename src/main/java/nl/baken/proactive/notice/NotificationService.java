package nl.baken.proactive.notice;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import nl.baken.channel.ChannelAdapter;
import nl.baken.conversation.Deliveries;
import nl.baken.conversation.DeliveryStatus;
import nl.baken.customer.CustomerId;
import nl.baken.customer.CustomerProfile;
import nl.baken.customer.Customers;
import nl.baken.proactive.Notice;
import nl.baken.proactive.NoticeCounts;
import nl.baken.proactive.NoticeResult;
import nl.baken.proactive.NotificationTemplate;
import nl.baken.proactive.Notifications;
import nl.baken.shared.Ids;
import nl.baken.shared.InvalidInputException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides per customer whether and how a notice goes out, and queues it: channel (preference, consent, address),
 * language (the customer's, else the brand's), template, and the time (after quiet hours). Each batch of customers
 * is one transaction of its own (committed when {@code send} returns, also when the caller has a transaction open);
 * the unique (customer, once key) makes a repeated or concurrent send a duplicate. Sending is the
 * {@link NoticeWorker}'s job.
 */
@Service
class NotificationService implements Notifications {

	static final int BATCH = 500;

	private final NoticeStore store;

	private final NoticeTemplates templates;

	private final Customers customers;

	private final Deliveries deliveries;

	private final NotificationSettings settings;

	private final Set<String> adapters;

	private final TransactionTemplate transactions;

	private final Clock clock;

	NotificationService(NoticeStore store, NoticeTemplates templates, Customers customers, Deliveries deliveries,
			NotificationSettings settings, List<ChannelAdapter> adapters, PlatformTransactionManager transactionManager,
			Clock clock) {
		this.store = store;
		this.templates = templates;
		this.customers = customers;
		this.deliveries = deliveries;
		this.settings = settings;
		this.adapters = adapters.stream().map(ChannelAdapter::id).collect(Collectors.toUnmodifiableSet());
		// its own transactions also when called inside the caller's: a duplicate key must not spoil the caller's work
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	@Override
	public List<NoticeResult> send(Notice notice) {
		return send(notice, clock.instant());
	}

	List<NoticeResult> send(Notice notice, Instant now) {
		validate(notice);
		Instant due = settings.afterQuietHours(now);
		Map<String, Optional<NotificationTemplate>> resolved = new HashMap<>();
		List<NoticeResult> results = new ArrayList<>(notice.customers().size());
		Set<UUID> seen = new HashSet<>();
		for (int from = 0; from < notice.customers().size(); from += BATCH) {
			List<CustomerId> batch = notice.customers().subList(from, Math.min(notice.customers().size(), from + BATCH));
			Map<CustomerId, Optional<CustomerProfile>> profiles = new LinkedHashMap<>();
			for (CustomerId customer : batch) {
				CustomerId canonical = customers.canonical(customer);
				profiles.put(customer, customers.profile(canonical));
			}
			Set<UUID> existing = store.existing(notice.onceKey(),
					profiles.values().stream().flatMap(Optional::stream).map(CustomerProfile::id).toList());
			Map<Integer, NoticeStore.Row> rows = new LinkedHashMap<>();
			for (CustomerId customer : batch) {
				Optional<CustomerProfile> profile = profiles.get(customer);
				if (profile.isEmpty()) {
					results.add(new NoticeResult(customer, Outcome.NO_CHANNEL, null));
					continue;
				}
				UUID id = profile.get().id();
				if (existing.contains(id) || !seen.add(id)) {
					results.add(new NoticeResult(customer, Outcome.DUPLICATE, null));
					continue;
				}
				NoticeStore.Row row = decide(notice, profile.get(), due, resolved);
				rows.put(results.size(), row);
				results.add(new NoticeResult(customer, row.outcome(), row.channel()));
			}
			insert(rows, results, now);
		}
		return results;
	}

	/**
	 * One transaction for the batch; if another send got some of these customers first (a duplicate key, or on H2 a
	 * lock conflict with that send), one by one.
	 */
	private void insert(Map<Integer, NoticeStore.Row> rows, List<NoticeResult> results, Instant now) {
		try {
			transactions.executeWithoutResult(status -> rows.values().forEach(row -> store.insert(row, now)));
		}
		catch (DuplicateKeyException | TransientDataAccessException e) {
			rows.forEach((index, row) -> {
				if (!insertAlone(row, now)) {
					NoticeResult result = results.get(index);
					results.set(index, new NoticeResult(result.customer(), Outcome.DUPLICATE, null));
				}
			});
		}
	}

	/** False when the customer already has a notice with this once key. */
	private boolean insertAlone(NoticeStore.Row row, Instant now) {
		for (int attempt = 1;; attempt++) {
			try {
				transactions.executeWithoutResult(status -> store.insert(row, now));
				return true;
			}
			catch (DuplicateKeyException e) {
				return false;
			}
			catch (TransientDataAccessException e) {
				if (!store.existing(row.onceKey(), List.of(row.customerId())).isEmpty()) {
					return false;
				}
				if (attempt == 5) {
					throw e;
				}
			}
		}
	}

	private NoticeStore.Row decide(Notice notice, CustomerProfile customer, Instant due,
			Map<String, Optional<NotificationTemplate>> resolved) {
		String language = customer.preferredLanguage() != null && customer.preferredLanguage().matches("nl|en")
				? customer.preferredLanguage() : settings.languageOf(notice.brand());
		Map<String, String> values = notice.values() == null ? Map.of()
				: notice.values().getOrDefault(language, Map.of());
		ChannelChoice.Choice choice = ChannelChoice.choose(customer, adapters,
				channel -> problem(notice.template(), channel, language, values, resolved) == null);
		String reason = switch (choice.outcome()) {
			case Outcome.NO_CONSENT -> "the customer has not consented to proactive messages";
			case Outcome.NO_CHANNEL -> "the customer has no e-mail address, WhatsApp (with opt-in) or phone to reach";
			case Outcome.NO_TEMPLATE -> problem(notice.template(), choice.channel(), language, values, resolved);
			default -> null;
		};
		String state = Outcome.QUEUED.equals(choice.outcome()) ? "queued" : "skipped";
		return new NoticeStore.Row(Ids.next(), customer.id(), notice.onceKey(), notice.topic(), notice.template(),
				notice.brand(), choice.channel(), language, values, state, choice.outcome(), reason, due, 0, null);
	}

	/** Why this notice cannot go out on {@code channel} in {@code language}; null when it can. */
	String problem(String name, String channel, String language, Map<String, String> values,
			Map<String, Optional<NotificationTemplate>> resolved) {
		Optional<NotificationTemplate> template = resolved.computeIfAbsent(channel + "/" + language,
				key -> templates.resolve(name, channel, language));
		if (template.isEmpty()) {
			return "no " + language + " template of '" + name + "' for " + channel + " or for any channel";
		}
		if (NoticeTemplates.WHATSAPP.equals(channel) && template.get().providerTemplate() == null) {
			return "no approved WhatsApp template for '" + name + "' in " + language;
		}
		for (String placeholder : NoticeTemplates.usedBy(template.get())) {
			if (values.get(placeholder) == null) {
				return "the notice has no " + language + " value for {{" + placeholder + "}}";
			}
		}
		return null;
	}

	private void validate(Notice notice) {
		if (notice == null || notice.customers() == null || notice.customers().stream().anyMatch(c -> c == null)) {
			throw new InvalidInputException("customers", "a notice needs its list of customers");
		}
		if (notice.onceKey() == null || notice.onceKey().isBlank() || notice.onceKey().length() > 300) {
			throw new InvalidInputException("onceKey", "a notice needs a once key of at most 300 characters");
		}
		if (notice.topic() == null || notice.topic().isBlank() || notice.topic().length() > 200) {
			throw new InvalidInputException("topic", "a notice needs a topic of at most 200 characters");
		}
		if (notice.template() == null || templates.kind(notice.template()).isEmpty()) {
			throw new InvalidInputException("template", "unknown notification template '" + notice.template() + "'");
		}
	}

	@Override
	public NoticeCounts counts(String topic) {
		NoticeStore.TopicRows rows = store.ofTopic(topic);
		Map<DeliveryStatus, Long> byStatus = deliveries.statuses(rows.messages())
			.values()
			.stream()
			.collect(Collectors.groupingBy(s -> s, Collectors.counting()));
		return new NoticeCounts(rows.queued() + byStatus.getOrDefault(DeliveryStatus.PENDING, 0L),
				byStatus.getOrDefault(DeliveryStatus.SENT, 0L), byStatus.getOrDefault(DeliveryStatus.DELIVERED, 0L),
				byStatus.getOrDefault(DeliveryStatus.READ, 0L), byStatus.getOrDefault(DeliveryStatus.FAILED, 0L),
				rows.skipped());
	}
}
