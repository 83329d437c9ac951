package nl.baken.answering.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import nl.baken.answering.internal.DialogDefinitions.Dialog;
import nl.baken.answering.internal.DialogEngine.Outcome;
import nl.baken.answering.internal.DialogEngine.Reply;
import nl.baken.answering.internal.DialogEngine.Step;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.ConversationStatus;
import nl.baken.conversation.ConversationView;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.MessageReceived;
import nl.baken.conversation.MessageView;
import nl.baken.proactive.IncidentStatusAnswers;
import nl.baken.proactive.IncidentStatusAnswers.StatusAnswer;
import nl.baken.routing.Classification;
import nl.baken.routing.Routing;
import nl.baken.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bot in conversations it was given ({@link BotChannels}): after each customer message is committed it takes the
 * conversation's dialog state (locked, from the database), lets the {@link DialogEngine} decide, looks an order up
 * when the dialog asks for it, sends its replies and records every step in the contact-event log — then stores the
 * state, in one transaction. A hand-off writes the summary note, queues the conversation and lets routing place it
 * with the dialog's contact reason and topic; a dialog the customer ends happily, or leaves, closes as contained.
 */
@Component
public class Bot {

	private static final Logger log = LoggerFactory.getLogger(Bot.class);

	private final Conversations conversations;

	private final ContactEvents events;

	private final Routing routing;

	private final BotSessions sessions;

	private final BotChannels channels;

	private final KnowledgeAnswers answers;

	private final OrderStatusClient orders;

	private final IncidentStatusAnswers incidentStatuses;

	private final DialogEngine engine;

	private final MessageSource messages;

	private final Clock clock;

	private final Duration idleClose;

	private final TransactionTemplate transactions;

	private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

	private volatile boolean warmedUp;

	Bot(Conversations conversations, ContactEvents events, Routing routing, BotSessions sessions, BotChannels channels,
			KnowledgeAnswers answers, OrderStatusClient orders, IncidentStatusAnswers incidentStatuses,
			MessageSource messages, Clock clock,
			PlatformTransactionManager transactionManager,
			@Value("${baken.answering.bot.idle-close:PT30M}") Duration idleClose,
			@Value("${baken.answering.bot.human-only-reasons:}") List<String> humanOnly) {
		this.conversations = conversations;
		this.events = events;
		this.routing = routing;
		this.sessions = sessions;
		this.channels = channels;
		this.answers = answers;
		this.orders = orders;
		this.incidentStatuses = incidentStatuses;
		this.messages = messages;
		this.clock = clock;
		this.idleClose = idleClose;
		this.transactions = new TransactionTemplate(transactionManager);
		this.engine = new DialogEngine(DialogDefinitions.bundled(), this::text,
				humanOnly.stream().map(String::strip).filter(r -> !r.isEmpty()).collect(Collectors.toSet()));
	}

	@PreDestroy
	void stop() {
		workers.shutdown();
	}

	/**
	 * The matcher is trained once the application is up, so the first customer after a start does not wait for it;
	 * until that has been tried the node reports itself not ready ({@link BotHealthIndicator}).
	 */
	@EventListener(ApplicationReadyEvent.class)
	void prepare() {
		if (!channels.any()) {
			warmedUp = true;
			return;
		}
		workers.execute(() -> {
			try {
				answers.prepare();
			}
			catch (RuntimeException e) {
				// the first question tries again; a node without a bot still takes e-mail, calls and the desk
				log.error("Could not train the bot's matcher at start-up", e);
			}
			finally {
				warmedUp = true;
			}
		});
	}

	/** Whether the start-up training has been tried (on a node without bot channels: always). */
	boolean warmedUp() {
		return warmedUp;
	}

	/** The session starts in the transaction that gave the conversation to the bot, so it exists before any turn. */
	@EventListener
	void start(MessageReceived received) {
		if (received.newConversation() && channels.covers(received.channel())) {
			conversations.find(new ConversationId(received.conversationId()))
				.filter(c -> c.status() == ConversationStatus.BOT)
				.ifPresent(c -> sessions.insert(c.id(), BotState.start(language(c.language())), clock.instant()));
		}
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(MessageReceived received) {
		if (channels.covers(received.channel())) {
			workers.execute(() -> handle(received.conversationId(), received.messageId()));
		}
	}

	/** One customer message; public for tests that drive the bot without waiting. */
	public void handle(UUID conversationId, UUID messageId) {
		try {
			transactions.executeWithoutResult(status -> turn(conversationId, messageId));
		}
		catch (RuntimeException e) {
			// never leave a customer talking to a broken bot: a person takes over
			log.error("bot failed in conversation {}; handing off", conversationId, e);
			transactions.executeWithoutResult(status -> rescue(conversationId));
		}
	}

	private void turn(UUID conversationId, UUID messageId) {
		ConversationId id = new ConversationId(conversationId);
		Optional<BotState> locked = sessions.lock(conversationId);
		Optional<ConversationView> conversation = conversations.find(id);
		if (locked.isEmpty() || conversation.isEmpty() || conversation.get().status() != ConversationStatus.BOT) {
			return;
		}
		String text = conversations.detail(id)
			.flatMap(d -> d.messages().stream().filter(m -> m.id().equals(messageId)).findFirst())
			.map(MessageView::text)
			.orElse("");
		BotState state = locked.get();
		// an affected customer hears the incident's status from the bot, as part of its dialog (the one answer)
		List<StatusAnswer> statuses = state.finished() ? List.of()
				: incidentStatuses.untold(conversationId, conversation.get().customerId(), state.language());
		Step step = statuses.isEmpty()
				? engine.next(state, text, question -> answers.understand(question, state.language()))
				: engine.incidentStatus(state, text, statuses.stream().map(StatusAnswer::text).toList(),
						question -> answers.understand(question, state.language()));
		OrderLookup lookup = null;
		if (step.outcome() == Outcome.LOOKUP) {
			String number = engine.orderNumber(step.state()).orElseThrow();
			lookup = orders.lookup(number);
			Step after = engine.afterLookup(step.state(), lookup);
			// the incident's status stays first; the look-up's answer replaces the rest, as without an incident
			List<Reply> replies = new ArrayList<>(step.replies().stream().filter(r -> r.kind().equals("incident")).toList());
			replies.addAll(after.replies());
			step = new Step(after.state(), replies, after.outcome(), after.handOffReason(), after.answered());
		}
		apply(conversation.get(), step, lookup, statuses);
	}

	private void apply(ConversationView conversation, Step step, OrderLookup lookup, List<StatusAnswer> statuses) {
		ConversationId id = new ConversationId(conversation.id());
		Instant now = clock.instant();
		BotState state = step.state();
		// one message per turn: messages written at the same instant may reach the channel in any order
		if (!step.replies().isEmpty()) {
			conversations.botReply(id, String.join("\n\n", step.replies().stream().map(Reply::text).toList()),
					Map.of("step", String.join("+", step.replies().stream().map(Reply::kind).toList())), now);
		}
		for (StatusAnswer status : statuses) {
			Map<String, Object> told = intent(state);
			told.put("source", "incident");
			told.put("incidentId", status.incidentId().toString());
			told.put("update", status.update());
			events.append(now, conversation, ContactEventType.BOT_ANSWERED, Actor.bot(), null, told);
		}
		if (step.answered() != null) {
			Map<String, Object> answered = intent(state);
			answered.put("source", "article");
			events.append(now, conversation, ContactEventType.BOT_ANSWERED, Actor.bot(), null, answered);
		}
		if (lookup != null) {
			Map<String, Object> looked = intent(state);
			looked.put("source", "order-status");
			looked.put("lookup", lookup.kind().name().toLowerCase(Locale.ROOT));
			if (lookup.kind() == OrderLookup.Kind.FOUND) {
				looked.put("orderStatus", lookup.status());
				events.append(now, conversation, ContactEventType.BOT_ANSWERED, Actor.bot(), null, looked);
			}
		}
		switch (step.outcome()) {
			case HAND_OFF -> handOff(conversation, state, step.handOffReason(), now);
			case CONTAINED -> contained(id, state, "customer", now);
			default -> {
			}
		}
		sessions.save(conversation.id(), state, now);
	}

	private void handOff(ConversationView conversation, BotState state, String reason, Instant now) {
		Map<String, Object> attributes = intent(state);
		attributes.put("handOffReason", reason);
		attributes.put("slots", List.copyOf(state.slots().keySet()));
		ConversationView queued = conversations.handOff(new ConversationId(conversation.id()),
				summary(state, reason), attributes, now);
		String topic = engine.definitions().dialog(state.dialogId() == null ? "" : state.dialogId())
			.map(Dialog::topic)
			.orElse(null);
		routing.enqueue(queued, new Classification(topic, state.reasonId(), null, DialogEngine.urgency(reason), null),
				now);
	}

	private void contained(ConversationId id, BotState state, String endedBy, Instant now) {
		Map<String, Object> attributes = intent(state);
		attributes.put("answered", state.phase() == BotState.Phase.FEEDBACK || state.phase() == BotState.Phase.CONTAINED);
		attributes.put("endedBy", endedBy);
		conversations.closeByBot(id, state.reasonId(), attributes, now);
	}

	/** What the bot made of the question, for the event log (only the keys it has). */
	private static Map<String, Object> intent(BotState state) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		if (state.intent() != null) {
			attributes.put("intent", state.intent());
			attributes.put("confidence", Math.round(state.confidence() * 1000) / 1000.0);
		}
		if (state.reasonId() != null) {
			attributes.put("reason", state.reasonId());
		}
		if (state.dialogId() != null) {
			attributes.put("dialog", state.dialogId());
		}
		attributes.put("language", state.language());
		return attributes;
	}

	/** The note the agent reads first, in the conversation's language. */
	String summary(BotState state, String reason) {
		String language = state.language();
		StringBuilder note = new StringBuilder(text("bot.summary.title", language)).append('\n');
		note.append(text("bot.summary.reason", language, text("bot.summary.reason." + reason, language))).append('\n');
		if (state.question() != null) {
			note.append(text("bot.summary.question", language, state.question())).append('\n');
		}
		note.append(state.intent() == null ? text("bot.summary.noIntent", language)
				: text("bot.summary.intent", language, state.intentTitle() + " [" + state.intent() + "]",
						String.format(Locale.ROOT, "%.2f", state.confidence())))
			.append('\n');
		Optional<Dialog> dialog = engine.definitions().dialog(state.dialogId() == null ? "" : state.dialogId());
		if (dialog.isPresent() && !state.slots().isEmpty()) {
			note.append(text("bot.summary.details", language)).append('\n')
				.append(engine.summary(state, dialog.get()))
				.append('\n');
		}
		if (state.lookup() != null) {
			note.append(text("bot.summary.lookup", language, state.lookup())).append('\n');
		}
		return note.toString().strip();
	}

	private void rescue(UUID conversationId) {
		Optional<BotState> state = sessions.lock(conversationId);
		Optional<ConversationView> conversation = conversations.find(new ConversationId(conversationId));
		if (state.isPresent() && conversation.isPresent() && conversation.get().status() == ConversationStatus.BOT) {
			BotState handed = state.get().in(BotState.Phase.HANDED_OFF);
			handOff(conversation.get(), handed, "bot-error", clock.instant());
			sessions.save(conversationId, handed, clock.instant());
		}
	}

	/**
	 * Dialogs the customer left: after {@code idle-close} without a message the bot closes the conversation as
	 * contained (it ended without a person); {@code answered} tells whether the bot had answered.
	 */
	@Scheduled(fixedDelayString = "${baken.answering.bot.idle-sweep:PT1M}", initialDelayString = "PT30S")
	public void closeIdle() {
		transactions.executeWithoutResult(status -> {
			Instant now = clock.instant();
			for (UUID conversationId : sessions.idleForUpdate(now.minus(idleClose), 100)) {
				Optional<BotState> state = sessions.find(conversationId);
				Optional<ConversationView> conversation = conversations.find(new ConversationId(conversationId));
				if (state.isEmpty() || conversation.isEmpty()
						|| conversation.get().status() != ConversationStatus.BOT) {
					continue;
				}
				contained(new ConversationId(conversationId), state.get(), "idle", now);
				sessions.save(conversationId, state.get().in(BotState.Phase.CONTAINED), now);
			}
		});
	}

	private String text(String key, String language, Object... arguments) {
		return messages.getMessage(key, arguments.length == 0 ? null : arguments, Locale.of(language));
	}

	static String language(String language) {
		return language != null && language.toLowerCase(Locale.ROOT).startsWith("en") ? "en" : "nl";
	}
}
