package nl.baken.answering.internal;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.ConversationView;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.MessageReceived;
import nl.baken.routing.Classification;
import nl.baken.routing.RoutedWork;
import nl.baken.routing.Routing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A customer waiting for a person who writes that it is urgent, or who is upset, moves up the queue: routing urgency 3
 * or 2, as when the bot hands such a customer over. The words are the bot's ({@code answering/dialogs.json}). Only a
 * contact still waiting moves, and never down; a conversation with the bot is the bot's to judge.
 */
@Component
class Escalations {

	private static final Logger log = LoggerFactory.getLogger(Escalations.class);

	private final DialogDefinitions definitions = DialogDefinitions.bundled();

	private final Routing routing;

	private final Conversations conversations;

	// after the commit, off the thread that committed (the inbound path's group writer)
	private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

	Escalations(Routing routing, Conversations conversations) {
		this.routing = routing;
		this.conversations = conversations;
	}

	@PreDestroy
	void stop() {
		workers.shutdown();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(MessageReceived received) {
		String text = received.text();
		if (text == null || text.isBlank()) {
			return;
		}
		// even reading the words costs the committing thread as much as a statement does
		workers.execute(() -> escalate(received, text));
	}

	private void escalate(MessageReceived received, String text) {
		Integer urgency = DialogEngine.urgency(definitions.feeling(text));
		if (urgency == null) {
			return;
		}
		try {
			Optional<RoutedWork> work = routing.work(received.conversationId());
			if (work.isEmpty() || !work.get().status().equals("waiting") || work.get().urgency() >= urgency) {
				return;
			}
			Optional<ConversationView> conversation = conversations.find(new ConversationId(received.conversationId()));
			routing.classify(received.conversationId(), new Classification(null,
					conversation.map(ConversationView::contactReasonId).orElse(null), null, urgency, null));
		}
		catch (RuntimeException e) {
			// taken or moved meanwhile: the customer is being helped, or keeps their place
			log.info("Could not move conversation {} up the queue: {}", received.conversationId(), e.getMessage());
		}
	}
}
