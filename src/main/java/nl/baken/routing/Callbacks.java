package nl.baken.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.ConversationAbandoned;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.ConversationResolved;
import nl.baken.conversation.ConversationView;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboundMessage;
import nl.baken.conversation.InboundReceipt;
import nl.baken.customer.Brands;
import nl.baken.customer.CustomerId;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.routing.internal.CallbackStore;
import nl.baken.shared.Actor;
import nl.baken.shared.Ids;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import nl.baken.shared.RuleViolationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Callbacks as routed work that keeps its promise. A request books a slot offered from expected free capacity, or
 * keeps the caller's place in the queue; when due it becomes a phone conversation in the queue with the callback's
 * place and requirements, for an agent with the right skills; each attempt ends with an outcome and failed attempts
 * are retried by the retry policy. A second request of a customer whose callback is pending is linked to it. Every
 * step is in the contact-event log.
 */
@Service
public class Callbacks {

	static final String CHANNEL = "phone";

	private final CallbackStore store;

	private final Routing routing;

	private final Conversations conversations;

	private final ContactEvents events;

	private final Customers customers;

	private final Brands brands;

	private final Clock clock;

	private final ApplicationEventPublisher publisher;

	private final TransactionTemplate transactions;

	private final ZoneId zone;

	private final LocalTime opens;

	private final LocalTime closes;

	private final Duration slotLength;

	private final Duration leadTime;

	private final double spareShare;

	private final int maxAttempts;

	private final List<Duration> retryDelays;

	Callbacks(CallbackStore store, Routing routing, Conversations conversations, ContactEvents events,
			Customers customers, Brands brands, Clock clock, ApplicationEventPublisher publisher,
			PlatformTransactionManager transactionManager,
			@Value("${baken.callbacks.time-zone:Europe/Amsterdam}") String zone,
			@Value("${baken.callbacks.opens:08:00}") String opens,
			@Value("${baken.callbacks.closes:20:00}") String closes,
			@Value("${baken.callbacks.slot:PT30M}") Duration slotLength,
			@Value("${baken.callbacks.lead-time:PT15M}") Duration leadTime,
			@Value("${baken.callbacks.spare-share:0.25}") double spareShare,
			@Value("${baken.callbacks.max-attempts:3}") int maxAttempts,
			@Value("${baken.callbacks.retry-delays:PT10M,PT30M}") String retryDelays) {
		this.store = store;
		this.routing = routing;
		this.conversations = conversations;
		this.events = events;
		this.customers = customers;
		this.brands = brands;
		this.clock = clock;
		this.publisher = publisher;
		this.transactions = new TransactionTemplate(transactionManager);
		this.zone = ZoneId.of(zone);
		this.opens = LocalTime.parse(opens);
		this.closes = LocalTime.parse(closes);
		this.slotLength = slotLength;
		this.leadTime = leadTime;
		this.spareShare = spareShare;
		this.maxAttempts = maxAttempts;
		this.retryDelays = Arrays.stream(retryDelays.split(",")).map(String::strip).map(Duration::parse).toList();
	}

	/**
	 * Slots in the next {@code days} days (from today) within opening hours: per slot, the share of the phone
	 * capacity of all routed agents kept for callbacks, less the callbacks already booked in it.
	 */
	public List<CallbackSlot> slots(int days) {
		if (days < 1 || days > 14) {
			throw new InvalidInputException("days", "days is 1 to 14");
		}
		Instant earliest = clock.instant().plus(leadTime);
		int perSlot = perSlot();
		List<CallbackSlot> slots = new ArrayList<>();
		LocalDate day = LocalDate.ofInstant(clock.instant(), zone);
		for (int d = 0; d < days; d++, day = day.plusDays(1)) {
			for (ZonedDateTime start = day.atTime(opens).atZone(zone); !start.toLocalTime().plus(slotLength)
				.isAfter(closes) && start.toLocalDate().equals(day); start = start.plus(slotLength)) {
				Instant from = start.toInstant();
				if (from.isBefore(earliest)) {
					continue;
				}
				Instant to = from.plus(slotLength);
				int free = perSlot - store.booked(from, to);
				if (free > 0) {
					slots.add(new CallbackSlot(from, to, free));
				}
			}
		}
		return slots;
	}

	/** Whether this is the start of a slot that is offered now: on the grid, in opening hours, ahead, with room. */
	private boolean offered(Instant start) {
		ZonedDateTime local = start.atZone(zone);
		LocalDate day = local.toLocalDate();
		if (start.isBefore(clock.instant().plus(leadTime))
				|| start.isAfter(LocalDate.ofInstant(clock.instant(), zone).plusDays(14).atStartOfDay(zone).toInstant())
				|| local.toLocalTime().isBefore(opens) || local.toLocalTime().plus(slotLength).isAfter(closes)
				|| Duration.between(day.atTime(opens).atZone(zone), local).toSeconds() % slotLength.toSeconds() != 0) {
			return false;
		}
		return perSlot() - store.booked(start, start.plus(slotLength)) > 0;
	}

	private int perSlot() {
		return (int) Math.floor(routing.freeSlotsPerHandlingTime(CHANNEL) * (double) slotLength.toSeconds()
				/ routing.handleSeconds(CHANNEL) * spareShare);
	}

	/** Books a callback, or links it to the customer's pending one. Retried once when a new customer races. */
	public CallbackView request(CallbackRequest request, Actor by) {
		validate(request);
		Identity phone = Identity.phone(request.phone());
		try {
			return transactions.execute(status -> book(request, phone, by));
		}
		catch (DuplicateKeyException e) {
			// the same customer asked twice at once (or was created by another contact): the second look finds it
			return transactions.execute(status -> book(request, phone, by));
		}
	}

	private CallbackView book(CallbackRequest request, Identity phone, Actor by) {
		Instant now = clock.instant();
		CustomerId customer = customers.resolve(new IdentityClaim(List.of(phone), null, request.brandId(), now));
		int urgency = request.urgency() == null ? 0 : request.urgency();
		Optional<UUID> pending = store.pendingOf(customer.value());
		UUID id = Ids.next();
		if (pending.isPresent()) {
			CallbackView first = store.find(pending.get()).orElseThrow().view();
			CallbackView linked = new CallbackView(id, customer.value(), phone.value(), request.kind(),
					request.origin(), request.reason(), request.topic(), urgency, request.language(),
					request.brandId(), "linked", first.promisedFrom(), first.promisedTo(), first.dueAt(), 0, null,
					first.id(), request.conversationId(), now, null, null, "linked");
			store.insert(linked, null);
			log(now, linked, ContactEventType.CALLBACK_REQUESTED, by, Map.of("linkedTo", first.id().toString()));
			publisher.publishEvent(new CallbackChanged(linked, CallbackChanged.Change.REQUESTED, request.conversationId()));
			return linked;
		}
		Instant from;
		Instant to;
		Long rank = null;
		if (request.kind().equals("scheduled")) {
			from = request.slotStart();
			to = from.plus(slotLength);
			if (!offered(from)) {
				throw new InvalidInputException("slotStart",
						"this slot is not offered (any more); ask for the slots again and pick one of them");
			}
		}
		else {
			from = now;
			WaitInfo wait = null;
			if (request.conversationId() != null) {
				rank = routing.rankOf(request.conversationId()).orElse(null);
				wait = rank == null ? null : routing.waitInfo(request.conversationId());
				if (rank != null) {
					// the call flows out of the queue; the callback will take its place
					routing.flowOut(request.conversationId());
				}
			}
			long expected = wait == null ? routing.handleSeconds(CHANNEL) : wait.expectedWaitSeconds();
			to = now.plusSeconds(expected).plus(slotLength);
		}
		CallbackView callback = new CallbackView(id, customer.value(), phone.value(), request.kind(), request.origin(),
				request.reason(), request.topic(), urgency, request.language(), request.brandId(), "scheduled", from, to,
				from, 0, null, null, request.conversationId(), now, null, null, "open");
		store.insert(callback, rank);
		store.markPending(customer.value(), id);
		log(now, callback, ContactEventType.CALLBACK_REQUESTED, by, Map.of());
		if (request.kind().equals("scheduled")) {
			log(now, callback, ContactEventType.CALLBACK_SCHEDULED, by, Map.of());
		}
		publisher.publishEvent(
				new CallbackChanged(callback, CallbackChanged.Change.REQUESTED, request.conversationId()));
		return callback;
	}

	private void validate(CallbackRequest r) {
		if (r.kind() == null || !r.kind().matches("in_queue|scheduled")) {
			throw new InvalidInputException("kind", "kind is in_queue or scheduled");
		}
		if (r.origin() == null || !r.origin().matches("widget|contact_page|ivr|api")) {
			throw new InvalidInputException("origin", "origin is widget, contact_page, ivr or api");
		}
		if (r.kind().equals("scheduled") && r.slotStart() == null) {
			throw new InvalidInputException("slotStart", "a scheduled callback needs one of the offered slots");
		}
		if (r.urgency() != null && (r.urgency() < 0 || r.urgency() > 3)) {
			throw new InvalidInputException("urgency", "urgency is 0 (normal) to 3 (most urgent)");
		}
		if (r.language() != null && !r.language().matches("[a-z]{2}")) {
			throw new InvalidInputException("language", "a language is a two-letter code such as nl or en");
		}
		if (r.brandId() != null && !brands.exists(r.brandId())) {
			throw new InvalidInputException("brandId", "unknown brand '" + r.brandId() + "'");
		}
		if (r.topic() != null && !r.topic().matches("[a-z0-9][a-z0-9._-]{0,59}")) {
			throw new InvalidInputException("topic", "a topic is lower-case letters, digits, '.', '_' or '-'");
		}
	}

	public Optional<CallbackView> find(UUID id) {
		return store.find(id).map(CallbackStore.Row::view);
	}

	public List<CallbackView> pending() {
		return store.pending(500);
	}

	/** Callbacks promised for a window starting in [from, to): what the team lead checks for kept promises. */
	public List<CallbackView> promised(Instant from, Instant to) {
		return store.promisedBetween(from, to);
	}

	/**
	 * Due callbacks become phone conversations in the queue: the callback's own place (the caller's, for one that
	 * keeps it) and its topic and urgency. One node takes each callback. Returns how many this node queued.
	 */
	public int queueDue() {
		int queued = 0;
		for (CallbackStore.Row due : store.due(clock.instant(), 50)) {
			if (Boolean.TRUE.equals(transactions.execute(status -> queue(due)))) {
				queued++;
			}
		}
		return queued;
	}

	private boolean queue(CallbackStore.Row due) {
		CallbackView c = due.view();
		Instant now = clock.instant();
		if (!store.claim(c.id(), due.version(), "queued", c.conversationId())) {
			return false;
		}
		String text = c.reason() == null || c.reason().isBlank() ? "Callback requested" : c.reason();
		InboundMessage message = new InboundMessage(CHANNEL, "callback-" + c.id() + "-" + c.attempts(),
				new IdentityClaim(List.of(Identity.phone(c.phone())), null, c.brandId(), now), c.brandId(),
				c.language(), "Callback", text, null, List.of(), now, now);
		InboundReceipt receipt = conversations.receive(message);
		ConversationView conversation = conversations.find(new ConversationId(receipt.conversationId())).orElseThrow();
		Classification classification = new Classification(c.topic(), null, null, c.urgency(), null);
		routing.enqueue(conversation, classification, now);
		long rank = due.queueRank() != null ? due.queueRank() : Long.MAX_VALUE;
		routing.markCallback(receipt.conversationId(), c.id(), rank, classification);
		store.claim(c.id(), due.version() + 1, "queued", receipt.conversationId());
		events.append(now, conversation, ContactEventType.QUEUED, Routing.ROUTING, conversation.teamId(),
				Map.of("callbackId", c.id().toString(), "attempt", c.attempts() + 1));
		return true;
	}

	/**
	 * The agent's attempt and how it ended. Connected ends the callback; a wrong number ends it too; no answer or
	 * voicemail tries again after the next retry delay until the attempts run out. The work leaves the agent either
	 * way, except when connected (then the conversation stays with them until resolved).
	 */
	@Transactional
	public CallbackView recordAttempt(UUID id, CallbackOutcome outcome, String agentId) {
		CallbackStore.Row row = store.forUpdate(id).orElseThrow(() -> new NotFoundException("Callback", id));
		CallbackView c = row.view();
		if (!c.status().equals("queued") || c.conversationId() == null) {
			throw new RuleViolationException("Callback " + id + " is " + c.status() + "; only a queued callback is attempted");
		}
		RoutedWork work = routing.work(c.conversationId()).orElseThrow();
		if (!"assigned".equals(work.status())) {
			throw new RuleViolationException("Callback " + id + " is not with an agent yet");
		}
		String agent = agentId == null ? work.agentId() : agentId;
		Instant now = clock.instant();
		int attempts = c.attempts() + 1;
		Instant first = c.firstAttemptAt() == null ? now : c.firstAttemptAt();
		ConversationView conversation = conversations.find(new ConversationId(c.conversationId())).orElseThrow();
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("callbackId", id.toString());
		attributes.put("attempt", attempts);
		attributes.put("outcome", outcome.code());
		events.append(now, conversation, ContactEventType.CALLBACK_ATTEMPTED, Actor.agent(agent), work.queue(),
				attributes);
		if (outcome == CallbackOutcome.CONNECTED) {
			store.attempted(id, "connected", outcome.code(), attempts, first, c.dueAt(), now);
			store.clearPending(id);
			events.append(now, conversation, ContactEventType.CALLBACK_CONNECTED, Actor.agent(agent), work.queue(),
					Map.of("callbackId", id.toString(), "attempt", attempts, "promise",
							CallbackView.promise("connected", c.promisedFrom(), c.promisedTo(), now, now)));
			if (conversation.firstResponseAt() == null) {
				conversations.answer(new ConversationId(c.conversationId()), agent, now);
			}
		}
		else if (outcome == CallbackOutcome.WRONG_NUMBER || attempts >= maxAttempts) {
			store.attempted(id, "failed", outcome.code(), attempts, first, c.dueAt(), now);
			store.clearPending(id);
			routing.park(c.conversationId());
			events.append(now, conversation, ContactEventType.CALLBACK_ENDED, Actor.agent(agent), work.queue(),
					Map.of("callbackId", id.toString(), "attempts", attempts, "outcome", outcome.code()));
		}
		else {
			Duration delay = retryDelays.get(Math.min(attempts - 1, retryDelays.size() - 1));
			store.attempted(id, "scheduled", outcome.code(), attempts, first, now.plus(delay), null);
			routing.park(c.conversationId());
			events.append(now, conversation, ContactEventType.CALLBACK_SCHEDULED, Actor.agent(agent), work.queue(),
					Map.of("callbackId", id.toString(), "retryAt", now.plus(delay).toString()));
			publisher.publishEvent(new CallbackChanged(store.find(id).orElseThrow().view(),
					CallbackChanged.Change.RESCHEDULED, row.requestConversationId()));
		}
		return store.find(id).orElseThrow().view();
	}

	/**
	 * The callback's conversation was closed before an attempt was recorded (a team lead closed it, or the agent
	 * resolved it first): the callback ends as cancelled, so the customer's next request is not linked to a callback
	 * nobody will make.
	 */
	@EventListener
	void on(ConversationResolved resolved) {
		endUnattempted(resolved.conversationId());
	}

	@EventListener
	void on(ConversationAbandoned abandoned) {
		endUnattempted(abandoned.conversationId());
	}

	private void endUnattempted(UUID conversationId) {
		store.queuedIn(conversationId).ifPresent(row -> {
			CallbackView c = row.view();
			Instant now = clock.instant();
			store.attempted(c.id(), "cancelled", null, c.attempts(), c.firstAttemptAt(), c.dueAt(), now);
			store.clearPending(c.id());
			log(now, c, ContactEventType.CALLBACK_ENDED, Routing.ROUTING,
					Map.of("outcome", "conversation-closed", "attempts", c.attempts()));
		});
	}

	/** Moves a callback that still waits for its time to another offered slot. */
	@Transactional
	public CallbackView reschedule(UUID id, Instant slotStart, Actor by) {
		CallbackStore.Row row = waiting(id);
		if (slotStart == null || !offered(slotStart)) {
			throw new InvalidInputException("slotStart",
					"this slot is not offered (any more); ask for the slots again and pick one of them");
		}
		store.reschedule(id, "scheduled", slotStart, slotStart.plus(slotLength));
		CallbackView moved = store.find(id).orElseThrow().view();
		log(clock.instant(), moved, ContactEventType.CALLBACK_SCHEDULED, by, Map.of("rescheduled", true));
		publisher.publishEvent(
				new CallbackChanged(moved, CallbackChanged.Change.RESCHEDULED, row.requestConversationId()));
		return moved;
	}

	/** Cancels a callback that still waits for its time (not one an agent is about to make). */
	@Transactional
	public CallbackView cancel(UUID id, Actor by) {
		CallbackStore.Row row = waiting(id);
		Instant now = clock.instant();
		store.cancel(id, now);
		store.clearPending(id);
		CallbackView cancelled = store.find(id).orElseThrow().view();
		log(now, cancelled, ContactEventType.CALLBACK_ENDED, by, Map.of("outcome", "cancelled",
				"attempts", row.view().attempts()));
		publisher.publishEvent(
				new CallbackChanged(cancelled, CallbackChanged.Change.CANCELLED, row.requestConversationId()));
		return cancelled;
	}

	private CallbackStore.Row waiting(UUID id) {
		CallbackStore.Row row = store.forUpdate(id).orElseThrow(() -> new NotFoundException("Callback", id));
		if (!row.view().status().equals("scheduled")) {
			throw new RuleViolationException("Callback " + id + " is " + row.view().status()
					+ "; only a callback that still waits for its time is rescheduled or cancelled");
		}
		return row;
	}

	private void log(Instant at, CallbackView c, ContactEventType type, Actor by, Map<String, Object> extra) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("callbackId", c.id().toString());
		attributes.put("kind", c.kind());
		attributes.put("origin", c.origin());
		attributes.put("urgency", c.urgency());
		attributes.put("promisedFrom", c.promisedFrom().toString());
		attributes.put("promisedTo", c.promisedTo().toString());
		if (c.topic() != null) {
			attributes.put("topic", c.topic());
		}
		attributes.putAll(extra);
		events.append(at, c.conversationId(), c.customerId(), CHANNEL, type, by, c.brandId(), null, null, attributes);
	}
}
