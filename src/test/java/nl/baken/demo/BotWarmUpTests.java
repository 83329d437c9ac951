package nl.baken.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import nl.baken.answering.internal.KnowledgeAnswers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The bot's matcher is trained on the demo articles when the application starts, not on the first customer's question
 * (with the bundled encoder that takes seconds). Its own database: no test here changes an article or asks the bot.
 */
@SpringBootTest
@TestPropertySource(properties = { "baken.demo.enabled=true", "baken.answering.bot.channels=webchat" })
class BotWarmUpTests {

	@Autowired
	KnowledgeAnswers answers;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		DemoSeederTests.database(registry, "warmup");
	}

	@Test
	void theBotIsReadyForTheFirstQuestionWithoutAnyQuestionAsked() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (!answers.ready() && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(answers.ready()).as("trained on the demo articles after the start").isTrue();
	}
}
