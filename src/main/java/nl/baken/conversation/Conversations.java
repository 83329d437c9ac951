package nl.baken.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import nl.baken.access.Teams;
import nl.baken.conversation.internal.ConversationStore;
import nl.baken.customer.Brands;
import nl.baken.customer.CustomerId;
import nl.baken.customer.Customers;
import nl.baken.shared.Actor;
import nl.baken.shared.Databases;
import nl.baken.shared.GroupCommit;
import nl.baken.shared.Ids;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import nl.baken.shared.RuleViolationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lifecycle of conversations. Each change and the contact events that record it are written in one transaction.
 */
@Service
public class Conversations {

	/** Queue of contacts that no team has taken yet; routing moves them on. */
	public static final String UNROUTED_QUEUE = "unrouted";

	private static final int MAX_ATTEMPTS = 5;

	private final ConversationStore store;

	private final ContactEvents events;

	private final ContactReasons reasons;

	private final Customers customers;

	private final Brands brands;

	private final Teams teams;

	private final ApplicationEventPublisher publisher;

	private final TransactionTemplate transactions;

	private final GroupCommit<InboundMessage, InboundReceipt> inbound;

	private final ObjectProvider<FirstResponder> responders;

	/** The responders, looked up once: asking the bean factory for every new conversation costs a visible share. */
	private volatile List<FirstResponder> firstResponders;

	Conversations(ConversationStore store, ContactEvents events, ContactReasons reasons, Customers customers,
			Brands brands, Teams teams, ApplicationEventPublisher publisher, PlatformTransactionManager transactionManager,
			ObjectProvider<FirstResponder> responders, DataSource dataSource,
			@Value("${baken.inbound.writers:0}") int writers, @Value("${baken.inbound.max-batch:32}") int maxBatch) {
		this.store = store;
		this.responders = responders;
		this.events = events;
		this.reasons = reasons;
		this.customers = customers;
		this.brands = brands;
		this.teams = teams;
		this.publisher = publisher;
		this.transactions = new TransactionTemplate(transactionManager);
		// A group skips the look-up for retries: a retry is rare, fails the group on the unique provider id, and its
		// second, single attempt finds the stored message.
		// One writer on H2: its groups are larger and each group's commit writes every page it changed once, 40 %
		// fewer bytes per message (docs/benchmarks.md). Two on PostgreSQL, where each statement is a round trip: one
		// writer waits on the network more than it works, four make small groups that each commit and ask the
		// once-per-transaction questions again (docs/benchmarks.md).
		int writerCount = writers > 0 ? writers : Databases.isH2(dataSource) ? 1 : 2;
		this.inbound = new GroupCommit<>("inbound", dataSource, writerCount, maxBatch, this::store);
	}

	@PreDestroy
	void stopWriters() {
		inbound.close();
	}

	/**
	 * Stores a customer's message and returns once it is committed. The same provider message id on the same channel
	 * is stored once: a retry, also one racing the first delivery on another node, gets the first receipt. Messages
	 * arriving together are committed together; one that fails in a group is stored again on its own.
	 */
	public InboundReceipt receive(InboundMessage message) {
		if (message.brandId() != null && !brands.exists(message.brandId())) {
			throw new InvalidInputException("brand", "unknown brand '" + message.brandId() + "'");
		}
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			// part of the caller's transaction (e.g. the demo seeding): it commits, not a writer thread
			return storeOrFindDuplicate(message);
		}
		return inbound.submit(message).orElseGet(() -> receiveAlone(message));
	}

	/**
	 * Like {@link #receive(InboundMessage)}, but into {@code thread} when that conversation is still open and belongs
	 * to the sender (after merges): a channel that threads replies itself (e-mail headers, a reply token) says where
	 * the message belongs. Otherwise, such as when someone else answers in the thread, the usual rule applies.
	 */
	public InboundReceipt receive(InboundMessage message, ConversationId thread) {
		if (thread == null) {
			return receive(message);
		}
		if (message.brandId() != null && !brands.exists(message.brandId())) {
			throw new InvalidInputException("brand", "unknown brand '" + message.brandId() + "'");
		}
		return receiveAlone(message, thread.value());
	}

	private InboundReceipt receiveAlone(InboundMessage message) {
		return receiveAlone(message, null);
	}

	private InboundReceipt receiveAlone(InboundMessage message, UUID thread) {
		for (int attempt = 1;; attempt++) {
			try {
				return transactions.execute(status -> storeOrFindDuplicate(message, thread));
			}
			catch (DuplicateKeyException e) {
				// Another transaction stored this message, or created this customer, first: look again.
				Optional<InboundReceipt> stored = transactions.execute(
						status -> store.byProviderId(message.channel(), message.providerMessageId())
							.map(Conversations::duplicateReceipt));
				if (stored.isPresent()) {
					return stored.get();
				}
				if (attempt == MAX_ATTEMPTS) {
					throw e;
				}
			}
		}
	}

	private static InboundReceipt duplicateReceipt(ConversationStore.StoredMessage stored) {
		return new InboundReceipt(stored.conversationId(), stored.messageId(), stored.customerId(), true);
	}

	private InboundReceipt storeOrFindDuplicate(InboundMessage message) {
		return storeOrFindDuplicate(message, null);
	}

	private InboundReceipt storeOrFindDuplicate(InboundMessage message, UUID thread) {
		return store.byProviderId(message.channel(), message.providerMessageId())
			.map(Conversations::duplicateReceipt)
			.orElseGet(() -> store(message, thread));
	}

	/**
	 * Listeners of {@link MessageReceived} must be transactional (after commit): a group that fails is rolled back
	 * and its messages are stored again with new ids.
	 */
	private InboundReceipt store(InboundMessage message) {
		return store(message, null);
	}

	private InboundReceipt store(InboundMessage message, UUID thread) {
		Instant at = message.receivedAt();
		CustomerId customer = customers.resolve(message.sender());
		Actor actor = Actor.customer(customer.toString());
		Optional<ConversationView> open = thread == null ? Optional.empty()
				: store.forUpdate(thread)
					.filter(c -> c.status().isOpen())
					.filter(c -> customers.canonical(new CustomerId(c.customerId())).equals(customer));
		if (open.isEmpty()) {
			open = store.openConversationForUpdate(customer.value(), message.channel(), message.brandId());
		}
		ConversationView conversation;
		// the message's events are written together, one round trip on PostgreSQL
		List<ContactEvent> logged = new ArrayList<>(3);
		if (open.isPresent()) {
			conversation = open.get();
		}
		else {
			// a conversation the bot takes is not offered to the queue until the bot hands it off
			boolean bot = firstResponders().stream().anyMatch(responder -> responder.takes(message));
			conversation = new ConversationView(Ids.next(), customer.value(), message.brandId(), message.channel(),
					List.of(message.channel()), null, null, message.language(),
					bot ? ConversationStatus.BOT : ConversationStatus.QUEUED, null, 0, subject(message), at, at, null,
					null);
			store.insert(conversation);
			logged.add(ContactEvents.event(at, conversation, ContactEventType.OFFERED, actor, null,
					bot ? Map.of("to", "bot") : Map.of()));
			if (!bot) {
				logged.add(ContactEvents.event(at, conversation, ContactEventType.QUEUED, Actor.system(null),
						UNROUTED_QUEUE, Map.of()));
			}
		}
		UUID messageId = Ids.next();
		store.insertMessage(new MessageView(messageId, conversation.id(), message.channel(), "inbound", "customer",
				customer.toString(), message.text(), message.html(), message.attachments(),
				message.providerMessageId(), null, message.sentAt(), at), null);
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("messageId", messageId.toString());
		ConversationStatus next = conversation.status() == ConversationStatus.WAITING_FOR_CUSTOMER
				? (conversation.assignedAgent() == null ? ConversationStatus.QUEUED : ConversationStatus.ASSIGNED)
				: conversation.status();
		if (next != conversation.status()) {
			attributes.put("statusFrom", conversation.status().code());
			attributes.put("statusTo", next.code());
		}
		logged.add(ContactEvents.event(at, conversation, ContactEventType.MESSAGE_RECEIVED, actor, null, attributes));
		events.appendAll(logged);
		if (open.isPresent()) {
			// a conversation inserted just above already has this status and time: no second write of its row
			store.update(conversation.withStatus(next, at));
		}
		publisher.publishEvent(new MessageReceived(conversation.id(), messageId, customer.value(), message.channel(),
				open.isEmpty(), message.text(), at));
		return new InboundReceipt(conversation.id(), messageId, customer.value(), false);
	}

	/** Resolved on first use, not in the constructor: a responder may itself depend on this service. */
	private List<FirstResponder> firstResponders() {
		List<FirstResponder> found = firstResponders;
		if (found == null) {
			found = responders.orderedStream().toList();
			firstResponders = found;
		}
		return found;
	}

	/** An agent's reply, sent on the conversation's channel. The same idempotency key stores it once. */
	@Transactional
	public MessageView reply(ConversationId id, String agentId, String text, String idempotencyKey, Instant at) {
		if (idempotencyKey != null) {
			Optional<ConversationStore.StoredMessage> earlier = store.byIdempotencyKey(id.value(), idempotencyKey);
			if (earlier.isPresent()) {
				return store.message(earlier.get().messageId()).orElseThrow();
			}
		}
		ConversationView conversation = locked(id);
		if (!conversation.status().isOpen()) {
			throw new RuleViolationException("Conversation " + id + " is " + conversation.status().code()
					+ "; reopen it before replying");
		}
		Actor agent = Actor.agent(agentId);
		if (conversation.assignedAgent() == null) {
			conversation = assignTo(conversation, agentId, conversation.teamId(), agent, at);
		}
		MessageView reply = new MessageView(Ids.next(), id.value(), conversation.channel(), "outbound", "agent", agentId,
				text, null, List.of(), null, "pending", at, at);
		store.insertMessage(reply, idempotencyKey);
		if (conversation.firstResponseAt() == null) {
			events.append(at, conversation, ContactEventType.FIRST_AGENT_RESPONSE, agent, queueOf(conversation),
					Map.of("messageId", reply.id().toString()));
		}
		events.append(at, conversation, ContactEventType.MESSAGE_SENT, agent, null,
				Map.of("messageId", reply.id().toString()));
		ConversationView updated = conversation.withStatus(ConversationStatus.WAITING_FOR_CUSTOMER, at);
		store.update(updated.firstResponseAt() == null ? updated.firstResponded(at) : updated);
		publisher.publishEvent(new AgentReplied(id.value(), reply.id(), conversation.channel(), agentId));
		return reply;
	}

	/**
	 * A message Baken itself sends in an open conversation (such as a confirmation): stored as outbound from the
	 * system, without assigning the conversation or changing its status; the caller hands it to the channel's outbox
	 * in the same transaction.
	 */
	@Transactional
	public MessageView sendAutomatic(ConversationId id, String text, Actor by, Instant at) {
		ConversationView conversation = locked(id);
		if (!conversation.status().isOpen()) {
			throw new RuleViolationException("Conversation " + id + " is " + conversation.status().code());
		}
		return outbound(conversation, "system", by.id(), text, by, Map.of("automatic", true), at);
	}

	/**
	 * An automatic answer from the bot (such as the status of an incident the customer is affected by), sent on the
	 * conversation's channel. The conversation keeps its status and place in the queue: an agent still sees it.
	 */
	@Transactional
	public MessageView botAnswer(ConversationId id, String text, Map<String, Object> attributes, Instant at) {
		ConversationView conversation = locked(id);
		requireOpen(conversation, "answer");
		MessageView reply = new MessageView(Ids.next(), id.value(), conversation.channel(), "outbound", "bot", null,
				text, null, List.of(), null, "pending", at, at);
		store.insertMessage(reply, null);
		Map<String, Object> answered = new LinkedHashMap<>(attributes);
		answered.put("messageId", reply.id().toString());
		// the answer's reason first, then the message like every other sent message
		events.append(at, conversation, ContactEventType.BOT_ANSWERED, Actor.bot(), null, answered);
		events.append(at, conversation, ContactEventType.MESSAGE_SENT, Actor.bot(), null,
				Map.of("messageId", reply.id().toString()));
		publisher.publishEvent(new AgentReplied(id.value(), reply.id(), conversation.channel(), null));
		return reply;
	}

	/**
	 * A message Baken starts itself, such as a proactive notification, to a customer who may have no conversation:
	 * it gets a conversation of its own that is closed from the start, so it never enters an agent's inbox (a reply
	 * from the customer opens a new one as usual). The message's author is the system; the caller enqueues it in the
	 * outbox in this transaction. {@code attributes} go on the NOTIFICATION_SENT contact event.
	 */
	@Transactional
	public MessageView startOutbound(CustomerId customer, String channel, String brandId, String language,
			String subject, String text, String systemId, Map<String, Object> attributes, Instant at) {
		if (brandId != null && !brands.exists(brandId)) {
			throw new InvalidInputException("brand", "unknown brand '" + brandId + "'");
		}
		CustomerId canonical = customers.canonical(customer);
		ConversationView conversation = new ConversationView(Ids.next(), canonical.value(), brandId, channel,
				List.of(channel), null, null, language, ConversationStatus.CLOSED, null, 0, subject, at, at, null,
				null);
		store.insert(conversation);
		MessageView message = new MessageView(Ids.next(), conversation.id(), channel, "outbound", "system", systemId,
				text, null, List.of(), null, "pending", at, at);
		store.insertMessage(message, null);
		Map<String, Object> event = new LinkedHashMap<>(attributes);
		event.put("messageId", message.id().toString());
		events.append(at, conversation, ContactEventType.NOTIFICATION_SENT, Actor.system(systemId), null, event);
		return message;
	}

	/**
	 * The bot's message to the customer, sent on the conversation's channel while the bot has the conversation.
	 * {@code attributes} describe the bot step (recorded on the {@code message_sent} event).
	 */
	@Transactional
	public MessageView botReply(ConversationId id, String text, Map<String, Object> attributes, Instant at) {
		ConversationView conversation = locked(id);
		requireBot(conversation, "reply as the bot in");
		MessageView reply = outbound(conversation, "bot", "bot", text, Actor.bot(), attributes, at);
		store.update(conversation.withStatus(ConversationStatus.BOT, at));
		publisher.publishEvent(new AgentReplied(id.value(), reply.id(), conversation.channel(), null));
		return reply;
	}

	/**
	 * The bot gives the conversation to a person: its summary becomes an internal note (author {@code bot}), the
	 * {@code bot_handoff} event records why ({@code attributes}), and the conversation enters the queue; routing
	 * places it with the requirements the caller gives it.
	 */
	@Transactional
	public ConversationView handOff(ConversationId id, String summary, Map<String, Object> attributes, Instant at) {
		ConversationView conversation = locked(id);
		requireBot(conversation, "hand off");
		NoteView note = new NoteView(Ids.next(), id.value(), "bot", summary, at);
		store.insertNote(note);
		events.append(at, conversation, ContactEventType.NOTE_ADDED, Actor.bot(), null,
				Map.of("noteId", note.id().toString()));
		Map<String, Object> recorded = new LinkedHashMap<>(attributes);
		recorded.put("noteId", note.id().toString());
		events.append(at, conversation, ContactEventType.BOT_HANDOFF, Actor.bot(), null, recorded);
		ConversationView queued = conversation.withStatus(ConversationStatus.QUEUED, at);
		events.append(at, queued, ContactEventType.QUEUED, Actor.bot(), queueOf(queued), Map.of("after", "bot"));
		store.update(queued);
		return queued;
	}

	/**
	 * The bot closes a conversation it handled without a person: a {@code bot_contained} event with
	 * {@code attributes}, then resolved with {@code reasonId} when that is a known contact reason, otherwise closed.
	 * Whether the containment was false (a contact of the customer followed within 24 h) analytics reads from the log.
	 */
	@Transactional
	public ConversationView closeByBot(ConversationId id, String reasonId, Map<String, Object> attributes,
			Instant at) {
		ConversationView conversation = locked(id);
		requireBot(conversation, "close as the bot");
		Optional<ContactReason> reason = reasonId == null ? Optional.empty() : reasons.find(reasonId);
		events.append(at, conversation, ContactEventType.BOT_CONTAINED, Actor.bot(), null, attributes);
		ConversationView closed;
		if (reason.isPresent()) {
			closed = conversation.resolvedAs(reason.get().id(), at);
			events.append(at, closed, ContactEventType.RESOLVED, Actor.bot(), queueOf(conversation),
					Map.of("reason", reason.get().id(), "informational", reason.get().informational(), "valence",
							reason.get().valence()));
		}
		else {
			closed = conversation.withStatus(ConversationStatus.CLOSED, at);
		}
		store.update(closed);
		if (reason.isPresent()) {
			publisher.publishEvent(new ConversationResolved(id.value(), conversation.customerId(), reason.get().id()));
		}
		return closed;
	}

	@Transactional
	public NoteView addNote(ConversationId id, String agentId, String text, Instant at) {
		ConversationView conversation = locked(id);
		NoteView note = new NoteView(Ids.next(), id.value(), agentId, text, at);
		store.insertNote(note);
		events.append(at, conversation, ContactEventType.NOTE_ADDED, Actor.agent(agentId), null,
				Map.of("noteId", note.id().toString()));
		return note;
	}

	@Transactional
	public ConversationView assign(ConversationId id, String agentId, String teamId, Actor by, Instant at) {
		return assignLocked(locked(id), agentId, teamId, by, at);
	}

	/**
	 * Routing's assignment: only while nobody has the conversation, checked under its lock, since an agent may have
	 * answered it (which assigns them) after routing looked. False when someone has it.
	 */
	@Transactional
	public boolean assignIfUnassigned(ConversationId id, String agentId, String teamId, Actor by, Instant at) {
		ConversationView conversation = locked(id);
		if (conversation.assignedAgent() != null) {
			return false;
		}
		assignLocked(conversation, agentId, teamId, by, at);
		return true;
	}

	private ConversationView assignLocked(ConversationView conversation, String agentId, String teamId, Actor by,
			Instant at) {
		requireOpen(conversation, "assign");
		requireTeam(teamId);
		ConversationView assigned = assignTo(conversation, agentId, teamId == null ? conversation.teamId() : teamId,
				by, at);
		store.update(assigned);
		publisher.publishEvent(new ConversationAssigned(conversation.id(), agentId));
		return assigned;
	}

	/**
	 * Routing takes back a conversation the agent has not answered, because they went away or offline: it waits in
	 * the queue again for anyone in its team. Not a transfer (the transfer KPIs count what agents hand on); the {@code
	 * queued} event says why ({@code after}, such as {@code agent-offline}). False when the conversation is no longer
	 * theirs, was answered or has ended.
	 */
	@Transactional
	public boolean returnToQueue(ConversationId id, String agentId, String after, Actor by, Instant at) {
		ConversationView conversation = locked(id);
		if (!conversation.status().isOpen() || !agentId.equals(conversation.assignedAgent())
				|| conversation.firstResponseAt() != null) {
			return false;
		}
		ConversationView queued = conversation.routedTo(conversation.teamId(), null, ConversationStatus.QUEUED, at);
		events.append(at, queued, ContactEventType.QUEUED, by, queueOf(queued),
				Map.of("after", after, "fromAgent", agentId));
		store.update(queued);
		return true;
	}

	/** Moves the conversation to another team or agent; the reason is kept for the transfer KPIs. */
	@Transactional
	public ConversationView transfer(ConversationId id, String toTeamId, String toAgentId, String reason, Actor by,
			Instant at) {
		if (toTeamId == null && toAgentId == null) {
			throw new InvalidInputException("toTeamId", "a transfer needs a team or an agent to go to");
		}
		if (reason == null || reason.isBlank()) {
			throw new InvalidInputException("reason", "a transfer needs a reason");
		}
		requireTeam(toTeamId);
		ConversationView conversation = locked(id);
		requireOpen(conversation, "transfer");
		String team = toTeamId == null ? conversation.teamId() : toTeamId;
		Map<String, Object> attributes = new HashMap<>();
		attributes.put("fromTeam", String.valueOf(conversation.teamId()));
		attributes.put("fromAgent", String.valueOf(conversation.assignedAgent()));
		attributes.put("toTeam", String.valueOf(team));
		attributes.put("toAgent", String.valueOf(toAgentId));
		attributes.put("level", toTeamId != null && !toTeamId.equals(conversation.teamId()) ? "team" : "agent");
		attributes.put("reason", reason.strip());
		events.append(at, conversation, ContactEventType.TRANSFERRED, by, queueOf(conversation), attributes);
		ConversationView moved;
		if (toAgentId != null) {
			moved = assignTo(conversation, toAgentId, team, by, at);
		}
		else {
			moved = conversation.routedTo(team, null, ConversationStatus.QUEUED, at);
			events.append(at, moved, ContactEventType.QUEUED, by, queueOf(moved), Map.of("after", "transfer"));
		}
		store.update(moved);
		publisher.publishEvent(new ConversationTransferred(id.value(), conversation.teamId(),
				conversation.assignedAgent(), team, toAgentId, reason.strip()));
		return moved;
	}

	/** Resolving needs a contact reason: it is what the unnecessary-contact KPIs are built on. */
	@Transactional
	public ConversationView resolve(ConversationId id, String reasonId, Actor by, Instant at) {
		ContactReason reason = reasons.find(reasonId == null ? "" : reasonId)
			.orElseThrow(() -> new InvalidInputException("reasonId", "unknown contact reason '" + reasonId + "'"));
		ConversationView conversation = locked(id);
		requireOpen(conversation, "resolve");
		ConversationView resolved = conversation.resolvedAs(reason.id(), at);
		events.append(at, resolved, ContactEventType.RESOLVED, by, queueOf(conversation),
				Map.of("reason", reason.id(), "informational", reason.informational(), "valence", reason.valence()));
		store.update(resolved);
		publisher.publishEvent(new ConversationResolved(id.value(), conversation.customerId(), reason.id()));
		return resolved;
	}

	/**
	 * An agent took a call: the first agent response of a contact that gets no written reply. Answering assigns the
	 * conversation to the agent if it was not yet.
	 */
	@Transactional
	public ConversationView answer(ConversationId id, String agentId, Instant at) {
		ConversationView conversation = locked(id);
		requireOpen(conversation, "answer");
		if (conversation.firstResponseAt() != null) {
			throw new RuleViolationException("Conversation " + id + " was already answered");
		}
		Actor agent = Actor.agent(agentId);
		if (!agentId.equals(conversation.assignedAgent())) {
			conversation = assignTo(conversation, agentId, conversation.teamId(), agent, at);
		}
		events.append(at, conversation, ContactEventType.FIRST_AGENT_RESPONSE, agent, queueOf(conversation), Map.of());
		ConversationView answered = conversation.firstResponded(at).withStatus(conversation.status(), at);
		store.update(answered);
		return answered;
	}

	/**
	 * The customer left before an agent answered, such as a caller hanging up in the queue. Nothing is left to do, so
	 * the conversation closes without a contact reason; the abandon KPIs read the event.
	 */
	@Transactional
	public ConversationView abandon(ConversationId id, Actor by, Instant at) {
		ConversationView conversation = locked(id);
		requireOpen(conversation, "abandon");
		if (conversation.firstResponseAt() != null) {
			throw new RuleViolationException("Conversation " + id + " was already answered; resolve it instead");
		}
		events.append(at, conversation, ContactEventType.ABANDONED, by, queueOf(conversation), Map.of());
		ConversationView closed = conversation.withStatus(ConversationStatus.CLOSED, at);
		store.update(closed);
		publisher.publishEvent(new ConversationAbandoned(id.value()));
		return closed;
	}

	/** The channel of work that no customer message started, such as a preventive rule's finding. */
	public static final String TASK_CHANNEL = "task";

	/**
	 * Opens a task for a team: a conversation with the customer, queued for {@code teamId}, whose first entry is an
	 * internal note saying why. No customer contacted anyone, so it is not offered as a contact and the contact KPIs
	 * do not count it; routing queues it like other work.
	 */
	@Transactional
	public ConversationView openTask(CustomerId customer, String brandId, String teamId, String language,
			String subject, String note, Actor by, Instant at) {
		if (teamId == null || !teams.exists(teamId)) {
			throw new InvalidInputException("teamId", "unknown team '" + teamId + "'");
		}
		if (brandId != null && !brands.exists(brandId)) {
			throw new InvalidInputException("brand", "unknown brand '" + brandId + "'");
		}
		CustomerId canonical = customers.canonical(customer);
		ConversationView task = new ConversationView(Ids.next(), canonical.value(), brandId, TASK_CHANNEL,
				List.of(TASK_CHANNEL), teamId, null, language, ConversationStatus.QUEUED, null, 0, subject, at, at, null,
				null);
		store.insert(task);
		NoteView written = new NoteView(Ids.next(), task.id(), by.label(), note, at);
		store.insertNote(written);
		events.append(at, task, ContactEventType.NOTE_ADDED, by, null, Map.of("noteId", written.id().toString()));
		events.append(at, task, ContactEventType.QUEUED, by, teamId, Map.of("task", true));
		return task;
	}

	/**
	 * Sets the priority the inbox orders by (highest first, then the longest waiting): routing's head start for the
	 * contact in seconds, from urgency, customer segment and requirement profiles, without the waiting time, which the
	 * inbox adds by itself. The waiting time is not reset. A change is a {@code prioritised} event, so open desks
	 * reorder at once and the log tells why a contact went ahead.
	 */
	@Transactional
	public ConversationView prioritise(ConversationId id, int priority, Actor by, Instant at) {
		if (priority < 0) {
			throw new InvalidInputException("priority", "priority is 0 or more");
		}
		ConversationView conversation = locked(id);
		if (conversation.priority() == priority) {
			return conversation;
		}
		ConversationView prioritised = conversation.prioritised(priority);
		store.update(prioritised);
		events.append(at, prioritised, ContactEventType.PRIORITISED, by, queueOf(prioritised),
				Map.of("from", conversation.priority(), "to", priority));
		return prioritised;
	}

	@Transactional
	public ConversationView reopen(ConversationId id, Actor by, Instant at) {
		ConversationView conversation = locked(id);
		if (conversation.status() != ConversationStatus.RESOLVED) {
			throw new RuleViolationException(
					"Conversation " + id + " is " + conversation.status().code() + "; only a resolved one reopens");
		}
		ConversationStatus next = conversation.assignedAgent() == null ? ConversationStatus.QUEUED
				: ConversationStatus.ASSIGNED;
		ConversationView reopened = conversation.reopened(next, at);
		events.append(at, reopened, ContactEventType.REOPENED, by, queueOf(reopened),
				Map.of("previousReason", String.valueOf(conversation.contactReasonId())));
		store.update(reopened);
		publisher.publishEvent(new ConversationReopened(id.value()));
		return reopened;
	}

	/**
	 * The message's subject, or for channels without one (chat, WhatsApp) its first line, so every conversation in
	 * the inbox says what it is about.
	 */
	static String subject(InboundMessage message) {
		if (message.subject() != null && !message.subject().isBlank()) {
			return message.subject();
		}
		String line = message.text() == null ? ""
				: message.text().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
		return line.isEmpty() ? null : line.length() > 80 ? line.substring(0, 79) + "\u2026" : line;
	}

	public Optional<ConversationDetail> detail(ConversationId id) {
		return store.find(id.value()).map(conversation -> {
			List<UUID> ids = List.of(conversation.id());
			return new ConversationDetail(withChannels(conversation), store.messages(ids), store.notes(ids),
					events.ofConversations(ids));
		});
	}

	public Optional<ConversationView> find(ConversationId id) {
		return store.find(id.value()).map(this::withChannels);
	}

	/**
	 * Like {@link #find}, but without the channels its messages came in on ({@code channels()} holds only the
	 * conversation's own channel): one query less, for listeners of a received message that only need its status.
	 */
	public Optional<ConversationView> findWithoutChannels(ConversationId id) {
		return store.find(id.value());
	}

	public List<ConversationView> list(ConversationStatus status, String channel, String teamId, PageCursor cursor,
			int limit) {
		return store.list(status, channel, teamId, cursor == null ? null : cursor.createdAt(),
				cursor == null ? null : cursor.id(), limit).stream().map(this::withChannels).toList();
	}

	/**
	 * An agent's inbox, highest priority and longest waiting first. {@code seesAll} lifts the restriction to the
	 * agent's team, the untaken conversations and their own.
	 */
	public List<ConversationView> inbox(String agentId, String agentTeamId, boolean seesAll, InboxFilter filter,
			int limit) {
		return store.inbox(viewer(agentId, agentTeamId, seesAll), filter, limit)
			.stream()
			.map(this::withChannels)
			.toList();
	}

	/** Open work in the agent's inbox: all they may see, their own, their team's, unassigned. */
	public Map<InboxFilter.View, Long> openCounts(String agentId, String agentTeamId, boolean seesAll) {
		return store.openCounts(viewer(agentId, agentTeamId, seesAll));
	}

	private static ConversationStore.Viewer viewer(String agentId, String agentTeamId, boolean seesAll) {
		return new ConversationStore.Viewer(agentId, agentTeamId, seesAll);
	}

	/**
	 * The customer's whole history, newest conversation first: every conversation of this customer and of every
	 * customer merged into them, on every channel and brand, with messages, notes and events.
	 */
	public CustomerTimeline timeline(CustomerId customer, PageCursor cursor, int limit) {
		CustomerId canonical = customers.canonical(customer);
		List<UUID> members = customers.withMerged(canonical).stream().map(CustomerId::value).toList();
		List<ConversationView> page = store.ofCustomers(members, cursor == null ? null : cursor.createdAt(),
				cursor == null ? null : cursor.id(), limit + 1);
		boolean more = page.size() > limit;
		List<ConversationView> shown = more ? page.subList(0, limit) : page;
		List<UUID> ids = shown.stream().map(ConversationView::id).toList();
		Map<UUID, List<MessageView>> messages = group(store.messages(ids), MessageView::conversationId);
		Map<UUID, List<NoteView>> notes = group(store.notes(ids), NoteView::conversationId);
		Map<UUID, List<ContactEvent>> log = group(events.ofConversations(ids), ContactEvent::conversationId);
		List<ConversationDetail> details = shown.stream()
			.map(c -> new ConversationDetail(withChannels(c), messages.getOrDefault(c.id(), List.of()),
					notes.getOrDefault(c.id(), List.of()), log.getOrDefault(c.id(), List.of())))
			.toList();
		PageCursor next = more ? new PageCursor(shown.getLast().createdAt(), shown.getLast().id()) : null;
		return new CustomerTimeline(canonical.value(), details, next);
	}

	private static <T> Map<UUID, List<T>> group(List<T> items, Function<T, UUID> key) {
		return items.stream().collect(Collectors.groupingBy(key));
	}

	private ConversationView withChannels(ConversationView c) {
		return c.onChannels(store.channels(c.id()));
	}

	private ConversationView assignTo(ConversationView conversation, String agentId, String teamId, Actor by,
			Instant at) {
		if (agentId == null || agentId.isBlank()) {
			throw new InvalidInputException("agentId", "an assignment needs an agent");
		}
		ConversationView assigned = conversation.routedTo(teamId, agentId, ConversationStatus.ASSIGNED, at);
		events.append(at, assigned, ContactEventType.ASSIGNED, by, queueOf(assigned), Map.of("agent", agentId));
		return assigned;
	}

	private ConversationView locked(ConversationId id) {
		return store.forUpdate(id.value()).orElseThrow(() -> new NotFoundException("Conversation", id));
	}

	private void requireTeam(String teamId) {
		if (teamId != null && !teams.exists(teamId)) {
			throw new InvalidInputException("teamId", "unknown team '" + teamId + "'");
		}
	}

	private static void requireOpen(ConversationView conversation, String action) {
		if (!conversation.status().isOpen()) {
			throw new RuleViolationException("Cannot " + action + " conversation " + conversation.id() + ": it is "
					+ conversation.status().code());
		}
	}

	/**
	 * Stores an outbound message that no agent wrote in an open conversation, with its {@code message_sent} event
	 * ({@code attributes} plus the message id); the caller decides what else it means.
	 */
	private MessageView outbound(ConversationView conversation, String authorKind, String authorId, String text,
			Actor by, Map<String, Object> attributes, Instant at) {
		MessageView message = new MessageView(Ids.next(), conversation.id(), conversation.channel(), "outbound",
				authorKind, authorId, text, null, List.of(), null, "pending", at, at);
		store.insertMessage(message, null);
		Map<String, Object> sent = new LinkedHashMap<>(attributes);
		sent.put("messageId", message.id().toString());
		events.append(at, conversation, ContactEventType.MESSAGE_SENT, by, null, sent);
		return message;
	}

	private static void requireBot(ConversationView conversation, String action) {
		if (conversation.status() != ConversationStatus.BOT) {
			throw new RuleViolationException("Cannot " + action + " conversation " + conversation.id() + ": it is "
					+ conversation.status().code() + ", not with the bot");
		}
	}

	private static String queueOf(ConversationView conversation) {
		return conversation.teamId() == null ? UNROUTED_QUEUE : conversation.teamId();
	}
}
