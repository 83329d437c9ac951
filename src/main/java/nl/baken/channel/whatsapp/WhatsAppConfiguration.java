package nl.baken.channel.whatsapp;

import java.time.Clock;

import nl.baken.conversation.Deliveries;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The webhook is always there (it refuses everything while no app secret is configured); the adapter and the
 * 24-hour window guard exist only when a phone number and access token are configured, so without them WhatsApp
 * replies end as dead letters "no channel adapter configured".
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WhatsAppProperties.class)
class WhatsAppConfiguration {

	@Bean
	@ConditionalOnProperty(prefix = "baken.channels.whatsapp", name = { "phone-number-id", "access-token" })
	WhatsAppAdapter whatsAppAdapter(WhatsAppProperties properties, TemplateStore templates, Clock clock) {
		return new WhatsAppAdapter(properties, templates, clock);
	}

	@Bean
	@ConditionalOnProperty(prefix = "baken.channels.whatsapp", name = { "phone-number-id", "access-token" })
	WhatsAppMedia whatsAppMedia(WhatsAppProperties properties) {
		return new WhatsAppMedia(properties);
	}

	@Bean
	@ConditionalOnProperty(prefix = "baken.channels.whatsapp", name = { "phone-number-id", "access-token" })
	ServiceWindowGuard serviceWindowGuard(Deliveries deliveries) {
		return new ServiceWindowGuard(deliveries);
	}
}
