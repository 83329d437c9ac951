package nl.baken.demo;

import java.util.List;

import nl.baken.proactive.NotificationTemplate;
import nl.baken.proactive.NotificationTemplates;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Templates of the two notifications the demo sends (incident updates, preventive-rule warnings), in Dutch and
 * English, for e-mail, WhatsApp (as approved templates) and every other channel; only for a notification that has
 * no templates yet, so an admin's edits stay. Before the demo incidents and rules, which send them.
 */
@Component
@Order(1)
@ConditionalOnBooleanProperty("baken.demo.enabled")
class DemoNotifications implements ApplicationRunner {

	private static final String BY = "demo";

	private final NotificationTemplates templates;

	DemoNotifications(NotificationTemplates templates) {
		this.templates = templates;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (templates.templates("incident-update").isEmpty()) {
			List<String> parameters = List.of("title", "status", "expectedEnd");
			save("incident-update", "email", "nl", "Storing: {{title}}", """
					Beste klant,

					Er is een storing die u raakt: {{title}}.
					Stand van zaken: {{status}}
					We verwachten dat het verholpen is: {{expectedEnd}}.

					U hoeft niets te doen; wij houden u op de hoogte.
					Met vriendelijke groet, de klantenservice""", null, List.of());
			save("incident-update", "email", "en", "Service disruption: {{title}}", """
					Dear customer,

					There is a disruption that affects you: {{title}}.
					Current status: {{status}}
					We expect it to be resolved by: {{expectedEnd}}.

					There is nothing you need to do; we will keep you posted.
					Kind regards, customer service""", null, List.of());
			save("incident-update", "whatsapp", "nl", null,
					"Storing: {{title}}. Stand van zaken: {{status}}. Verwacht opgelost: {{expectedEnd}}.",
					"incident_update", parameters);
			save("incident-update", "whatsapp", "en", null,
					"Disruption: {{title}}. Status: {{status}}. Expected to be resolved: {{expectedEnd}}.",
					"incident_update", parameters);
			save("incident-update", NotificationTemplate.ANY, "nl", "Storing: {{title}}",
					"Storing: {{title}}. {{status}} Verwacht opgelost: {{expectedEnd}}.", null, List.of());
			save("incident-update", NotificationTemplate.ANY, "en", "Disruption: {{title}}",
					"Disruption: {{title}}. {{status}} Expected to be resolved: {{expectedEnd}}.", null, List.of());
		}
		if (templates.templates("rule-warning").isEmpty()) {
			save("rule-warning", "email", "nl", "Een bericht over uw bestelling of apparaat", """
					Beste klant,

					{{text}}

					Met vriendelijke groet, de klantenservice""", null, List.of());
			save("rule-warning", "email", "en", "A message about your order or device", """
					Dear customer,

					{{text}}

					Kind regards, customer service""", null, List.of());
			save("rule-warning", "whatsapp", "nl", null, "Goed om te weten: {{text}}", "service_warning",
					List.of("text"));
			save("rule-warning", "whatsapp", "en", null, "Good to know: {{text}}", "service_warning",
					List.of("text"));
			save("rule-warning", NotificationTemplate.ANY, "nl", "Goed om te weten", "Goed om te weten: {{text}}",
					null, List.of());
			save("rule-warning", NotificationTemplate.ANY, "en", "Good to know", "Good to know: {{text}}", null,
					List.of());
		}
	}

	private void save(String name, String channel, String language, String subject, String body,
			String providerTemplate, List<String> parameters) {
		templates.save(new NotificationTemplate(name, channel, language, subject, body, providerTemplate, parameters,
				null, null), BY);
	}
}
