package nl.baken.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.UnaryOperator;

import nl.baken.analytics.CountedContact;
import nl.baken.analytics.KpiQuery;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.shared.Actor;
import nl.baken.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Each KPI on a small hand-made event log, with the answer worked out by hand beside it. */
class KpiCalculatorTests {

	private static final Instant DAY_1 = Instant.parse("2026-03-02T09:00:00Z");

	private static final Instant FAR_LATER = DAY_1.plus(Duration.ofDays(60));

	private final List<ContactEvent> log = new ArrayList<>();

	private long seq;

	// ---- service level ------------------------------------------------------------------------------------------

	/** 70 answered within T, 10 abandoned within T (after S), 20 answered after T. */
	private void seventyTenTwenty() {
		for (int i = 0; i < 70; i++) {
			contact("phone", DAY_1.plusSeconds(i)).answeredAfter(10);
		}
		for (int i = 0; i < 10; i++) {
			contact("phone", DAY_1.plusSeconds(i)).abandonedAfter(15);
		}
		for (int i = 0; i < 20; i++) {
			contact("phone", DAY_1.plusSeconds(i)).answeredAfter(40);
		}
	}

	@Test
	void seventyTenTwentyGivesTheThreeTextbookServiceLevels() {
		seventyTenTwenty();
		// ignore: A_T / (O − Ab_T) = 70 / (100 − 10) = 77.78 %
		assertThat(sl("abandons", "ignore").value()).isCloseTo(77.78, within(0.005));
		assertThat(sl("abandons", "ignore").denominator()).isEqualTo(90);
		// negative: A_T / (O − Ab_S) = 70 / (100 − 0) = 70 %
		assertThat(sl("abandons", "negative").value()).isCloseTo(70.0, within(1e-9));
		// positive: (A_T + Ab_T − Ab_S) / (O − Ab_S) = (70 + 10 − 0) / 100 = 80 %
		assertThat(sl("abandons", "positive").value()).isCloseTo(80.0, within(1e-9));
		// answeredOnly: A_T / A = 70 / 90
		assertThat(sl("abandons", "answeredOnly").value()).isCloseTo(77.78, within(0.005));
	}

	@Test
	void shortAbandonsAreNoAttempts() {
		seventyTenTwenty();
		for (int i = 0; i < 5; i++) {
			contact("phone", DAY_1.plusSeconds(i)).abandonedAfter(3);
		}
		// O = 105, Ab_S = 5, Ab_T = 15
		// negative: 70 / (105 − 5) = 70 %
		assertThat(sl("abandons", "negative").value()).isCloseTo(70.0, within(1e-9));
		// ignore: 70 / (105 − 15) = 77.78 %
		assertThat(sl("abandons", "ignore").value()).isCloseTo(77.78, within(0.005));
		// positive: (70 + 15 − 5) / (105 − 5) = 80 %
		assertThat(sl("abandons", "positive").value()).isCloseTo(80.0, within(1e-9));
		// S = 0 switches short abandons off: negative = 70 / 105 = 66.67 %
		assertThat(sl("abandons", "negative", "shortAbandonSeconds", "0").value()).isCloseTo(66.67, within(0.005));
		// abandonment rate: (Ab − Ab_S) / (O − Ab_S) = (15 − 5) / (105 − 5) = 10 %
		assertThat(kpi(KpiCatalogue.ABANDONMENT_RATE).value()).isCloseTo(10.0, within(1e-9));
		// with S = 0: 15 / 105
		assertThat(kpi(KpiCatalogue.ABANDONMENT_RATE, "shortAbandonSeconds", "0").value())
			.isCloseTo(100.0 * 15 / 105, within(1e-9));
	}

	@Test
	void theThresholdAndShortAbandonBoundariesAreInclusive() {
		contact("chat", DAY_1).answeredAfter(20); // exactly T: in time
		contact("chat", DAY_1).answeredAfter(21); // late
		contact("chat", DAY_1).abandonedAfter(5); // exactly S: short
		// negative: 1 / (3 − 1) = 50 %
		assertThat(sl().value()).isCloseTo(50.0, within(1e-9));
	}

	@Test
	void withIvrTheClockStartsAtTheIvrInsteadOfTheQueue() {
		// 15 s in the IVR, then answered 10 s after entering the queue
		contact("phone", DAY_1).ivr(15).answeredAfter(10);
		contact("phone", DAY_1.plusSeconds(60)).ivr(3).answeredAfter(10);
		// a caller the IVR answered never reached the queue: not offered to it, with or without the IVR's time
		Contact servedByTheIvr = new Contact(UUID.randomUUID(), UUID.randomUUID(), "phone", DAY_1.plusSeconds(120));
		servedByTheIvr.add(ContactEventType.OFFERED, DAY_1.plusSeconds(120), null, Map.of());
		servedByTheIvr.ivr(30).resolved("opening-hours", true, 0);
		// from the queue: both within 20 s = 100 %; from the IVR: 25 s and 13 s = 50 %
		assertThat(sl().value()).isCloseTo(100.0, within(1e-9));
		assertThat(sl("includeIvr", "true").value()).isCloseTo(50.0, within(1e-9));
		assertThat(sl("includeIvr", "true").denominator()).isEqualTo(2);
		assertThat(kpi(KpiCatalogue.ABANDONMENT_RATE, "includeIvr", "true").denominator()).isEqualTo(2);
		// average speed of answer: (10 + 10) / 2 = 10 s; with the IVR (25 + 13) / 2 = 19 s
		assertThat(kpi(KpiCatalogue.AVERAGE_SPEED_OF_ANSWER).value()).isCloseTo(10.0, within(1e-9));
		assertThat(kpi(KpiCatalogue.AVERAGE_SPEED_OF_ANSWER, "includeIvr", "true").value())
			.isCloseTo(19.0, within(1e-9));
		assertThat(kpi(KpiCatalogue.AVERAGE_SPEED_OF_ANSWER).numerator()).isCloseTo(20.0, within(1e-9));
	}

	@Test
	void flowOutsToACallbackAreOutsideTheServiceLevelUnlessIncluded() {
		contact("phone", DAY_1).answeredAfter(5);
		contact("phone", DAY_1).answeredAfter(8);
		contact("phone", DAY_1).answeredAfter(30);
		contact("phone", DAY_1).callbackAfter(45); // chose a callback while waiting
		// default: 2 / 3 = 66.67 %; included: neither answered nor abandoned, so 2 / 4 = 50 %
		assertThat(sl().value()).isCloseTo(66.67, within(0.005));
		assertThat(sl("includeFlowOuts", "true").value()).isCloseTo(50.0, within(1e-9));
		// and not an abandon: abandonment rate 0 / 3
		assertThat(kpi(KpiCatalogue.ABANDONMENT_RATE).value()).isZero();
		assertThat(kpi(KpiCatalogue.ABANDONMENT_RATE, "includeFlowOuts", "true").denominator()).isEqualTo(4);
	}

	@Test
	void aContactStillWaitingCountsOnlyOnceItIsLate() {
		contact("chat", DAY_1).answeredAfter(5);
		contact("chat", FAR_LATER.minusSeconds(10)); // waiting 10 s at "now": not decided
		contact("chat", FAR_LATER.minusSeconds(300)); // waiting 5 minutes: already late
		// 1 / 2 = 50 %
		assertThat(sl().value()).isCloseTo(50.0, within(1e-9));
		assertThat(sl().denominator()).isEqualTo(2);
	}

	@Test
	void slicesByChannelAndBrand() {
		contact("chat", DAY_1).answeredAfter(5);
		contact("phone", DAY_1).answeredAfter(50);
		KpiQuery phones = new KpiQuery(DAY_1, FAR_LATER, "phone", null, null, null, Map.of());
		assertThat(compute(KpiCatalogue.SERVICE_LEVEL, phones).value()).isZero();
		KpiQuery otherBrand = new KpiQuery(DAY_1, FAR_LATER, null, null, null, "kookgraag", Map.of());
		assertThat(compute(KpiCatalogue.SERVICE_LEVEL, otherBrand).value()).isNull();
	}

	// ---- unnecessary contacts -----------------------------------------------------------------------------------

	@Test
	void aRepeatOnAnotherChannelWithinTheWindowIsARepeat() {
		UUID anna = UUID.randomUUID();
		UUID bram = UUID.randomUUID();
		UUID cees = UUID.randomUUID();
		contact(anna, "webchat", DAY_1).answeredAfter(5).resolved("delivery", false, 600);
		contact(anna, "phone", days(3)).answeredAfter(5).resolved("delivery", false, 300); // repeat, other channel
		contact(bram, "email", DAY_1).answeredAfter(600).resolved("returns", false, 900);
		contact(bram, "email", days(10)).answeredAfter(600).resolved("returns", false, 900); // 9 days later: outside W
		contact(cees, "whatsapp", days(2)).answeredAfter(60).resolved("delivery", false, 300);
		contact(cees, "whatsapp", days(4)).answeredAfter(60).resolved("invoice", false, 300); // repeat, other reason
		// any reason: 2 repeats of 6 contacts = 33.33 %
		assertThat(kpi(KpiCatalogue.REPEAT_CONTACT_RATE).value()).isCloseTo(33.33, within(0.005));
		// same reason only: anna's = 1 / 6
		assertThat(kpi(KpiCatalogue.REPEAT_CONTACT_RATE, "sameReason", "true").value()).isCloseTo(16.67,
				within(0.005));
		// W = 10 days also makes bram's second mail a repeat: 3 / 6
		assertThat(kpi(KpiCatalogue.REPEAT_CONTACT_RATE, "windowDays", "10").value()).isCloseTo(50.0, within(1e-9));

		// a period that starts after the first contacts still sees them: [day 3, day 11) has 3 contacts, 2 repeats
		KpiQuery later = new KpiQuery(days(3), days(11), null, null, null, null, Map.of());
		List<ContactEvent> cohort = log.stream().filter(e -> !e.occurredAt().isBefore(days(3))).toList();
		var result = KpiCalculator.compute(KpiCatalogue.find(KpiCatalogue.REPEAT_CONTACT_RATE).orElseThrow(),
				KpiParameters.resolve(KpiCatalogue.find(KpiCatalogue.REPEAT_CONTACT_RATE).orElseThrow(), Map.of()),
				later, cohort, log, UnaryOperator.identity(), FAR_LATER);
		assertThat(result.denominator()).isEqualTo(3);
		assertThat(result.numerator()).isEqualTo(2);
		assertThat(result.counted()).filteredOn(CountedContact::numerator)
			.extracting(CountedContact::channel)
			.containsExactlyInAnyOrder("phone", "whatsapp");
	}

	@Test
	void mergedCustomersAreOneCustomer() {
		UUID byMail = UUID.randomUUID();
		UUID byPhone = UUID.randomUUID();
		contact(byMail, "email", DAY_1);
		contact(byPhone, "phone", days(2));
		KpiQuery all = new KpiQuery(DAY_1, FAR_LATER, null, null, null, null, Map.of());
		var definition = KpiCatalogue.find(KpiCatalogue.REPEAT_CONTACT_RATE).orElseThrow();
		var separate = KpiCalculator.compute(definition, KpiParameters.resolve(definition, Map.of()), all, log, log,
				UnaryOperator.identity(), FAR_LATER);
		var merged = KpiCalculator.compute(definition, KpiParameters.resolve(definition, Map.of()), all, log, log,
				id -> id.equals(byPhone) ? byMail : id, FAR_LATER);
		assertThat(separate.numerator()).isZero();
		assertThat(merged.numerator()).isEqualTo(1);
	}

	@Test
	void firstContactResolutionNeedsNoNewContactWithinTheWindowAfterResolving() {
		UUID anna = UUID.randomUUID();
		UUID bram = UUID.randomUUID();
		UUID cees = UUID.randomUUID();
		UUID dirk = UUID.randomUUID();
		contact(anna, "webchat", DAY_1).answeredAfter(5).resolved("delivery", false, 600); // followed by a call: no
		contact(anna, "phone", days(3)).answeredAfter(5).resolved("delivery", false, 300); // yes
		contact(bram, "email", DAY_1).answeredAfter(600).resolved("returns", false, 900); // next one 9 days on: yes
		contact(bram, "email", days(10)).answeredAfter(600).resolved("returns", false, 900); // yes
		contact(cees, "whatsapp", DAY_1).answeredAfter(60).resolved("delivery", false, 300).reopened(3600); // no
		contact(dirk, "email", DAY_1).answeredAfter(60); // not resolved: not counted
		// 3 / 5 = 60 %
		assertThat(kpi(KpiCatalogue.FIRST_CONTACT_RESOLUTION).value()).isCloseTo(60.0, within(1e-9));
		assertThat(kpi(KpiCatalogue.FIRST_CONTACT_RESOLUTION).denominator()).isEqualTo(5);
	}

	@Test
	void transferRateByTeamOrByAgent() {
		contact("phone", DAY_1).answeredAfter(5).transferred("team");
		contact("phone", DAY_1).answeredAfter(5).transferred("agent");
		contact("chat", DAY_1).answeredAfter(5);
		contact("chat", DAY_1).answeredAfter(5);
		contact("phone", DAY_1).abandonedAfter(30); // never with an agent: not counted
		// team: 1 / 4 = 25 %; agent (any transfer): 2 / 4 = 50 %
		assertThat(kpi(KpiCatalogue.TRANSFER_RATE).value()).isCloseTo(25.0, within(1e-9));
		assertThat(kpi(KpiCatalogue.TRANSFER_RATE, "level", "agent").value()).isCloseTo(50.0, within(1e-9));
	}

	@Test
	void informationalShareOfResolvedContacts() {
		contact("chat", DAY_1).answeredAfter(5).resolved("opening-hours", true, 100);
		contact("chat", DAY_1).answeredAfter(5).resolved("delivery", false, 100);
		contact("email", DAY_1).answeredAfter(5).resolved("returns", false, 100);
		contact("email", DAY_1).answeredAfter(5); // no reason yet: not counted
		// 1 / 3 = 33.33 %
		assertThat(kpi(KpiCatalogue.INFORMATIONAL_SHARE).value()).isCloseTo(33.33, within(0.005));
	}

	@Test
	void backlogIsOpenWithoutAnAgentAtTheEndOfThePeriod() {
		contact("email", DAY_1); // waiting
		contact("email", DAY_1).answeredAfter(60); // with an agent
		contact("email", DAY_1).answeredAfter(60).resolved("returns", false, 100); // done
		contact("email", DAY_1).answeredAfter(60).transferred("team"); // back in a queue
		contact("phone", DAY_1).abandonedAfter(20); // gone
		var result = kpi(KpiCatalogue.BACKLOG);
		assertThat(result.value()).isEqualTo(2.0);
		assertThat(result.denominator()).isNull();
	}

	// ---- definitions --------------------------------------------------------------------------------------------

	@Test
	void theIdentityNamesEveryParameter() {
		var definition = KpiCatalogue.find(KpiCatalogue.SERVICE_LEVEL).orElseThrow();
		assertThat(definition.identity(KpiParameters.resolve(definition, Map.of())))
			.isEqualTo("service-level@1{T=20s,S=5s,abandons=negative,includeIvr=false,includeFlowOuts=false}");
		assertThat(definition.identity(KpiParameters.resolve(definition, Map.of("thresholdSeconds", "30",
				"abandons", "IGNORE"))))
			.isEqualTo("service-level@1{T=30s,S=5s,abandons=ignore,includeIvr=false,includeFlowOuts=false}");
		var repeat = KpiCatalogue.find(KpiCatalogue.REPEAT_CONTACT_RATE).orElseThrow();
		assertThat(repeat.identity(KpiParameters.resolve(repeat, Map.of("sameReason", "true"))))
			.isEqualTo("repeat-contact-rate@2{W=7d,sameReason=true}");
	}

	@Test
	void aWrongParameterIsNamed() {
		var definition = KpiCatalogue.find(KpiCatalogue.SERVICE_LEVEL).orElseThrow();
		assertThatThrownBy(() -> KpiParameters.resolve(definition, Map.of("thresholdSeconds", "twenty")))
			.isInstanceOf(InvalidInputException.class)
			.extracting(e -> ((InvalidInputException) e).field())
			.isEqualTo("thresholdSeconds");
		assertThatThrownBy(() -> KpiParameters.resolve(definition, Map.of("abandons", "sometimes")))
			.hasMessageContaining("negative, ignore, positive, answeredOnly");
		assertThatThrownBy(() -> KpiParameters.resolve(definition, Map.of("treshold", "20")))
			.extracting(e -> ((InvalidInputException) e).field())
			.isEqualTo("treshold");
	}

	/**
	 * On any log: negative ≤ ignore and negative ≤ positive (same denominator, positive adds abandons within T), and
	 * answered-only equals A_T / A.
	 */
	@Test
	void serviceLevelVariantsAreOrderedAsTheFormulasImply() {
		Random random = new Random(8);
		for (int round = 0; round < 200; round++) {
			log.clear();
			int n = 1 + random.nextInt(40);
			int answered = 0;
			int answeredInTime = 0;
			for (int i = 0; i < n; i++) {
				int wait = random.nextInt(60);
				switch (random.nextInt(3)) {
					case 0 -> contact("phone", DAY_1.plusSeconds(i)).abandonedAfter(wait);
					case 1 -> contact("phone", DAY_1.plusSeconds(i)).callbackAfter(wait);
					default -> {
						contact("phone", DAY_1.plusSeconds(i)).answeredAfter(wait);
						answered++;
						answeredInTime += wait <= 20 ? 1 : 0;
					}
				}
			}
			Double negative = sl("abandons", "negative").value();
			Double ignore = sl("abandons", "ignore").value();
			Double positive = sl("abandons", "positive").value();
			if (negative != null) {
				if (ignore != null) {
					assertThat(negative).isLessThanOrEqualTo(ignore + 1e-9);
				}
				assertThat(negative).isLessThanOrEqualTo(positive + 1e-9);
			}
			Double answeredOnly = sl("abandons", "answeredOnly").value();
			if (answered > 0) {
				assertThat(answeredOnly).isCloseTo(100.0 * answeredInTime / answered, within(1e-9));
			}
			else {
				assertThat(answeredOnly).isNull();
			}
		}
	}

	// ---- a tiny event-log builder -------------------------------------------------------------------------------

	private Instant days(int day) {
		return DAY_1.plus(Duration.ofDays(day - 1));
	}

	private KpiCalculator.Computation sl(String... parameters) {
		return kpi(KpiCatalogue.SERVICE_LEVEL, parameters);
	}

	private KpiCalculator.Computation kpi(String name, String... parameters) {
		Map<String, String> given = new HashMap<>();
		for (int i = 0; i < parameters.length; i += 2) {
			given.put(parameters[i], parameters[i + 1]);
		}
		return compute(name, new KpiQuery(DAY_1.minus(Duration.ofDays(1)), FAR_LATER, null, null, null, null, given));
	}

	private KpiCalculator.Computation compute(String name, KpiQuery query) {
		var definition = KpiCatalogue.find(name).orElseThrow();
		return KpiCalculator.compute(definition, KpiParameters.resolve(definition, query.parameters()), query, log,
				log, UnaryOperator.identity(), FAR_LATER);
	}

	private Contact contact(String channel, Instant offered) {
		return contact(UUID.randomUUID(), channel, offered);
	}

	private Contact contact(UUID customer, String channel, Instant offered) {
		Contact contact = new Contact(UUID.randomUUID(), customer, channel, offered);
		contact.add(ContactEventType.OFFERED, offered, null, Map.of());
		contact.add(ContactEventType.QUEUED, offered, "unrouted", Map.of());
		return contact;
	}

	private final class Contact {

		final UUID id;

		final UUID customer;

		final String channel;

		final Instant offered;

		Instant last;

		Contact(UUID id, UUID customer, String channel, Instant offered) {
			this.id = id;
			this.customer = customer;
			this.channel = channel;
			this.offered = offered;
			this.last = offered;
		}

		void add(ContactEventType type, Instant at, String queue, Map<String, Object> attributes) {
			log.add(new ContactEvent(++seq, UUID.randomUUID(), at, id, customer, channel, type, Actor.system(null),
					"tuinhuys", "service", queue, attributes));
			last = at.isAfter(last) ? at : last;
		}

		/** The IVR ran this many seconds before the call reached the queue (written later, as telephony does). */
		Contact ivr(long seconds) {
			add(ContactEventType.IVR_ENTERED, offered.minusSeconds(seconds), null, Map.of("menu", "main"));
			add(ContactEventType.IVR_LEFT, offered, null, Map.of());
			return this;
		}

		Contact answeredAfter(long seconds) {
			Instant at = offered.plusSeconds(seconds);
			add(ContactEventType.ASSIGNED, at, "service", Map.of("agent", "anna"));
			add(ContactEventType.FIRST_AGENT_RESPONSE, at, "service", Map.of());
			return this;
		}

		Contact abandonedAfter(long seconds) {
			add(ContactEventType.ABANDONED, offered.plusSeconds(seconds), "unrouted", Map.of());
			return this;
		}

		Contact callbackAfter(long seconds) {
			add(ContactEventType.CALLBACK_REQUESTED, offered.plusSeconds(seconds), "unrouted", Map.of());
			return this;
		}

		Contact transferred(String level) {
			Instant at = last.plusSeconds(30);
			add(ContactEventType.TRANSFERRED, at, "service", Map.of("level", level, "reason", "wrong team"));
			add(ContactEventType.QUEUED, at, "billing", Map.of("after", "transfer"));
			return this;
		}

		Contact resolved(String reason, boolean informational, long secondsLater) {
			add(ContactEventType.RESOLVED, last.plusSeconds(secondsLater), "service",
					Map.of("reason", reason, "informational", informational, "valence", "dissatisfier"));
			return this;
		}

		Contact reopened(long secondsLater) {
			add(ContactEventType.REOPENED, last.plusSeconds(secondsLater), "service", Map.of());
			return this;
		}
	}
}
