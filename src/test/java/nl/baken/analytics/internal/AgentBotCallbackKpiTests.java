package nl.baken.analytics.internal;

import static nl.baken.analytics.HandMadeLog.FROM;
import static nl.baken.analytics.HandMadeLog.TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import nl.baken.analytics.CountedContact;
import nl.baken.analytics.HandMadeLog;
import nl.baken.analytics.KpiQuery;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import org.junit.jupiter.api.Test;

/** Handle time, occupancy, bot containment and callback promises on the hand-made log, worked out in HandMadeLog. */
class AgentBotCallbackKpiTests {

	private static final Instant LATER = FROM.plus(Duration.ofDays(30));

	private final HandMadeLog log = new HandMadeLog("tuinhuys", "service", "");

	@Test
	void handleTimeRunsFromAnswerOrAssignmentToResolveAndWrapUpWithoutWaitingForTheCustomer() {
		KpiCalculator.Computation handle = kpi(KpiCatalogue.HANDLE_TIME, null);
		assertThat(handle.value()).isCloseTo(HandMadeLog.HANDLE_TIME, within(1e-9));
		assertThat(handle.denominator()).isEqualTo(3);
		assertThat(handle.numerator()).isCloseTo(340 + 600 + 420, within(1e-9));
		assertThat(kpi(KpiCatalogue.HANDLE_TIME, null, "excludeCustomerWait", "false").value())
			.isCloseTo(HandMadeLog.HANDLE_TIME_WITH_WAIT, within(1e-9));
		// per channel: the call alone is 300 s talk + 40 s wrap-up
		assertThat(kpi(KpiCatalogue.HANDLE_TIME, "phone").value()).isCloseTo(340, within(1e-9));
		assertThat(handle.counted()).extracting(CountedContact::agentId).containsExactlyInAnyOrder("anna", "bert",
				"bert");
	}

	@Test
	void occupancyIsTimeHandlingWhileAvailableOverTimeAvailable() {
		KpiCalculator.Computation occupancy = kpi(KpiCatalogue.OCCUPANCY, null);
		assertThat(occupancy.value()).isCloseTo(HandMadeLog.OCCUPANCY, within(1e-9));
		assertThat(occupancy.numerator()).isCloseTo(360 + 780, within(1e-9));
		assertThat(occupancy.denominator()).isCloseTo(3600 + 6900, within(1e-9));
		// one row per agent with the time, one per contact it handled while available
		assertThat(occupancy.counted().stream().filter(c -> c.conversationId() == null))
			.extracting(CountedContact::agentId)
			.containsExactly("anna", "bert");
		assertThat(occupancy.counted().stream().filter(c -> c.conversationId() != null)).hasSize(4);
		// only the call: anna 340 s of 3600 s, bert nothing of 6900 s
		assertThat(kpi(KpiCatalogue.OCCUPANCY, "phone").value()).isCloseTo(100.0 * 340 / 10500, within(1e-9));
	}

	@Test
	void containedFalselyContainedAndHandedOffSplitTheEndedBotConversations() {
		assertThat(kpi(KpiCatalogue.BOT_CONTAINMENT, null).value()).isCloseTo(HandMadeLog.CONTAINMENT, within(1e-9));
		assertThat(kpi(KpiCatalogue.BOT_CONTAINMENT, null).denominator()).isEqualTo(6);
		KpiCalculator.Computation falsely = kpi(KpiCatalogue.BOT_FALSE_CONTAINMENT, null);
		assertThat(falsely.value()).isCloseTo(HandMadeLog.FALSE_CONTAINMENT, within(1e-9));
		// T gave no answer: the customer's next contact makes it neither contained nor a false containment
		assertThat(falsely.counted()).extracting(CountedContact::note)
			.containsOnlyOnce("unanswered contacted again")
			.containsOnlyOnce("falsely contained");
		// with a 48-hour window the contact 30 h later makes U false too
		assertThat(kpi(KpiCatalogue.BOT_CONTAINMENT, null, "windowHours", "48").value()).isCloseTo(100.0 / 6,
				within(1e-9));
		assertThat(kpi(KpiCatalogue.BOT_FALSE_CONTAINMENT, null, "windowHours", "48").value()).isCloseTo(200.0 / 6,
				within(1e-9));
		// Y's and T's new contacts have no reason yet: with sameReason they do not count against the bot
		assertThat(kpi(KpiCatalogue.BOT_CONTAINMENT, null, "sameReason", "true").value()).isCloseTo(400.0 / 6,
				within(1e-9));
	}

	@Test
	void aCallbackPromiseIsKeptWhenTheCallbackConnectsInThePromisedWindow() {
		KpiCalculator.Computation kept = kpi(KpiCatalogue.CALLBACK_PROMISE_KEPT, null);
		assertThat(kept.value()).isCloseTo(HandMadeLog.CALLBACKS_KEPT, within(1e-9));
		assertThat(kept.denominator()).isEqualTo(6);
		assertThat(kpi(KpiCatalogue.CALLBACK_PROMISE_KEPT, "email").value()).isNull();
		// before the window has passed only cb1 has connected; the others are still open, cb8 was cancelled
		var definition = KpiCatalogue.find(KpiCatalogue.CALLBACK_PROMISE_KEPT).orElseThrow();
		KpiQuery query = new KpiQuery(FROM, TO, null, null, null, null, Map.of());
		List<ContactEvent> upToNow = log.events()
			.stream()
			.filter(e -> e.occurredAt().isBefore(HandMadeLog.at("10:20:00")))
			.toList();
		KpiCalculator.Computation early = KpiCalculator.compute(definition, KpiParameters.resolve(definition, Map.of()),
				query, upToNow, upToNow, upToNow, UnaryOperator.identity(), HandMadeLog.at("10:20:00"));
		assertThat(early.numerator()).isEqualTo(1);
		assertThat(early.denominator()).isEqualTo(1);
	}

	@Test
	void presenceBeforeTheFirstChangeIsItsFromState() {
		// only the change at 10:00 is read: anna was available before it, so 09:00–10:00 counts
		List<ContactEvent> presence = log.events()
			.stream()
			.filter(e -> e.type() == ContactEventType.PRESENCE_CHANGED && e.occurredAt().isAfter(FROM))
			.toList();
		var available = Availability.of(presence, null, FROM, TO);
		assertThat(Handling.union(available.get("anna"), FROM, TO)).isEqualTo(Duration.ofHours(1));
		assertThat(Handling.union(available.get("bert"), FROM, TO)).isEqualTo(Duration.ofMinutes(115));
	}

	private KpiCalculator.Computation kpi(String name, String channel, String... parameters) {
		Map<String, String> given = new HashMap<>();
		for (int i = 0; i < parameters.length; i += 2) {
			given.put(parameters[i], parameters[i + 1]);
		}
		var definition = KpiCatalogue.find(name).orElseThrow();
		KpiQuery query = new KpiQuery(FROM, TO, channel, null, null, null, given);
		return KpiCalculator.compute(definition, KpiParameters.resolve(definition, given), query, log.events(),
				log.events(), log.events(), UnaryOperator.identity(), LATER);
	}
}
