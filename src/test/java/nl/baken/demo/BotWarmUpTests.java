package nl.baken.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import nl.baken.answering.internal.KnowledgeAnswers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The bot's matcher is trained on the demo articles when the application starts, not on the first customer's question
 * (with the bundled encoder that takes seconds). Its own database: no test here changes an article or asks the bot.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "baken.demo.enabled=true", "baken.answering.bot.channels=webchat" })
class BotWarmUpTests {

	@Autowired
	KnowledgeAnswers answers;

	@Autowired
	MockMvcTester mvc;

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
		// the node tells a load balancer it is ready once the bot is (BotReadinessTests: not before)
		long readyBy = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (mvc.get().uri("/actuator/health/readiness").exchange().getResponse().getStatus() != 200
				&& System.nanoTime() < readyBy) {
			Thread.sleep(50);
		}
		assertThat(mvc.get().uri("/actuator/health/readiness")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.components.bot.status")
			.isEqualTo("UP");
	}
}
