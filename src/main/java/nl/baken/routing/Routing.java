package nl.baken.routing;

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
import java.util.TreeMap;
import java.util.UUID;

import nl.baken.access.AuditLog;
import nl.baken.access.Teams;
import nl.baken.access.Users;
import nl.baken.conversation.CallConversations;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.ContactReasons;
import nl.baken.conversation.ConversationAbandoned;
import nl.baken.conversation.ConversationAssigned;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.ConversationReopened;
import nl.baken.conversation.ConversationResolved;
import nl.baken.conversation.ConversationStatus;
import nl.baken.conversation.ConversationTransferred;
import nl.baken.conversation.ConversationView;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.MessageReceived;
import nl.baken.customer.Brands;
import nl.baken.routing.internal.Matcher;
import nl.baken.routing.internal.RoutingSettings;
import nl.baken.routing.internal.RoutingStore;
import nl.baken.routing.internal.RoutingStore.AgentRow;
import nl.baken.routing.internal.RoutingStore.WorkRow;
import nl.baken.shared.Actor;
import nl.baken.shared.Ids;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import nl.baken.shared.RuleViolationException;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Skills, agents' presence and capacity, what contacts need, and the assignment of waiting contacts to agents. A
 * contact enters routing in the transaction that created its conversation and leaves it when resolved; every
 * assignment claims the contact and the agent's capacity with conditional updates, so two nodes never assign the
 * same contact or fill an agent beyond capacity.
 */
@Service
public class Routing {

	/** The actor of assignments routing makes. */
	public static final Actor ROUTING = Actor.system("routing");

	private static final String ID = "[a-z0-9][a-z0-9._-]{0,59}";

	private final RoutingStore store;

	private final RoutingSettings settings;

	private final Matcher matcher;

	private final Conversations conversations;

	private final ContactEvents events;

	private final ContactReasons reasons;

	private final Users users;

	private final Teams teams;

	private final Brands brands;

	private final IvrMenus ivrMenus;

	private final AuditLog audit;

	private final Clock clock;

	private final TransactionTemplate transactions;

	Routing(RoutingStore store, RoutingSettings settings, Conversations conversations, ContactEvents events,
			ContactReasons reasons, Users users, Teams teams, Brands brands, IvrMenus ivrMenus, AuditLog audit,
			Clock clock, PlatformTransactionManager transactionManager) {
		this.store = store;
		this.settings = settings;
		this.matcher = new Matcher(settings.rules());
		this.conversations = conversations;
		this.events = events;
		this.reasons = reasons;
		this.users = users;
		this.teams = teams;
		this.brands = brands;
		this.ivrMenus = ivrMenus;
		this.audit = audit;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	// configuration

	@Transactional
	public Skill defineSkill(Skill skill, Actor by) {
		if (skill.id() == null || !skill.id().matches(ID)) {
			throw new InvalidInputException("id", "a skill id is lower-case letters, digits, '.', '_' or '-'");
		}
		if (blank(skill.nameNl()) || blank(skill.nameEn())) {
			throw new InvalidInputException("nameNl", "a skill needs a Dutch and an English name");
		}
		try {
			store.insertSkill(new Skill(skill.id(), skill.nameNl().strip(), skill.nameEn().strip()));
		}
		catch (DuplicateKeyException e) {
			throw new RuleViolationException("Skill '" + skill.id() + "' exists already");
		}
		audit.record(by, "routing.skill-defined", "skill", skill.id(), Map.of());
		return skill;
	}

	public List<Skill> skills() {
		return store.skills();
	}

	@Transactional
	public AgentProfile configureAgent(String agentId, AgentSettings agent, Actor by) {
		requireUser(agentId);
		Set<String> known = store.skillIds();
		agent.skills().forEach((skill, level) -> {
			if (!known.contains(skill)) {
				throw new InvalidInputException("skills", "unknown skill '" + skill + "'");
			}
			requireLevel(level);
		});
		for (String language : agent.languages()) {
			if (language == null || !language.matches("[a-z]{2}")) {
				throw new InvalidInputException("languages", "a language is a two-letter code such as nl or en");
			}
		}
		for (String brand : agent.brands()) {
			if (brand == null || !brands.exists(brand)) {
				throw new InvalidInputException("brands", "unknown brand '" + brand + "'");
			}
		}
		agent.capacity().forEach((channel, max) -> {
			if (channel == null || !channel.matches("[a-z]{2,40}") || max == null || max < 0 || max > 8) {
				throw new InvalidInputException("capacity", "capacity is a channel with 0 to 8 open contacts");
			}
		});
		store.ensureAgent(agentId, clock.instant());
		store.updateAgent(agentId, agent.languages(), agent.brands(), agent.skills(), agent.capacity());
		audit.record(by, "routing.agent-configured", "agent", agentId,
				Map.of("skills", new TreeMap<>(agent.skills()).toString(), "languages", agent.languages().toString()));
		return agent(agentId).orElseThrow();
	}

	public Optional<AgentProfile> agent(String agentId) {
		return store.agentRow(agentId).map(row -> profiles(List.of(row)).getFirst());
	}

	public List<AgentProfile> agents() {
		return profiles(store.agentRows(false));
	}

	/**
	 * The agent's presence as they set it. An agent who goes away (a break) or offline gives back the contacts routed
	 * to them that they have not answered: each waits in the queue again in its old place, for anyone (not for them as
	 * the customer's known agent), so a customer is not left waiting for someone who has gone. What they answered
	 * stays theirs; busy means working, so it gives nothing back.
	 */
	public AgentProfile setPresence(String agentId, Presence presence, Instant at) {
		AgentProfile profile = transactions.execute(status -> recordPresence(agentId, presence, at));
		if (presence != Presence.OFFLINE && presence != Presence.AWAY) {
			return profile;
		}
		// one transaction per contact, locking as a resolve does: the conversation, then its work, then the agent
		for (UUID conversationId : store.assignedTo(agentId)) {
			transactions.executeWithoutResult(status -> giveBack(conversationId, agentId, "agent-" + presence.code(),
					at));
		}
		return agent(agentId).orElseThrow();
	}

	private void giveBack(UUID conversationId, String agentId, String after, Instant at) {
		if (!conversations.returnToQueue(new ConversationId(conversationId), agentId, after, ROUTING, at)) {
			return;
		}
		store.workForUpdate(conversationId)
			.filter(row -> row.view().status().equals("assigned") && agentId.equals(row.view().agentId()))
			.ifPresent(row -> {
				RoutedWork w = row.view();
				boolean theirs = agentId.equals(w.stickyAgent());
				release(row);
				store.requeue(row.id(),
						new RoutedWork(w.conversationId(), w.customerId(), w.channel(), "waiting", w.queue(),
								w.teamId(), w.skills(), w.language(), w.brandId(), w.topic(), w.urgency(), w.segment(),
								w.enqueuedAt(), null, null, theirs ? null : w.stickyAgent(),
								theirs ? null : w.stickyUntil(), w.callbackId()),
						row.rank());
			});
	}

	/**
	 * Records the agent's presence (an agent without routing settings gets a row with none) and logs a change; nothing
	 * else. For history written after the fact, such as the demo's.
	 */
	@Transactional
	public AgentProfile recordPresence(String agentId, Presence presence, Instant at) {
		requireUser(agentId);
		store.ensureAgent(agentId, at);
		store.setPresence(agentId, presence, at)
			.ifPresent(before -> events.append(at, null, null, null, ContactEventType.PRESENCE_CHANGED,
					Actor.agent(agentId), null, users.find(agentId).map(u -> u.teamId()).orElse(null), null,
					Map.of("from", before.code(), "to", presence.code())));
		return agent(agentId).orElseThrow();
	}

	@Transactional
	public RequirementProfile defineProfile(RequirementProfile profile, Actor by) {
		if (profile.kind() == null || !profile.kind().matches("queue|reason|topic|ivr")) {
			throw new InvalidInputException("kind", "kind is queue, reason, topic or ivr");
		}
		if (profile.key() == null || !profile.key().matches(ID)) {
			throw new InvalidInputException("key", "a key is lower-case letters, digits, '.', '_' or '-'");
		}
		if (profile.kind().equals("reason") && reasons.find(profile.key()).isEmpty()) {
			throw new InvalidInputException("key", "unknown contact reason '" + profile.key() + "'");
		}
		if (profile.teamId() != null && !teams.exists(profile.teamId())) {
			throw new InvalidInputException("teamId", "unknown team '" + profile.teamId() + "'");
		}
		if (profile.priority() < 0 || profile.priority() > 10) {
			throw new InvalidInputException("priority", "priority is 0 to 10");
		}
		Set<String> known = store.skillIds();
		profile.skills().forEach((skill, level) -> {
			if (!known.contains(skill)) {
				throw new InvalidInputException("skills", "unknown skill '" + skill + "'");
			}
			requireLevel(level);
		});
		store.saveProfile(profile);
		audit.record(by, "routing.profile-saved", "routing-profile", profile.kind() + "/" + profile.key(),
				Map.of("skills", new TreeMap<>(profile.skills()).toString()));
		return profile;
	}

	public List<RequirementProfile> profiles() {
		return store.profiles();
	}

	// contacts

	public Optional<RoutedWork> work(UUID conversationId) {
		return store.work(conversationId).map(WorkRow::view);
	}

	/** Waiting work of every channel in queue order, at most {@code limit}: what the wallboard counts. */
	public List<RoutedWork> waiting(int limit) {
		return store.waiting(null, limit).stream().map(WorkRow::view).toList();
	}

	/** A new conversation enters the queue in the transaction that created it. */
	@EventListener
	void on(MessageReceived received) {
		// a conversation created in this very transaction has no work yet: no need to look (twice) for it
		if (!received.newConversation() && store.hasWork(received.conversationId())) {
			return;
		}
		conversations.findWithoutChannels(new ConversationId(received.conversationId()))
			.filter(c -> c.status() == ConversationStatus.QUEUED && c.assignedAgent() == null)
			.ifPresent(c -> {
				// waiting starts when the message came in, as the service level counts it, not when it was stored
				Instant at = received.receivedAt().isBefore(clock.instant()) ? received.receivedAt() : clock.instant();
				if (received.newConversation()) {
					insertWork(c, null, at);
				}
				else {
					enqueue(c, null, at);
				}
			});
	}

	/**
	 * Puts an open, unassigned conversation in the queue with the requirements its queue, reason and classification
	 * give it, unless it is there already; used for new conversations and callbacks that become due.
	 */
	@Transactional
	public RoutedWork enqueue(ConversationView c, Classification classification, Instant at) {
		Optional<WorkRow> existing = store.work(c.id());
		if (existing.isPresent()) {
			return existing.get().view();
		}
		return insertWork(c, classification, at);
	}

	private RoutedWork insertWork(ConversationView c, Classification classification, Instant at) {
		Classification given = classification == null ? new Classification(null, null, null, null, null)
				: classification;
		// a caller who chose a menu option goes to its team, with its requirement profile
		String teamId = c.teamId();
		if (given.ivrOption() == null && CallConversations.CHANNEL.equals(c.channel())) {
			Optional<IvrTarget> chosen = ivrMenus.chosenTarget(c.id());
			if (chosen.isPresent()) {
				teamId = teamId == null ? chosen.get().teamId() : teamId;
				given = new Classification(given.topic(), given.reasonId(), chosen.get().profileKey(), given.urgency(),
						given.segment());
			}
		}
		String sticky = store.lastHandler(c.customerId(), at.minus(settings.stickyWindow()))
			.filter(agent -> store.agentRow(agent).isPresent())
			.orElse(null);
		RoutedWork draft = new RoutedWork(c.id(), c.customerId(), c.channel(), "waiting", queueOf(teamId),
				teamId, Map.of(), c.language(), c.brandId(), given.topic(), 0, null, at, null, null, sticky,
				sticky == null ? null : at.plus(settings.stickyWait()), null);
		Derived derived = derive(draft, c.contactReasonId(), given);
		store.insertWork(Ids.next(), derived.work(), derived.rank());
		if (derived.priority() != c.priority()) {
			prioritise(c.id(), derived, at);
		}
		return derived.work();
	}

	/** Sets what is known of a waiting contact; its requirements and place in the queue follow. */
	@Transactional
	public RoutedWork classify(UUID conversationId, Classification classification) {
		if (classification.reasonId() != null && reasons.find(classification.reasonId()).isEmpty()) {
			throw new InvalidInputException("reasonId", "unknown contact reason '" + classification.reasonId() + "'");
		}
		Instant at = clock.instant();
		// the conversation is locked before its work, in the order assignment and transfers lock them
		prioritise(conversationId, derive(waiting(store.work(conversationId), conversationId).view(),
				classification.reasonId(), classification), at);
		WorkRow row = waiting(store.workForUpdate(conversationId), conversationId);
		Derived derived = derive(row.view(), classification.reasonId(), classification);
		store.requeue(row.id(), derived.work(), derived.rank());
		prioritise(conversationId, derived, at);
		return derived.work();
	}

	private static WorkRow waiting(Optional<WorkRow> found, UUID conversationId) {
		WorkRow row = found.orElseThrow(() -> new NotFoundException("Routed contact", conversationId));
		if (!row.view().status().equals("waiting")) {
			throw new RuleViolationException("Contact " + conversationId + " is " + row.view().status()
					+ "; only a waiting contact is classified");
		}
		return row;
	}

	/** The conversation carries routing's priority, so the desk's inbox lists contacts in routing's order. */
	private void prioritise(UUID conversationId, Derived derived, Instant at) {
		conversations.prioritise(new ConversationId(conversationId), derived.priority(), ROUTING, at);
	}

	/** Requirements from the profiles of the queue, reason, topic and IVR option: the highest level of each skill. */
	private Derived derive(RoutedWork w, String reasonId, Classification c) {
		if (c.urgency() != null && (c.urgency() < 0 || c.urgency() > 3)) {
			throw new InvalidInputException("urgency", "urgency is 0 (normal) to 3 (most urgent)");
		}
		if (c.segment() != null && !c.segment().matches("[a-z0-9_-]{1,30}")) {
			throw new InvalidInputException("segment", "a segment is lower-case letters, digits, '_' or '-'");
		}
		String topic = c.topic() != null ? c.topic() : w.topic();
		Map<String, String> keys = new HashMap<>();
		keys.put("queue", w.queue());
		keys.put("reason", reasonId);
		keys.put("topic", topic);
		keys.put("ivr", c.ivrOption());
		List<RequirementProfile> found = store.profiles()
			.stream()
			.filter(p -> p.key().equals(keys.get(p.kind())))
			.toList();
		Map<String, Integer> skills = new TreeMap<>(w.skills());
		String team = w.teamId();
		int priority = 0;
		for (RequirementProfile p : found) {
			p.skills().forEach((skill, level) -> skills.merge(skill, level, Math::max));
			team = p.teamId() != null && !p.kind().equals("queue") ? p.teamId() : team;
			priority = Math.max(priority, p.priority());
		}
		int urgency = c.urgency() != null ? c.urgency() : w.urgency();
		String segment = c.segment() != null ? c.segment() : w.segment();
		RoutedWork derived = new RoutedWork(w.conversationId(), w.customerId(), w.channel(), "waiting",
				team == null ? w.queue() : team, team, skills, w.language(), w.brandId(), topic, urgency, segment,
				w.enqueuedAt(), null, null, w.stickyAgent(), w.stickyUntil(), w.callbackId());
		long headStart = settings.headStartMs(urgency, priority, segment);
		return new Derived(derived, w.enqueuedAt().toEpochMilli() - headStart,
				(int) Math.min(Integer.MAX_VALUE, headStart / 1000));
	}

	/** {@code priority}: the head start in seconds, the part of the rank that does not age. */
	private record Derived(RoutedWork work, long rank, int priority) {
	}

	/**
	 * Gives the callback's work its place: the rank it had when the customer asked (or, for a retry, its old place)
	 * and the callback's id. Work already with an agent stays there: they make the call.
	 */
	void markCallback(UUID conversationId, UUID callbackId, long rank, Classification classification) {
		WorkRow row = store.workForUpdate(conversationId).orElseThrow();
		RoutedWork w = row.view();
		if (w.status().equals("assigned")) {
			return;
		}
		Derived derived = derive(new RoutedWork(w.conversationId(), w.customerId(), w.channel(), "waiting", w.queue(),
				w.teamId(), w.skills(), w.language(), w.brandId(), w.topic(), w.urgency(), w.segment(), w.enqueuedAt(),
				null, null, w.stickyAgent(), w.stickyUntil(), callbackId), null, classification);
		store.requeue(row.id(), derived.work(), Math.min(rank, Math.min(derived.rank(), row.rank())));
		prioritise(conversationId, derived, clock.instant());
	}

	/** The rank of waiting work, for a callback that keeps the caller's place. */
	Optional<Long> rankOf(UUID conversationId) {
		return store.work(conversationId).filter(w -> w.view().status().equals("waiting")).map(WorkRow::rank);
	}

	@EventListener
	void on(ConversationTransferred transferred) {
		Optional<WorkRow> found = store.workForUpdate(transferred.conversationId());
		if (found.isEmpty()) {
			return;
		}
		WorkRow row = found.get();
		Instant at = clock.instant();
		release(row);
		if (transferred.toAgentId() != null) {
			int units = unitsFor(transferred.toAgentId(), row.view().channel());
			if (units > 0) {
				store.addLoad(transferred.toAgentId(), units, at);
			}
			store.reassign(row.id(), transferred.toAgentId(), units, at);
			return;
		}
		RoutedWork w = row.view();
		RoutedWork moved = new RoutedWork(w.conversationId(), w.customerId(), w.channel(), "waiting",
				queueOf(transferred.toTeamId()), transferred.toTeamId(), Map.of(), w.language(), w.brandId(), w.topic(),
				w.urgency(), w.segment(), w.enqueuedAt(), null, null, null, null, w.callbackId());
		String reason = conversations.find(new ConversationId(w.conversationId()))
			.map(ConversationView::contactReasonId)
			.orElse(null);
		Derived derived = derive(moved, reason, new Classification(null, null, null, null, null));
		// it keeps its place: the customer already waited once
		store.requeue(row.id(), derived.work(), Math.min(derived.rank(), row.rank()));
		prioritise(w.conversationId(), derived, at);
	}

	@EventListener
	void on(ConversationResolved resolved) {
		Optional<WorkRow> found = store.workForUpdate(resolved.conversationId());
		conversations.find(new ConversationId(resolved.conversationId()))
			.map(ConversationView::assignedAgent)
			.ifPresent(agent -> store.rememberHandler(resolved.customerId(), agent, clock.instant()));
		if (found.isEmpty()) {
			return;
		}
		release(found.get());
		store.setStatus(found.get().id(),
				found.get().view().status().equals("waiting") ? "cancelled" : "done");
	}

	/**
	 * A reopened conversation nobody has waits in the queue again, from the moment it was reopened: its finished work
	 * gives way to new work, with the requirements and the sticky agent of now.
	 */
	@EventListener
	void on(ConversationReopened reopened) {
		conversations.findWithoutChannels(new ConversationId(reopened.conversationId()))
			.filter(c -> c.status() == ConversationStatus.QUEUED && c.assignedAgent() == null)
			.ifPresent(c -> {
				Optional<WorkRow> earlier = store.workForUpdate(c.id());
				boolean finished = earlier.map(row -> row.view().status())
					.map(status -> status.equals("done") || status.equals("cancelled"))
					.orElse(true);
				// a callback's work follows its callback, not the conversation
				if (finished && earlier.map(row -> row.view().callbackId() == null).orElse(true)) {
					earlier.ifPresent(row -> store.deleteWork(row.id()));
					insertWork(c, null, clock.instant());
				}
			});
	}

	/**
	 * Someone assigned waiting work by hand (the API, an integration): routing follows at once, so the queue, the
	 * wallboard and the expected wait no longer count it as waiting. Like a transfer to an agent it takes the agent's
	 * capacity for its channel, past full if need be (a person decided), and the end of the work gives it back. A
	 * callback's work keeps waiting for its attempt.
	 */
	@EventListener
	void on(ConversationAssigned assigned) {
		store.workForUpdate(assigned.conversationId())
			.filter(row -> row.view().status().equals("waiting") && row.view().callbackId() == null)
			.ifPresent(row -> {
				Instant at = clock.instant();
				int units = unitsFor(assigned.agentId(), row.view().channel());
				if (store.claimWork(row.id(), assigned.agentId(), units, at) && units > 0) {
					store.addLoad(assigned.agentId(), units, at);
				}
			});
	}

	/** What one contact on the channel takes of the agent's capacity; 0 for an agent without routing settings. */
	private int unitsFor(String agentId, String channel) {
		return store.agentRow(agentId)
			.map(agent -> toAgents(List.of(agent)).getFirst().units(channel))
			.filter(u -> u > 0)
			.orElse(0);
	}

	/** A customer who left before an answer leaves nothing to route. */
	@EventListener
	void on(ConversationAbandoned abandoned) {
		store.workForUpdate(abandoned.conversationId())
			.filter(row -> row.view().status().equals("waiting") || row.view().status().equals("assigned"))
			.ifPresent(row -> {
				release(row);
				store.setStatus(row.id(), "cancelled");
			});
	}

	/** Work that ends or moves on gives its agent's capacity back. */
	void release(WorkRow row) {
		if (row.view().status().equals("assigned") && row.view().agentId() != null && row.units() != null
				&& row.units() > 0) {
			store.releaseAgent(row.view().agentId(), row.units());
		}
	}

	/** A callback attempt that did not connect: the work leaves its agent and waits for the next attempt. */
	void park(UUID conversationId) {
		store.workForUpdate(conversationId).ifPresent(row -> {
			release(row);
			store.setStatus(row.id(), "cancelled");
		});
	}

	/** A waiting call that leaves the queue for a callback: no longer routed, neither answered nor abandoned. */
	void flowOut(UUID conversationId) {
		store.workForUpdate(conversationId)
			.filter(row -> row.view().status().equals("waiting"))
			.ifPresent(row -> store.setStatus(row.id(), "cancelled"));
	}

	// assignment

	/**
	 * One routing pass: the waiting contacts in queue order each get the best available agent with room for them.
	 * Returns how many were assigned by this node.
	 */
	public int dispatch() {
		Instant now = clock.instant();
		List<Matcher.Agent> agents = toAgents(store.agentRows(true));
		if (agents.isEmpty()) {
			return 0;
		}
		Set<String> channels = new HashSet<>();
		for (Matcher.Agent agent : agents) {
			// an agent's own capacity may name a channel the defaults do not (e.g. sms through the generic API)
			for (String channel : agent.channels()) {
				int units = agent.units(channel);
				if (units > 0 && agent.load() + units <= Matcher.FULL) {
					channels.add(channel);
				}
			}
		}
		List<WorkRow> waiting = store.waiting(channels, settings.scanLimit());
		Map<UUID, WorkRow> byId = new HashMap<>();
		List<Matcher.Contact> contacts = new ArrayList<>();
		for (WorkRow row : waiting) {
			byId.put(row.id(), row);
			contacts.add(contact(row));
		}
		int assigned = 0;
		for (Matcher.Decision decision : matcher.assignAll(contacts, agents, now.toEpochMilli())) {
			if (assign(byId.get(decision.contact().id()), decision.agent().id(), decision.units(), now, false)) {
				assigned++;
			}
		}
		return assigned;
	}

	/** The agent takes the first waiting contact they may take; empty when there is none or they are full. */
	public Optional<RoutedWork> pickNext(String agentId) {
		AgentRow row = store.agentRow(agentId)
			.orElseThrow(() -> new RuleViolationException("Agent " + agentId + " has no routing settings yet"));
		if (row.presence() == Presence.OFFLINE) {
			throw new RuleViolationException("Agent " + agentId + " is offline; set a presence to pick work");
		}
		for (int attempt = 0; attempt < 3; attempt++) {
			Instant now = clock.instant();
			Matcher.Agent agent = toAgents(List.of(store.agentRow(agentId).orElseThrow())).getFirst();
			List<WorkRow> waiting = store.waiting(null, settings.scanLimit());
			Map<UUID, WorkRow> byId = new HashMap<>();
			List<Matcher.Contact> contacts = new ArrayList<>();
			for (WorkRow w : waiting) {
				byId.put(w.id(), w);
				contacts.add(contact(w));
			}
			Optional<Matcher.Decision> decision = matcher.bestContact(agent, contacts, now.toEpochMilli());
			if (decision.isEmpty()) {
				return Optional.empty();
			}
			WorkRow picked = byId.get(decision.get().contact().id());
			if (assign(picked, agentId, decision.get().units(), now, true)) {
				return work(picked.view().conversationId());
			}
		}
		return Optional.empty();
	}

	private boolean assign(WorkRow row, String agentId, int units, Instant now, boolean picking) {
		try {
			return Boolean.TRUE.equals(transactions.execute(status -> {
				ConversationView c = conversations.find(new ConversationId(row.view().conversationId()))
					.orElseThrow(() -> new NotFoundException("Conversation", row.view().conversationId()));
				if (!c.status().isOpen()) {
					throw new RuleViolationException("closed");
				}
				if (c.assignedAgent() != null && row.view().callbackId() == null) {
					// someone took it by hand (or another node just did): routing follows, without counting it
					store.claimWork(row.id(), c.assignedAgent(), 0, now);
					return false;
				}
				// claimed before the assignment, so that on(ConversationAssigned) finds it taken and leaves it
				if (!store.claimWork(row.id(), agentId, units, now) || !store.claimAgent(agentId, units, now, picking)) {
					throw new LostClaim();
				}
				Actor by = picking ? Actor.agent(agentId) : ROUTING;
				if (row.view().callbackId() != null) {
					// a callback's next attempt may go to another agent than the last one
					conversations.assign(new ConversationId(c.id()), agentId, row.view().teamId(), by, now);
				}
				else if (!conversations.assignIfUnassigned(new ConversationId(c.id()), agentId, row.view().teamId(), by,
						now)) {
					// an agent answered it since it was read: the next pass follows them
					throw new LostClaim();
				}
				return true;
			}));
		}
		catch (LostClaim e) {
			return false;
		}
		catch (RuleViolationException | NotFoundException e) {
			transactions.executeWithoutResult(status -> store.setStatus(row.id(), "cancelled"));
			return false;
		}
	}

	/** Another node took the contact or the agent's last room first; the transaction rolls back. */
	private static final class LostClaim extends RuntimeException {

		LostClaim() {
			super(null, null, false, false);
		}
	}

	// wait information

	public WaitInfo waitInfo(UUID conversationId) {
		WorkRow row = store.work(conversationId).orElseThrow(() -> new NotFoundException("Routed contact", conversationId));
		if (!row.view().status().equals("waiting")) {
			return new WaitInfo(conversationId, row.view().status(), 0, 0, 0);
		}
		long now = clock.millis();
		Matcher.Contact contact = contact(row);
		int slots = 0;
		int agentsAvailable = 0;
		List<AgentRow> rows = store.agentRows(false);
		List<Matcher.Agent> agents = toAgents(rows);
		for (int i = 0; i < agents.size(); i++) {
			Matcher.Agent agent = agents.get(i);
			int units = agent.units(row.view().channel());
			if (rows.get(i).presence() == Presence.AVAILABLE && units > 0
					&& matcher.fitsRelaxed(agent, contact, now - contact.enqueuedMs())) {
				agentsAvailable++;
				slots += Matcher.FULL / units;
			}
		}
		long position = store.ahead(row.view().channel(), row.rank()) + 1;
		long handle = settings.handleSeconds(row.view().channel());
		long expected = (long) Math.ceil(position * (double) handle / Math.max(1, slots));
		return new WaitInfo(conversationId, "waiting", (int) position, expected, agentsAvailable);
	}

	/**
	 * The expected wait of a contact that would start on this channel now (for the contact page and the widget, before
	 * there is a contact): the free room of available agents who take the channel (and the brand) is taken first, the
	 * rest of the queue drains at their combined rate of one handling time per contact and slot.
	 */
	public QueueWait expectedWait(String channel, String brandId) {
		if (channel == null || !settings.defaultCapacity().containsKey(channel)) {
			throw new InvalidInputException("channel", "unknown channel '" + channel + "'");
		}
		int slots = 0;
		int freeNow = 0;
		int agentsAvailable = 0;
		List<AgentRow> rows = store.agentRows(false);
		List<Matcher.Agent> agents = toAgents(rows);
		for (int i = 0; i < agents.size(); i++) {
			AgentRow row = rows.get(i);
			int units = agents.get(i).units(channel);
			if (row.presence() != Presence.AVAILABLE || units <= 0
					|| brandId != null && !row.brands().isEmpty() && !row.brands().contains(brandId)) {
				continue;
			}
			agentsAvailable++;
			slots += Matcher.FULL / units;
			freeNow += Math.max(0, Matcher.FULL - row.loadUnits()) / units;
		}
		int waiting = (int) Math.min(Integer.MAX_VALUE, store.ahead(channel, Long.MAX_VALUE));
		if (slots == 0) {
			return new QueueWait(channel, waiting, null, 0);
		}
		long handle = settings.handleSeconds(channel);
		long expected = waiting < freeNow ? 0 : (long) Math.ceil((waiting - freeNow + 1) * (double) handle / slots);
		return new QueueWait(channel, waiting, expected, agentsAvailable);
	}

	/**
	 * Open contacts the agents with room for this channel could take per handling time: used to offer callback slots.
	 */
	int freeSlotsPerHandlingTime(String channel) {
		int slots = 0;
		for (Matcher.Agent agent : toAgents(store.agentRows(false))) {
			int units = agent.units(channel);
			if (units > 0) {
				slots += Matcher.FULL / units;
			}
		}
		return slots;
	}

	int handleSeconds(String channel) {
		return settings.handleSeconds(channel);
	}

	// helpers

	private List<AgentProfile> profiles(List<AgentRow> rows) {
		List<String> ids = rows.stream().map(AgentRow::agentId).toList();
		Map<String, Map<String, Integer>> skills = store.agentSkills(ids);
		Map<String, Map<String, Integer>> capacity = store.agentCapacity(ids);
		return rows.stream()
			.map(row -> store.profile(row, skills.getOrDefault(row.agentId(), Map.of()),
					capacity(capacity.get(row.agentId()))))
			.toList();
	}

	private List<Matcher.Agent> toAgents(List<AgentRow> rows) {
		List<String> ids = rows.stream().map(AgentRow::agentId).toList();
		Map<String, Map<String, Integer>> skills = store.agentSkills(ids);
		Map<String, Map<String, Integer>> capacity = store.agentCapacity(ids);
		return rows.stream()
			.map(row -> new Matcher.Agent(row.agentId(), skills.getOrDefault(row.agentId(), Map.of()),
					row.languages(), row.brands(), capacity(capacity.get(row.agentId())), row.loadUnits(),
					row.lastAssignedAt() == null ? Long.MIN_VALUE : row.lastAssignedAt().toEpochMilli()))
			.toList();
	}

	private Map<String, Integer> capacity(Map<String, Integer> own) {
		Map<String, Integer> merged = new LinkedHashMap<>(new TreeMap<>(settings.defaultCapacity()));
		if (own != null) {
			merged.putAll(own);
		}
		return merged;
	}

	private static Matcher.Contact contact(WorkRow row) {
		RoutedWork w = row.view();
		return new Matcher.Contact(row.id(), w.channel(), w.language(), w.brandId(), w.skills(), row.rank(),
				w.enqueuedAt().toEpochMilli(), w.stickyAgent(),
				w.stickyUntil() == null ? Long.MIN_VALUE : w.stickyUntil().toEpochMilli());
	}

	private void requireUser(String agentId) {
		if (agentId == null || users.find(agentId).isEmpty()) {
			throw new NotFoundException("Agent", agentId);
		}
	}

	private static void requireLevel(Integer level) {
		if (level == null || level < 1 || level > 5) {
			throw new InvalidInputException("skills", "a skill level is 1 (basic) to 5 (expert)");
		}
	}

	private static String queueOf(String teamId) {
		return teamId == null ? Conversations.UNROUTED_QUEUE : teamId;
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}
}
