package nl.baken.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The KPIs of the seeded demo are what the demo was planned to show: about one in eight contacts a repeat and about
 * one in fourteen handled contacts transferred. Uses the demo's own database (the one DemoSeederTests uses), seeded by
 * whichever of the two starts first.
 */
@SpringBootTest
@TestPropertySource(properties = "baken.demo.enabled=true")
class DemoKpiTests {

	@Autowired
	Kpis kpis;

	@Autowired
	Clock clock;

	@Autowired
	KnowledgeGaps knowledgeGaps;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:demo-test;DB_CLOSE_DELAY=-1");
	}

	@Test
	void theDemoShowsPlausibleUnnecessaryContactKpis() {
		Instant now = clock.instant();
		Instant from = now.minus(Duration.ofDays(61));
		double repeats = value("repeat-contact-rate", from, now, Map.of());
		double transfers = value("transfer-rate", from, now, Map.of());
		double sameReasonRepeats = value("repeat-contact-rate", from, now, Map.of("sameReason", "true"));
		// about 12 %: the demo history's bot conversations and callbacks are mostly one-off contacts
		assertThat(repeats).isBetween(9.0, 25.0);
		assertThat(sameReasonRepeats).isBetween(1.0, repeats);
		assertThat(transfers).isBetween(6.0, 15.0);
		assertThat(value("transfer-rate", from, now, Map.of("level", "agent"))).isGreaterThanOrEqualTo(transfers);
		assertThat(value("informational-share", from, now, Map.of())).isBetween(5.0, 80.0);
		assertThat(value("first-contact-resolution", from, now, Map.of())).isBetween(50.0, 95.0);
		double phoneSl = kpis.compute("service-level",
				new KpiQuery(from, now, "phone", null, null, null, Map.of("thresholdSeconds", "60"))).value();
		assertThat(phoneSl).isBetween(20.0, 100.0);
		assertThat(kpis.compute("abandonment-rate", new KpiQuery(from, now, "phone", null, null, null, Map.of()))
			.value()).isBetween(1.0, 40.0);
		assertThat(kpis.compute("average-speed-of-answer",
				new KpiQuery(from, now, "webchat", null, null, null, Map.of())).value()).isBetween(5.0, 600.0);
	}

	/**
	 * Every KPI of the catalogue counts something on the demo's sixty days, with a value a team lead of a Dutch
	 * webshop finds plausible: the queue KPIs on the phone (T = 20 s), the others over all channels.
	 */
	@Test
	void everyKpiOfTheDemoCountsSomethingPlausible() {
		Instant now = clock.instant();
		Instant from = now.minus(Duration.ofDays(61));
		Map<String, String> phone = Map.of("service-level", "phone", "average-speed-of-answer", "phone",
				"abandonment-rate", "phone", "handle-time", "phone");
		Map<String, double[]> plausible = Map.ofEntries(Map.entry("service-level", new double[] { 40, 90 }),
				Map.entry("average-speed-of-answer", new double[] { 5, 60 }),
				Map.entry("abandonment-rate", new double[] { 2, 15 }),
				Map.entry("repeat-contact-rate", new double[] { 9, 20 }),
				Map.entry("first-contact-resolution", new double[] { 70, 95 }),
				Map.entry("transfer-rate", new double[] { 5, 12 }),
				Map.entry("informational-share", new double[] { 25, 40 }),
				Map.entry("backlog", new double[] { 1, 40 }), Map.entry("csat", new double[] { 55, 90 }),
				Map.entry("customer-effort", new double[] { 1.5, 4.5 }),
				Map.entry("handle-time", new double[] { 120, 900 }), Map.entry("occupancy", new double[] { 50, 95 }),
				// 150 sessions planned at 0.62 × 0.87 = 54 %: ±4 standard deviations, as which sessions have ended
				// by now depends on the time of day the test runs (so do the service level's 130-odd calls)
				Map.entry("bot-containment", new double[] { 38, 70 }),
				Map.entry("bot-false-containment", new double[] { 3, 15 }),
				Map.entry("callback-promise-kept", new double[] { 75, 99 }));
		assertThat(kpis.definitions()).extracting(KpiDefinition::name)
			.containsExactlyInAnyOrderElementsOf(plausible.keySet());
		plausible.forEach((name, range) -> {
			KpiResult result = kpis.compute(name,
					new KpiQuery(from, now, phone.get(name), null, null, null, Map.of()));
			System.out.println(result.identity() + " = " + result.value() + " (" + result.numerator() + " / "
					+ result.denominator() + ")");
			// the backlog is a count of contacts, every other KPI a ratio over contacts, sessions or time
			if (!name.equals("backlog")) {
				assertThat(result.denominator()).as(name).isNotNull().isPositive();
			}
			assertThat(result.value()).as(name).isNotNull().isBetween(range[0], range[1]);
		});
	}

	/** The knowledge-gaps page has groups to show: what the demo's bot could not answer. */
	@Test
	void theDemosBotLeavesKnowledgeGaps() {
		Instant now = clock.instant();
		List<KnowledgeGaps.Gap> gaps = knowledgeGaps.find(now.minus(Duration.ofDays(60)), now, 3);
		assertThat(gaps).hasSizeGreaterThanOrEqualTo(3);
		assertThat(gaps.getFirst().count()).isGreaterThanOrEqualTo(3);
		assertThat(gaps.getFirst().examples()).isNotEmpty();
	}

	private double value(String name, Instant from, Instant to, Map<String, String> parameters) {
		KpiResult result = kpis.compute(name, new KpiQuery(from, to, null, null, null, null, parameters));
		System.out.println(result.identity() + " = " + result.value() + " (" + result.numerator() + " / "
				+ result.denominator() + ")");
		return result.value();
	}
}
