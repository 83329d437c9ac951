package nl.baken.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import nl.baken.proactive.rule.PreventiveRules;
import nl.baken.proactive.rule.RuleDefinition;
import nl.baken.shared.Actor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's preventive rules, from {@code demo/rules.json} (the same file the {@code replay-events} command can
 * take): a heat pump over 80 °C for ten minutes has the shop schedule a replacement and warns its owner; a parcel not
 * scanned again for 48 hours gives the orders team a task and tells the customer. {@code demo/telemetry.jsonl} is a
 * stream to replay against them. Seeded when there are no rules yet.
 */
@Component
@Order(6)
@ConditionalOnBooleanProperty("baken.demo.enabled")
class DemoRules implements ApplicationRunner {

	static final String RULES = "demo/rules.json";

	private final PreventiveRules rules;

	private final JsonMapper json;

	DemoRules(PreventiveRules rules, JsonMapper json) {
		this.rules = rules;
		this.json = json;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!rules.list().isEmpty()) {
			return;
		}
		Actor demo = Actor.system("demo");
		for (RuleDefinition rule : definitions(json)) {
			rules.create(rule, demo);
		}
	}

	static RuleDefinition[] definitions(JsonMapper json) {
		try (InputStream in = new ClassPathResource(RULES).getInputStream()) {
			return json.readValue(new String(in.readAllBytes(), StandardCharsets.UTF_8), RuleDefinition[].class);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
