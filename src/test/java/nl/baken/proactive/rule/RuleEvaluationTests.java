package nl.baken.proactive.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.RandomInput;
import nl.baken.proactive.BusinessEvent;
import nl.baken.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * The conditions against brute-force oracles written from their definitions, on random streams; the absence wait
 * with a fixed clock; the checks of a rule; and the demo stream with the demo rules.
 */
class RuleEvaluationTests {

	static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

	static BusinessEvent reading(String device, Instant at, String metric, Object value) {
		return new BusinessEvent(UUID.randomUUID().toString(), "device.telemetry", at,
				new BusinessEvent.EventSubject(null, null, null, null, null, device, null, "warmtepomp"),
				Map.of("metric", metric, "value", value));
	}

	static Rule threshold(boolean above, double limit, Duration duration) {
		return Rule.compile(UUID.randomUUID(), 1, new RuleDefinition("hot", true, "device.telemetry",
				Map.of("metric", "temperature"), "device",
				new RuleDefinition.Condition("threshold", "value", above ? "above" : "below", limit, duration.toString(),
						null, null),
				new RuleDefinition.Actions(new RuleDefinition.IntegrationCall("shop", "/actions/replace-device"), null,
						null)));
	}

	record Span(Instant from, Instant to) {
	}

	@Test
	void aThresholdRuleFiresOncePerRunOfReadingsBeyondItThatSpansTheDuration() {
		RandomInput.tries(300, random -> {
			boolean above = random.nextBoolean();
			Duration duration = Duration.ofSeconds(60 + random.nextInt(1200));
			Rule rule = threshold(above, 80, duration);
			List<BusinessEvent> stream = new ArrayList<>();
			Instant at = T0;
			int readings = random.nextInt(120);
			for (int i = 0; i < readings; i++) {
				at = at.plusSeconds(random.nextInt(5) == 0 ? 0 : random.nextInt(400));
				int what = random.nextInt(20);
				if (what == 0) {
					stream.add(reading("hp-1", at, "humidity", 50 + random.nextInt(60))); // another metric
				}
				else if (what == 1) {
					stream.add(reading("hp-1", at, "temperature", "n/a")); // not a number: no reading
				}
				else {
					// mostly near the limit, with stretches on one side
					double value = 80 + (random.nextInt(3) - 1) * random.nextInt(10) + (random.nextBoolean() ? 0.5 : -0.5);
					stream.add(reading("hp-1", at, "temperature", random.nextBoolean() ? value : String.valueOf(value)));
				}
			}
			List<Span> actual = Replay.run(List.of(rule), stream, null).firings().stream()
				.map(f -> new Span(f.episodeStart(), f.at()))
				.toList();
			assertThat(actual).as("%s for %s", above ? "above" : "below", duration)
				.isEqualTo(thresholdOracle(stream, above, 80, duration));
		});
	}

	/** Maximal runs of consecutive temperature readings beyond the limit; each spanning the duration fires once. */
	static List<Span> thresholdOracle(List<BusinessEvent> stream, boolean above, double limit, Duration duration) {
		List<Span> firings = new ArrayList<>();
		List<Instant> run = new ArrayList<>();
		List<BusinessEvent> readings = stream.stream()
			.filter(e -> e.data().get("metric").equals("temperature"))
			.filter(e -> {
				try {
					Double.parseDouble(String.valueOf(e.data().get("value")));
					return true;
				}
				catch (NumberFormatException notANumber) {
					return false;
				}
			})
			.toList();
		for (int i = 0; i <= readings.size(); i++) {
			boolean beyond = false;
			if (i < readings.size()) {
				double v = Double.parseDouble(String.valueOf(readings.get(i).data().get("value")));
				beyond = above ? v > limit : v < limit;
			}
			if (beyond) {
				run.add(readings.get(i).occurredAt());
				continue;
			}
			if (!run.isEmpty() && !Duration.between(run.getFirst(), run.getLast()).minus(duration).isNegative()) {
				Instant first = run.getFirst();
				Instant firedAt = run.stream()
					.filter(t -> !Duration.between(first, t).minus(duration).isNegative())
					.findFirst()
					.orElseThrow();
				firings.add(new Span(first, firedAt));
			}
			run.clear();
		}
		return firings;
	}

	@Test
	void aCountRuleFiresWhenTheWindowFillsAndAgainOnlyAfterItEmptiedBelowTheCount() {
		RandomInput.tries(300, random -> {
			int count = 2 + random.nextInt(4);
			int windowSeconds = 10 + random.nextInt(300);
			Rule rule = Rule.compile(UUID.randomUUID(), 1, new RuleDefinition("checkouts", true, "checkout.failed",
					Map.of(), "customer", new RuleDefinition.Condition("count", null, null, null, windowSeconds + "s",
							null, count),
					new RuleDefinition.Actions(null, null, new RuleDefinition.Task("payments"))));
			List<BusinessEvent> stream = new ArrayList<>();
			List<Long> seconds = new ArrayList<>();
			long t = 0;
			int events = random.nextInt(80);
			for (int i = 0; i < events; i++) {
				t += 1 + random.nextInt(random.nextBoolean() ? 20 : 200);
				seconds.add(t);
				stream.add(new BusinessEvent("c" + i, "checkout.failed", T0.plusSeconds(t),
						new BusinessEvent.EventSubject("klant@example.nl", null, null, null, null, null, null, null),
						Map.of("reason", "card_declined")));
			}
			List<Instant> actual = Replay.run(List.of(rule), stream, null).firings().stream()
				.map(Evaluator.Fired::at)
				.toList();
			assertThat(actual).as("%d in %d s", count, windowSeconds)
				.isEqualTo(countOracle(seconds, count, windowSeconds));
		});
	}

	/**
	 * Walks the clock second by second: the condition holds at s when at least {@code count} events lie in
	 * (s - window, s]; the rule fires when it starts to hold and re-arms when it stops.
	 */
	static List<Instant> countOracle(List<Long> times, int count, long window) {
		List<Instant> firings = new ArrayList<>();
		if (times.isEmpty()) {
			return firings;
		}
		boolean armed = true;
		for (long s = times.getFirst(); s <= times.getLast(); s++) {
			long at = s;
			long inWindow = times.stream().filter(x -> x > at - window && x <= at).count();
			if (inWindow >= count && armed) {
				firings.add(T0.plusSeconds(s));
				armed = false;
			}
			else if (inWindow < count) {
				armed = true;
			}
		}
		return firings;
	}

	@Test
	void anAbsenceWaitRunsOutByTheClockAndAnAwaitedEventClearsIt() {
		Rule rule = parcelRule();
		KeyState state = new KeyState();
		assertThat(Evaluator.onEvent(rule, "PK-1", state, scan("PK-1", T0), null)).isEmpty();
		assertThat(Evaluator.onTime(rule, "PK-1", state, T0.plus(Duration.ofHours(47)))).isEmpty();
		// scanned again in time: the wait starts over
		assertThat(Evaluator.onEvent(rule, "PK-1", state, scan("PK-1", T0.plus(Duration.ofHours(47))), null)).isEmpty();
		assertThat(Evaluator.onTime(rule, "PK-1", state, T0.plus(Duration.ofHours(94)))).isEmpty();
		Evaluator.Fired fired = Evaluator.onTime(rule, "PK-1", state, T0.plus(Duration.ofHours(95))).orElseThrow();
		assertThat(fired.episodeStart()).isEqualTo(T0.plus(Duration.ofHours(47)));
		assertThat(fired.at()).isEqualTo(T0.plus(Duration.ofHours(95)));
		assertThat(fired.summaryEn()).contains("no parcel.scanned by 2026-11-24T07:00:00Z");
		assertThat(fired.summaryNl()).contains("geen parcel.scanned vóór 2026-11-24T07:00:00Z");
		// once per episode: the clock going on does not fire again
		assertThat(Evaluator.onTime(rule, "PK-1", state, T0.plus(Duration.ofDays(30)))).isEmpty();
		// a scan clears it and starts a new wait, which can fire again
		Evaluator.onEvent(rule, "PK-1", state, scan("PK-1", T0.plus(Duration.ofDays(31))), null);
		assertThat(Evaluator.onTime(rule, "PK-1", state, T0.plus(Duration.ofDays(33)))).isPresent();
	}

	@Test
	void aWaitThatRanOutBeforeALateEventFiresAtItsOwnTimeAlsoWithoutASweep() {
		Rule rule = parcelRule();
		List<Evaluator.Fired> fired = Replay.run(List.of(rule),
				List.of(scan("PK-9", T0), scan("PK-9", T0.plus(Duration.ofHours(50)))), null).firings();
		assertThat(fired).singleElement().satisfies(f -> {
			assertThat(f.key()).isEqualTo("PK-9");
			assertThat(f.at()).isEqualTo(T0.plus(Duration.ofHours(48)));
		});
	}

	static Rule parcelRule() {
		return Rule.compile(UUID.randomUUID(), 1, new RuleDefinition("parcel", true, "parcel.scanned", null, "parcel",
				new RuleDefinition.Condition("absence", null, null, null, "48h", "parcel.scanned", null),
				new RuleDefinition.Actions(null, null, new RuleDefinition.Task("orders"))));
	}

	static BusinessEvent scan(String parcel, Instant at) {
		return new BusinessEvent(UUID.randomUUID().toString(), "parcel.scanned", at,
				new BusinessEvent.EventSubject(null, null, null, "order-1", parcel, null, null, null),
				Map.of("location", "depot"));
	}

	@Test
	void aRuleThatIsWrongIsRefusedNamingTheField() {
		RuleDefinition good = threshold(true, 80, Duration.ofMinutes(10)).definition();
		Map<String, RuleDefinition> wrong = new HashMap<>();
		wrong.put("name", new RuleDefinition(" ", true, good.eventType(), good.filters(), good.key(), good.condition(),
				good.actions()));
		wrong.put("eventType", new RuleDefinition("x", true, "device.exploded", good.filters(), good.key(),
				good.condition(), good.actions()));
		wrong.put("key", new RuleDefinition("x", true, good.eventType(), good.filters(), "planet", good.condition(),
				good.actions()));
		wrong.put("filters", new RuleDefinition("x", true, good.eventType(), Map.of("bad key!", "1"), good.key(),
				good.condition(), good.actions()));
		wrong.put("condition.duration", new RuleDefinition("x", true, good.eventType(), good.filters(), good.key(),
				new RuleDefinition.Condition("threshold", "value", "above", 80.0, "ten minutes", null, null),
				good.actions()));
		wrong.put("condition.operator", new RuleDefinition("x", true, good.eventType(), good.filters(), good.key(),
				new RuleDefinition.Condition("threshold", "value", "sideways", 80.0, "10m", null, null), good.actions()));
		wrong.put("condition.threshold", new RuleDefinition("x", true, good.eventType(), good.filters(), good.key(),
				new RuleDefinition.Condition("threshold", "value", "above", null, "10m", null, null), good.actions()));
		wrong.put("condition.count", new RuleDefinition("x", true, good.eventType(), good.filters(), good.key(),
				new RuleDefinition.Condition("count", null, null, null, "1h", null, 1), good.actions()));
		wrong.put("condition.expectedType", new RuleDefinition("x", true, good.eventType(), good.filters(), good.key(),
				new RuleDefinition.Condition("absence", null, null, null, "1h", null, null), good.actions()));
		wrong.put("actions", new RuleDefinition("x", true, good.eventType(), good.filters(), good.key(),
				good.condition(), new RuleDefinition.Actions(null, null, null)));
		wrong.put("actions.integration.path", new RuleDefinition("x", true, good.eventType(), good.filters(),
				good.key(), good.condition(), new RuleDefinition.Actions(
						new RuleDefinition.IntegrationCall("shop", "http://elsewhere"), null, null)));
		wrong.put("actions.message", new RuleDefinition("x", true, good.eventType(), good.filters(), good.key(),
				good.condition(), new RuleDefinition.Actions(null, new RuleDefinition.Message(null, "Hallo", ""), null)));
		wrong.forEach((field, definition) -> assertThatThrownBy(() -> Rule.compile(UUID.randomUUID(), 1, definition))
			.as(field)
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field)));
		assertThat(Rule.compile(UUID.randomUUID(), 1, good).duration()).isEqualTo(Duration.ofMinutes(10));
		assertThat(Rule.duration("d", "48h")).isEqualTo(Duration.ofHours(48));
		assertThat(Rule.duration("d", "PT1H30M")).isEqualTo(Duration.ofMinutes(90));
		assertThatThrownBy(() -> Rule.duration("d", "91d")).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void theDemoStreamFiresTheDeviceRuleOncePerOverheatingDeviceAndTheParcelRuleOnceForTheLostParcel()
			throws IOException {
		List<Rule> rules = Replay.parseRules(resource("demo/rules.json")).stream()
			.map(d -> Rule.compile(UUID.randomUUID(), 1, d))
			.toList();
		List<BusinessEvent> stream = Replay.parse(resource("demo/telemetry.jsonl"));
		Replay.Result result = Replay.run(rules, stream, Instant.parse("2026-11-23T00:00:00Z"));
		assertThat(result.firings()).extracting(f -> f.rule().name() + " " + f.key())
			.containsExactlyInAnyOrder("Warmtepomp te heet hp-1001", "Warmtepomp te heet hp-1002",
					"Pakket niet meer gescand PK-2");
		// without an end time, the parcel's wait has not run out when the stream ends
		assertThat(Replay.run(rules, stream, null).firings()).extracting(f -> f.key())
			.containsExactlyInAnyOrder("hp-1001", "hp-1002");
	}

	@Test
	void aStreamThatIsNotEventsIsRefusedWithItsLine() {
		assertThatThrownBy(() -> Replay.parse("""
				{"id":"1","type":"device.telemetry","occurredAt":"2026-11-20T08:00:00Z","data":{"value":1}}
				{"id":"2","type":"device.telemetry","occurredAt":"gisteren"}
				""")).isInstanceOf(InvalidInputException.class).hasMessageContaining("line 2");
		assertThatThrownBy(() -> Replay.parse("{\"id\":\"1\",\"type\":\"toaster.burnt\",\"occurredAt\":\"2026-11-20T08:00:00Z\"}"))
			.hasMessageContaining("unknown type 'toaster.burnt'");
		assertThat(Replay.parse("# only a comment\n\n")).isEmpty();
	}

	static String resource(String path) throws IOException {
		return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
	}
}
