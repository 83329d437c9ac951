package nl.baken.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import nl.baken.DatabaseTest;
import nl.baken.proactive.rule.PreventiveRules;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The demo's rules are seeded once, and its telemetry stream replayed against the stored device rule fires it once
 * per overheating heat pump; the shop stand-in books a device replacement.
 */
@DatabaseTest
@SpringBootTest
@TestPropertySource(properties = "baken.demo.enabled=true")
class DemoRulesTests {

	@Autowired
	PreventiveRules rules;

	@Autowired
	DemoRules demoRules;

	/** The demo's own database, as {@link DemoSeederTests} has it. */
	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		DemoSeederTests.database(registry);
	}

	@Test
	void theDeviceRuleFiresOncePerOverheatingDeviceOnTheDemoStream() throws Exception {
		assertThat(rules.list()).extracting(PreventiveRules.RuleView::name)
			.contains("Warmtepomp te heet", "Pakket niet meer gescand");
		int before = rules.list().size();
		demoRules.run(null);
		assertThat(rules.list()).hasSize(before);

		PreventiveRules.RuleView device = rules.list()
			.stream()
			.filter(r -> r.name().equals("Warmtepomp te heet"))
			.findFirst()
			.orElseThrow();
		assertThat(device.definition().actions().integration().path()).isEqualTo("/actions/replace-device");
		String stream = new ClassPathResource("demo/telemetry.jsonl").getContentAsString(StandardCharsets.UTF_8);
		PreventiveRules.ReplayResult result = rules.replay(device.id(), stream, Instant.parse("2026-11-23T00:00:00Z"));
		assertThat(result.firings()).extracting(PreventiveRules.ReplayedFiring::key)
			.containsExactly("hp-1002", "hp-1001");
		assertThat(result.firings().getFirst().actions()).containsExactly("integration shop /actions/replace-device",
				"message rule-warning");
	}
}
