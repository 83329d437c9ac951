package nl.baken.proactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import nl.baken.RandomInput;
import nl.baken.proactive.incident.PreventedArithmetic;
import nl.baken.proactive.incident.PreventedArithmetic.Past;
import org.junit.jupiter.api.Test;

/** Contacts prevented (KPI-DEFINITIONS.md): expected from a baseline rate, minus those that came. */
class PreventedArithmeticTests {

	@Test
	void comparablePastIncidentsGiveTheRateWhenThereAreEnough() {
		// 30 contacts from 100 affected and 10 from 50: 40 / 150 per customer; 60 affected now, 5 came
		ContactsPrevented kpi = PreventedArithmetic.compute(60, 5, List.of(new Past(100, 30), new Past(50, 10)), 1000,
				20);
		assertThat(kpi.baseline()).isEqualTo("past-incidents");
		assertThat(kpi.basis()).isEqualTo(2);
		assertThat(kpi.rate()).isCloseTo(40.0 / 150, within(1e-12));
		assertThat(kpi.expected()).isCloseTo(16.0, within(1e-9));
		assertThat(kpi.prevented()).isCloseTo(11.0, within(1e-9));
		assertThat(kpi.definition()).isEqualTo(
				"contacts-prevented@1{baseline=past-incidents,n=2,rate=0.2667,window=incident,contacts=conversations}");
	}

	@Test
	void withFewerPastIncidentsTheUnaffectedCustomersGiveTheRate() {
		// one past incident is not enough; 20 contacts among 400 unaffected customers: 0.05 per customer
		ContactsPrevented kpi = PreventedArithmetic.compute(200, 4, List.of(new Past(100, 30)), 400, 20);
		assertThat(kpi.baseline()).isEqualTo("unaffected");
		assertThat(kpi.basis()).isEqualTo(400);
		assertThat(kpi.rate()).isCloseTo(0.05, within(1e-12));
		assertThat(kpi.expected()).isCloseTo(10.0, within(1e-9));
		assertThat(kpi.prevented()).isCloseTo(6.0, within(1e-9));
	}

	@Test
	void moreContactsThanExpectedIsANegativeNumberNotZero() {
		ContactsPrevented kpi = PreventedArithmetic.compute(10, 3, List.of(), 100, 10);
		assertThat(kpi.expected()).isCloseTo(1.0, within(1e-9));
		assertThat(kpi.prevented()).isCloseTo(-2.0, within(1e-9));
	}

	@Test
	void pastIncidentsWithoutAffectedCustomersDoNotCountAndNoPopulationMeansNoExpectation() {
		ContactsPrevented kpi = PreventedArithmetic.compute(10, 0, List.of(new Past(0, 0), new Past(20, 4)), 0, 0);
		assertThat(kpi.baseline()).isEqualTo("unaffected");
		assertThat(kpi.basis()).isZero();
		assertThat(kpi.expected()).isZero();
		assertThat(kpi.prevented()).isZero();
	}

	@Test
	void preventedIsAlwaysExpectedMinusCame() {
		RandomInput.tries(200, random -> {
			List<Past> past = RandomInput.listOf(random, 5, r -> {
				long affected = r.nextInt(500);
				return new Past(affected, affected == 0 ? 0 : r.nextInt((int) affected * 2 + 1));
			});
			long affected = random.nextInt(1000);
			long came = random.nextInt(100);
			long population = random.nextInt(5000);
			long contacts = population == 0 ? 0 : random.nextInt((int) population);
			ContactsPrevented kpi = PreventedArithmetic.compute(affected, came, past, population, contacts);
			assertThat(kpi.prevented()).isCloseTo(kpi.expected() - came, within(1e-9));
			assertThat(kpi.expected()).isCloseTo(affected * kpi.rate(), within(1e-9));
			assertThat(kpi.rate()).isNotNegative();
			assertThat(kpi.affected()).isEqualTo(affected);
			assertThat(kpi.came()).isEqualTo(came);
		});
	}
}
