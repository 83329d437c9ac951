package nl.baken.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The KPIs of the seeded demo are what the demo was planned to show: about one in six contacts a repeat and about one
 * in ten handled contacts transferred. Uses the demo's own database (the one DemoSeederTests uses), seeded by
 * whichever of the two starts first.
 */
@SpringBootTest
@TestPropertySource(properties = "baken.demo.enabled=true")
class DemoKpiTests {

	@Autowired
	Kpis kpis;

	@Autowired
	Clock clock;

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
		assertThat(repeats).isBetween(12.0, 25.0);
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

	private double value(String name, Instant from, Instant to, Map<String, String> parameters) {
		KpiResult result = kpis.compute(name, new KpiQuery(from, to, null, null, null, null, parameters));
		System.out.println(result.identity() + " = " + result.value() + " (" + result.numerator() + " / "
				+ result.denominator() + ")");
		return result.value();
	}
}
