package nl.baken.answering.internal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * "bot" in the readiness group: out of service until the bot's matcher has been trained after a start, so a load
 * balancer sends a new node no chat while its first customer would wait seconds for the training.
 */
@Component
class BotHealthIndicator implements HealthIndicator {

	private final Bot bot;

	BotHealthIndicator(Bot bot) {
		this.bot = bot;
	}

	@Override
	public Health health() {
		return bot.warmedUp() ? Health.up().build()
				: Health.outOfService().withDetail("reason", "the bot is learning the knowledge base").build();
	}
}
