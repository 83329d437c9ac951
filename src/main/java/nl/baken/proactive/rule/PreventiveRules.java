package nl.baken.proactive.rule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import nl.baken.access.AuditLog;
import nl.baken.access.Teams;
import nl.baken.customer.Brands;
import nl.baken.proactive.BusinessEventReceived;
import nl.baken.shared.Actor;
import nl.baken.shared.Ids;
import nl.baken.shared.InvalidInputException;
import nl.baken.shared.NotFoundException;
import nl.baken.shared.RuleViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Preventive rules over the business-event stream. Each stored event is evaluated in the transaction that stored it,
 * so an event counts exactly once whichever node took it; a key's state is a locked row and each episode a unique
 * row, so nodes sharing one database fire a rule once per key per episode. The actions of a firing run after
 * commit, claimed by one node; the sweep runs out waits (absence) by the clock and takes over actions whose node
 * went away.
 */
@Service
public class PreventiveRules {

	private static final Logger log = LoggerFactory.getLogger(PreventiveRules.class);

	/** Actions claimed this long ago and not done belong to a node that went away. */
	static final Duration STALE = Duration.ofMinutes(5);

	private final RuleStore store;

	private final RuleActions actions;

	private final AuditLog audit;

	private final Teams teams;

	private final Brands brands;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final TransactionTemplate savepoint;

	private final ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor();

	PreventiveRules(RuleStore store, RuleActions actions, AuditLog audit, Teams teams, Brands brands, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.store = store;
		this.actions = actions;
		this.audit = audit;
		this.teams = teams;
		this.brands = brands;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
		this.savepoint = new TransactionTemplate(transactionManager);
		// a savepoint on the same connection: a transaction of its own would take a second connection while the
		// event's transaction holds one, and a busy node would run out of connections
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	@PreDestroy
	void stop() {
		runner.shutdown();
	}

	/** A rule with what it did so far. */
	public record RuleView(UUID id, String name, boolean enabled, int version, RuleDefinition definition,
			String createdBy, Instant createdAt, Instant updatedAt, long firings, FiringView lastFiring) {
	}

	// editing

	public List<RuleView> list() {
		return store.all().stream().map(this::view).toList();
	}

	public RuleView get(UUID id) {
		return store.find(id).map(this::view).orElseThrow(() -> new NotFoundException("Rule", id));
	}

	private RuleView view(RuleStore.StoredRule s) {
		List<FiringView> last = store.firings(s.rule().id(), 1);
		return new RuleView(s.rule().id(), s.rule().name(), s.rule().enabled(), s.rule().version(),
				s.rule().definition(), s.createdBy(), s.createdAt(), s.updatedAt(), store.firingCount(s.rule().id()),
				last.isEmpty() ? null : last.getFirst());
	}

	@Transactional
	public RuleView create(RuleDefinition definition, Actor by) {
		Rule rule = Rule.compile(Ids.next(), 1, definition);
		requireFreeName(rule);
		store.insert(rule, by.label(), clock.instant());
		audit.record(by, "rule.created", "rule", rule.id().toString(), Map.of("name", rule.name()));
		return get(rule.id());
	}

	/** Replaces the rule; its per-key state starts afresh, its firings stay. */
	@Transactional
	public RuleView replace(UUID id, RuleDefinition definition, Actor by) {
		RuleStore.StoredRule old = store.forUpdate(id).orElseThrow(() -> new NotFoundException("Rule", id));
		Rule rule = Rule.compile(id, old.rule().version() + 1, definition);
		requireFreeName(rule);
		store.update(rule, clock.instant());
		audit.record(by, "rule.changed", "rule", id.toString(), Map.of("name", rule.name()));
		return get(id);
	}

	@Transactional
	public RuleView setEnabled(UUID id, boolean enabled, Actor by) {
		RuleStore.StoredRule old = store.forUpdate(id).orElseThrow(() -> new NotFoundException("Rule", id));
		RuleDefinition d = old.rule().definition();
		Rule rule = Rule.compile(id, old.rule().version() + 1,
				new RuleDefinition(d.name(), enabled, d.eventType(), d.filters(), d.key(), d.condition(), d.actions()));
		store.update(rule, clock.instant());
		audit.record(by, enabled ? "rule.enabled" : "rule.disabled", "rule", id.toString(), Map.of());
		return get(id);
	}

	/** What only the database knows: a free name, an existing team and brand. */
	private void requireFreeName(Rule rule) {
		RuleDefinition.Actions a = rule.definition().actions();
		if (a.task() != null && !teams.exists(a.task().teamId())) {
			throw new InvalidInputException("actions.task.teamId", "unknown team '" + a.task().teamId() + "'");
		}
		if (a.message() != null && a.message().brand() != null && !a.message().brand().isBlank()
				&& !brands.exists(a.message().brand())) {
			throw new InvalidInputException("actions.message.brand", "unknown brand '" + a.message().brand() + "'");
		}
		if (store.nameTaken(rule.name(), rule.id())) {
			throw new RuleViolationException("There is already a rule named '" + rule.name() + "'");
		}
	}

	public List<FiringView> firings(UUID rule, int limit) {
		if (limit < 1 || limit > 500) {
			throw new InvalidInputException("limit", "the limit is 1 to 500");
		}
		store.find(rule).orElseThrow(() -> new NotFoundException("Rule", rule));
		return store.firings(rule, limit);
	}

	// replay

	/** What a replayed firing would do, without doing it. */
	public record ReplayedFiring(String ruleName, String key, Instant episodeStart, Instant firedAt, String summaryNl,
			String summaryEn, List<String> actions) {
	}

	public record ReplayResult(int events, List<ReplayedFiring> firings) {
	}

	/** A dry run of one stored rule (enabled or not) over JSON lines of events. */
	public ReplayResult replay(UUID id, String events, Instant until) {
		Rule stored = store.find(id).orElseThrow(() -> new NotFoundException("Rule", id)).rule();
		RuleDefinition d = stored.definition();
		Rule rule = Rule.compile(id, stored.version(),
				new RuleDefinition(d.name(), true, d.eventType(), d.filters(), d.key(), d.condition(), d.actions()));
		return replay(List.of(rule), Replay.parse(events), until);
	}

	static ReplayResult replay(List<Rule> rules, List<nl.baken.proactive.BusinessEvent> events, Instant until) {
		Replay.Result result = Replay.run(rules, events, until);
		return new ReplayResult(result.events(), result.firings().stream()
			.map(f -> new ReplayedFiring(f.rule().name(), f.key(), f.episodeStart(), f.at(), f.summaryNl(),
					f.summaryEn(), RuleActions.planned(f.rule().definition().actions())))
			.toList());
	}

	// evaluation

	/** In the transaction that stored the event: it counts once, with it, or not at all. */
	@EventListener
	void on(BusinessEventReceived received) {
		List<Rule> rules = store.enabled().stream().filter(r -> Evaluator.concerns(r, received.event())).toList();
		if (rules.isEmpty()) {
			return;
		}
		UUID customer = received.customer() == null ? null : received.customer().value();
		Instant now = clock.instant();
		List<UUID> fired = new ArrayList<>();
		for (Rule rule : rules) {
			String key = Evaluator.key(rule, received.event(), customer);
			if (key == null) {
				continue;
			}
			ensureState(rule, key, now);
			KeyState state = store.lockState(rule, key);
			for (Evaluator.Fired f : Evaluator.onEvent(rule, key, state, received.event(), customer)) {
				UUID firing = Ids.next();
				if (store.claim(firing, f, now)) {
					fired.add(firing);
				}
			}
			store.saveState(rule, key, state, now);
		}
		afterCommit(fired);
	}

	/** Makes the key's state row; a node that made it at the same moment is fine (rolled back to the savepoint). */
	private void ensureState(Rule rule, String key, Instant now) {
		if (store.stateExists(rule.id(), key)) {
			return;
		}
		try {
			savepoint.executeWithoutResult(status -> store.insertState(rule.id(), key, rule.version(), now));
		}
		catch (DuplicateKeyException e) {
			// made by another transaction in the meantime; the lock below waits for it
		}
	}

	/** Runs out the waits due by now and takes over actions left behind; returns the firings it stored. */
	public int sweep() {
		Instant now = clock.instant();
		int stored = 0;
		for (RuleStore.DueKey due : store.due(now, 500)) {
			List<UUID> fired = new ArrayList<>();
			transactions.executeWithoutResult(status -> {
				Optional<Rule> rule = store.find(due.rule()).map(RuleStore.StoredRule::rule).filter(Rule::enabled);
				if (rule.isEmpty()) {
					return;
				}
				KeyState state = store.lockState(rule.get(), due.key());
				Evaluator.onTime(rule.get(), due.key(), state, now).ifPresent(f -> {
					UUID firing = Ids.next();
					if (store.claim(firing, f, now)) {
						fired.add(firing);
					}
				});
				store.saveState(rule.get(), due.key(), state, now);
			});
			stored += fired.size();
			fired.forEach(this::runActions);
		}
		store.waitingActions(now.minusSeconds(30), now.minus(STALE), 100).forEach(this::runActions);
		return stored;
	}

	private void afterCommit(List<UUID> fired) {
		if (fired.isEmpty()) {
			return;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					// calls to other systems must not hold up the sender of the event
					fired.forEach(id -> runner.execute(() -> runActions(id)));
				}
			});
		}
		else {
			fired.forEach(this::runActions);
		}
	}

	private void runActions(UUID firing) {
		try {
			Instant now = clock.instant();
			if (!store.claimActions(firing, now, now.minus(STALE))) {
				return; // another node has them
			}
			FiringView view = store.firing(firing).orElseThrow();
			Rule rule = store.find(view.ruleId()).orElseThrow().rule();
			store.actionsDone(firing, actions.run(rule, view));
		}
		catch (RuntimeException e) {
			// stays running; the sweep takes it over once it is stale
			log.warn("Actions of rule firing {} failed: {}", firing, e.toString());
		}
	}
}
