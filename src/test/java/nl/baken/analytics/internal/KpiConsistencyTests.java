package nl.baken.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import nl.baken.RandomInput;
import nl.baken.analytics.CountedContact;
import nl.baken.analytics.KpiDefinition;
import nl.baken.analytics.KpiQuery;
import nl.baken.conversation.ContactEvent;
import org.junit.jupiter.api.Test;

/**
 * What must hold on any history: on generated histories of random size and seed, over random periods and filters,
 * the bot's outcomes add up, occupancy stays within 0–100 %, and every KPI's counts agree with its drill-down.
 */
class KpiConsistencyTests {

	private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

	@Test
	void theKpisAgreeWithThemselvesOnGeneratedHistories() {
		RandomInput.tries(12, random -> {
			List<ContactEvent> log = new ArrayList<>();
			int days = 1 + random.nextInt(4);
			new HistoryGenerator(new HistoryGenerator.Size(20 + random.nextInt(300), days, random.nextLong(), START),
					log::add).run();
			Instant from = START.plus(Duration.ofHours(random.nextInt(24 * days)));
			Instant to = from.plus(Duration.ofHours(1 + random.nextInt(48)));
			String channel = random.nextInt(3) == 0 ? RandomInput.oneOf(random,
					List.of("phone", "email", "webchat", "whatsapp")) : null;
			String team = random.nextInt(3) == 0 ? RandomInput.oneOf(random, HistoryGenerator.TEAM_IDS) : null;
			KpiQuery query = new KpiQuery(from, to, channel, team, null, null, Map.of());
			Instant asOf = START.plus(Duration.ofDays(days + 10));

			Map<String, KpiCalculator.Computation> results = new java.util.HashMap<>();
			for (KpiDefinition definition : KpiCatalogue.all()) {
				KpiCalculator.Computation c = KpiCalculator.compute(definition,
						KpiParameters.resolve(definition, Map.of()), query, log, log, log, UnaryOperator.identity(),
						asOf);
				results.put(definition.name(), c);
				if (c.denominator() != null) {
					assertThat(c.value() == null).as(definition.name() + ": no value exactly when nothing counted")
						.isEqualTo(c.denominator() == 0);
				}
			}

			KpiCalculator.Computation contained = results.get(KpiCatalogue.BOT_CONTAINMENT);
			KpiCalculator.Computation falselyContained = results.get(KpiCatalogue.BOT_FALSE_CONTAINMENT);
			long handedOff = contained.counted().stream().filter(c -> c.note().equals("handed off")).count();
			assertThat(contained.numerator() + falselyContained.numerator() + handedOff)
				.as("contained + falsely contained + handed off = bot conversations")
				.isEqualTo(contained.denominator());
			assertThat(falselyContained.denominator()).isEqualTo(contained.denominator());

			KpiCalculator.Computation occupancy = results.get(KpiCatalogue.OCCUPANCY);
			if (occupancy.value() != null) {
				assertThat(occupancy.value()).isBetween(0.0, 100.0);
			}
			double agentBusy = occupancy.counted()
				.stream()
				.filter(c -> c.conversationId() == null)
				.mapToDouble(c -> Double.parseDouble(c.note().split(" ")[1]))
				.sum();
			assertThat(agentBusy).isCloseTo(occupancy.numerator(), within(1e-6));

			KpiCalculator.Computation handle = results.get(KpiCatalogue.HANDLE_TIME);
			assertThat(handle.numerator()).isGreaterThanOrEqualTo(0);
			assertThat(handle.counted()).allMatch(CountedContact::numerator);
			assertThat(handle.counted().stream().map(CountedContact::channel))
				.allMatch(ch -> channel == null || channel.equals(ch));
			KpiCalculator.Computation withWait = KpiCalculator.compute(
					KpiCatalogue.find(KpiCatalogue.HANDLE_TIME).orElseThrow(),
					Map.of("excludeCustomerWait", "false"), query, log, log, log, UnaryOperator.identity(), asOf);
			assertThat(withWait.numerator()).as("leaving out the customer's waits never adds time")
				.isGreaterThanOrEqualTo(handle.numerator() - 1e-6);

			KpiCalculator.Computation callbacks = results.get(KpiCatalogue.CALLBACK_PROMISE_KEPT);
			assertThat(callbacks.numerator()).isLessThanOrEqualTo(callbacks.denominator());
			assertThat(callbacks.counted().stream().filter(CountedContact::numerator).count())
				.isEqualTo((long) callbacks.numerator());
		});
	}

	@Test
	void theGeneratedRepeatRateLiesWhereContactCentresSeeIt() {
		// 5-25 % in practice (issue 8): chance repeats must not swamp the generator's deliberate ones
		RandomInput.tries(3, random -> {
			int days = 21 + random.nextInt(20);
			int perDay = 100 + random.nextInt(300);
			List<ContactEvent> log = new ArrayList<>();
			new HistoryGenerator(new HistoryGenerator.Size((long) days * perDay, days, random.nextLong(), START),
					log::add).run();
			// the last two weeks, so every contact has a full window of history before it
			KpiQuery query = new KpiQuery(START.plus(Duration.ofDays(days - 14)), START.plus(Duration.ofDays(days)),
					null, null, null, null, Map.of());
			KpiDefinition repeat = KpiCatalogue.find(KpiCatalogue.REPEAT_CONTACT_RATE).orElseThrow();
			KpiCalculator.Computation c = KpiCalculator.compute(repeat, KpiParameters.resolve(repeat, Map.of()), query,
					log, log, UnaryOperator.identity(), START.plus(Duration.ofDays(days + 10)));
			assertThat(c.value()).as(days + " days of " + perDay + " contacts").isBetween(5.0, 25.0);
		});
	}
}
