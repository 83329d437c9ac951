package nl.baken.proactive.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.customer.CustomerId;
import nl.baken.customer.CustomerProfile.Consent;
import nl.baken.customer.Customers;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.proactive.BusinessEventReceived;
import nl.baken.proactive.NotificationTemplate;
import nl.baken.proactive.NotificationTemplates;
import nl.baken.proactive.Notifications;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A rule's message through the real notification service: one notice per firing for the device's owner, on their
 * channel with the rule-warning template, and none for an owner without consent; the same readings again send
 * nothing new.
 */
@DatabaseTest
@TestPropertySource(properties = { "baken.rules.sweep.enabled=false", "baken.notifications.worker-enabled=false" })
class RuleNoticesTests extends ApiTestSupport {

	@Autowired
	PreventiveRules rules;

	@Autowired
	Notifications notifications;

	@Autowired
	NotificationTemplates templates;

	@Autowired
	Customers customers;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFiringWarnsTheOwnerOnceThroughTheNotificationService() {
		if (templates.templates(RuleActions.TEMPLATE).isEmpty()) {
			for (String language : List.of("nl", "en")) {
				templates.save(new NotificationTemplate(RuleActions.TEMPLATE, NotificationTemplate.ANY, language,
						"Baken", "{{text}}", null, List.of(), null, null), "test");
			}
		}
		UUID rule = rules.create(new RuleDefinition(unique("Warm"), true, "device.telemetry",
				Map.of("metric", "temperature"), "device",
				new RuleDefinition.Condition("threshold", "value", "above", 80.0, "10m", null, null),
				new RuleDefinition.Actions(null, new RuleDefinition.Message(null, "Uw warmtepomp is te warm.",
						"Your heat pump runs too hot."), null)), Actor.system("test")).id();
		CustomerId willing = customer(unique("ja") + "@example.nl", true);
		CustomerId unwilling = customer(unique("nee") + "@example.nl", false);
		String hot = unique("hp");
		String alsoHot = unique("hp");
		Instant t0 = Instant.parse("2026-11-20T08:00:00Z");
		for (int round = 0; round < 2; round++) {
			// the second round repeats the readings: the episode already fired
			for (int m = 0; m <= 12; m += 2) {
				receive(PreventiveRulesTests.reading(hot, t0.plusSeconds(m * 60L), 90), willing);
				receive(PreventiveRulesTests.reading(alsoHot, t0.plusSeconds(m * 60L), 90), unwilling);
			}
		}
		await().atMost(Duration.ofSeconds(15))
			.until(() -> rules.firings(rule, 10).size() == 2
					&& rules.firings(rule, 10).stream().allMatch(f -> f.actionState().equals("done")));
		List<FiringView> firings = rules.firings(rule, 10);
		FiringView mine = firings.stream().filter(f -> f.key().equals(hot)).findFirst().orElseThrow();
		assertThat(mine.outcome()).isEqualTo("message: queued (email)");
		assertThat(firings.stream().filter(f -> f.key().equals(alsoHot)).findFirst().orElseThrow().outcome())
			.isEqualTo("message: no_consent");
		assertThat(notifications.counts("rule:" + rule).queued()).isEqualTo(1);
		assertThat(jdbc.sql("select once_key from notice where topic = ? and state = 'queued'")
			.param("rule:" + rule)
			.query(String.class)
			.single()).isEqualTo("rule:" + rule + ":" + hot + ":" + mine.episodeStart());
	}

	private CustomerId customer(String email, boolean proactive) {
		CustomerId id = transactions.execute(s -> customers.resolve(new IdentityClaim(List.of(Identity.email(email)),
				"Klant", null, Instant.now())));
		customers.updatePreferences(id, "email", "nl", new Consent(proactive, false, false), Actor.system("test"));
		return id;
	}

	private void receive(nl.baken.proactive.BusinessEvent event, CustomerId customer) {
		transactions.executeWithoutResult(s -> publisher.publishEvent(new BusinessEventReceived(UUID.randomUUID(),
				event, customer, Instant.now())));
	}
}
