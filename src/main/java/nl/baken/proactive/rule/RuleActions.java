package nl.baken.proactive.rule;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.baken.access.Integrations;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.ConversationView;
import nl.baken.conversation.Conversations;
import nl.baken.customer.CustomerId;
import nl.baken.customer.CustomerProfile;
import nl.baken.customer.Customers;
import nl.baken.proactive.Notice;
import nl.baken.proactive.NoticeResult;
import nl.baken.proactive.Notifications;
import nl.baken.routing.Routing;
import nl.baken.shared.Actor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a firing does: a signed call to an integration (its idempotency key is the firing, so a retry books once), a
 * proactive message to the key's customer (once per firing by its once-key) and a task for a team. Each action's
 * outcome is kept on the firing, in one line per action.
 */
@Component
class RuleActions {

	static final String TEMPLATE = "rule-warning";

	private final Integrations integrations;

	private final Notifications notifications;

	private final Conversations conversations;

	private final ContactEvents events;

	private final Routing routing;

	private final Customers customers;

	private final JsonMapper json;

	private final Clock clock;

	private final TransactionTemplate transactions;

	RuleActions(Integrations integrations, Notifications notifications, Conversations conversations,
			ContactEvents events, Routing routing, Customers customers, JsonMapper json, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.integrations = integrations;
		this.notifications = notifications;
		this.conversations = conversations;
		this.events = events;
		this.routing = routing;
		this.customers = customers;
		this.json = json;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** What the actions would do, for a dry run. */
	static List<String> planned(RuleDefinition.Actions actions) {
		List<String> planned = new ArrayList<>();
		if (actions.integration() != null) {
			planned.add("integration " + actions.integration().name() + " " + actions.integration().path());
		}
		if (actions.message() != null) {
			planned.add("message " + TEMPLATE);
		}
		if (actions.task() != null) {
			planned.add("task " + actions.task().teamId());
		}
		return planned;
	}

	/** Runs every action of the rule for this firing; one failing does not stop the others. */
	String run(Rule rule, FiringView firing) {
		RuleDefinition.Actions actions = rule.definition().actions();
		List<String> outcome = new ArrayList<>();
		if (actions.integration() != null) {
			outcome.add("integration: " + guarded(() -> call(rule, actions.integration(), firing)));
		}
		if (actions.message() != null) {
			outcome.add("message: " + guarded(() -> message(rule, actions.message(), firing)));
		}
		if (actions.task() != null) {
			outcome.add("task: " + guarded(() -> task(rule, actions.task(), firing)));
		}
		return String.join("\n", outcome);
	}

	private static String guarded(java.util.function.Supplier<String> action) {
		try {
			return action.get();
		}
		catch (RuntimeException e) {
			return "failed: " + shortText(e.getMessage());
		}
	}

	private String call(Rule rule, RuleDefinition.IntegrationCall call, FiringView firing) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("requestId", firing.id().toString());
		body.put("rule", rule.name());
		body.put("ruleId", rule.id().toString());
		body.put("keyKind", rule.key().name().toLowerCase(java.util.Locale.ROOT));
		body.put("key", firing.key());
		body.put(rule.key().name().toLowerCase(java.util.Locale.ROOT) + "Id", firing.key());
		body.put("from", firing.episodeStart().toString());
		body.put("to", firing.firedAt().toString());
		body.put("summary", firing.summaryEn());
		if (firing.customerId() != null) {
			body.put("customerId", firing.customerId().toString());
		}
		try {
			Integrations.Answer answer = integrations.post(call.name(), call.path(), "rule-firing-" + firing.id(),
					json.writeValueAsString(body));
			return (answer.ok() ? "ok " : "failed ") + answer.status() + " " + shortText(answer.body());
		}
		catch (Integrations.Unreachable e) {
			return "failed: " + e.getMessage();
		}
	}

	private String message(Rule rule, RuleDefinition.Message message, FiringView firing) {
		if (firing.customerId() == null) {
			return "skipped: no known customer for " + firing.key();
		}
		// the rule-warning template has one placeholder, text
		Map<String, Map<String, String>> values = Map.of("nl", Map.of("text", message.textNl()), "en",
				Map.of("text", message.textEn()));
		List<NoticeResult> results = notifications.send(new Notice(List.of(new CustomerId(firing.customerId())), TEMPLATE,
				values, "rule:" + rule.id(), "rule:" + rule.id() + ":" + firing.key() + ":" + firing.episodeStart(),
				message.brand()));
		return results.stream()
			.map(r -> r.outcome() + (r.channel() == null ? "" : " (" + r.channel() + ")"))
			.reduce((a, b) -> a + ", " + b)
			.orElse("nothing sent");
	}

	private String task(Rule rule, RuleDefinition.Task task, FiringView firing) {
		if (firing.customerId() == null) {
			return "skipped: no known customer for " + firing.key();
		}
		Actor by = Actor.system("rule:" + rule.id());
		Instant at = clock.instant();
		String language = customers.profile(new CustomerId(firing.customerId()))
			.map(CustomerProfile::preferredLanguage)
			.orElse(null);
		String note = "Regel „" + rule.name() + "” zag bij " + firing.key() + ": " + firing.summaryNl() + "\n"
				+ "Rule \"" + rule.name() + "\" saw for " + firing.key() + ": " + firing.summaryEn();
		ConversationView opened = transactions.execute(status -> {
			ConversationView c = conversations.openTask(new CustomerId(firing.customerId()), null, task.teamId(),
					language, shortText(rule.name() + ": " + firing.key()), note, by, at);
			events.append(at, c, ContactEventType.RULE_TRIGGERED, by, task.teamId(),
					Map.of("rule", rule.id().toString(), "key", firing.key(), "firing", firing.id().toString()));
			routing.enqueue(c, null, at);
			return c;
		});
		return "conversation " + opened.id() + " queued for " + task.teamId();
	}

	private static String shortText(String text) {
		String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
		return flat.length() <= 200 ? flat : flat.substring(0, 200);
	}
}
