package nl.baken.answering.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import nl.baken.ApiTestSupport;
import nl.baken.answering.Answering;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.Conversations;
import nl.baken.knowledge.Articles;
import nl.baken.proactive.IncidentStatusAnswers;
import nl.baken.routing.Routing;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.MessageSource;
import org.springframework.transaction.PlatformTransactionManager;

/** A node says it is not ready while the bot's start-up training runs, so no chat is sent to it yet. */
class BotReadinessTests extends ApiTestSupport {

	@Autowired
	Answering answering;

	@Autowired
	Articles articles;

	@Autowired
	Conversations conversations;

	@Autowired
	ContactEvents events;

	@Autowired
	Routing routing;

	@Autowired
	BotSessions sessions;

	@Autowired
	OrderStatusClient orders;

	@Autowired
	IncidentStatusAnswers incidentStatuses;

	@Autowired
	MessageSource messages;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void aNodeIsNotReadyUntilTheBotHasLearnedTheKnowledgeBase() throws Exception {
		CountDownLatch trainingMayFinish = new CountDownLatch(1);
		KnowledgeAnswers slowToTrain = new KnowledgeAnswers(answering, articles, "https://shop.example",
				Duration.ofHours(1)) {
			@Override
			public void prepare() {
				try {
					trainingMayFinish.await();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				super.prepare();
			}
		};
		BotChannels channels = new BotChannels("webchat", Duration.ofMinutes(2), Clock.systemUTC());
		Bot bot = new Bot(conversations, events, routing, sessions, channels, slowToTrain, orders, incidentStatuses,
				messages, Clock.systemUTC(), transactions, Duration.ofMinutes(30), List.of());
		BotHealthIndicator health = new BotHealthIndicator(bot);

		bot.prepare();
		assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		trainingMayFinish.countDown();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!health.health().getStatus().equals(Status.UP) && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		assertThat(slowToTrain.ready()).isTrue();
	}
}
