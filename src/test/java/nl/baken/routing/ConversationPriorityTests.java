package nl.baken.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.DatabaseTest;
import nl.baken.access.Teams;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.ConversationView;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboxFilter;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Routing's priority reaches the conversation, so the desk's inbox lists contacts in the order routing serves them:
 * a later contact with a higher priority comes first.
 */
@DatabaseTest
class ConversationPriorityTests extends RoutingTestSupport {

	private static final InboxFilter EVERYTHING = new InboxFilter(InboxFilter.View.ALL, null, null, null, null, null);

	@Autowired
	Conversations conversations;

	@Autowired
	Teams teams;

	@Test
	void anUrgentLaterContactIsListedBeforeAnEarlierOrdinaryOne() throws Exception {
		String admin = token();
		String earlier = inbound(admin, "email", unique("vroeg") + "@example.nl", "nl", null);
		clock.advance(Duration.ofMinutes(1));
		String later = inbound(admin, "email", unique("laat") + "@example.nl", "nl", null);
		assertThat(order(earlier, later)).as("both ordinary: the longest waiting first").containsExactly(earlier, later);

		ok(send("PUT", admin, "/api/v1/routing/contacts/" + later + "/classification", "{\"urgency\":2}"));

		// the head start routing gives urgency 2: 2 × baken.routing.urgency-seconds (120)
		assertThat(conversation(later).priority()).isEqualTo(240);
		assertThat(conversation(earlier).priority()).isZero();
		assertThat(order(earlier, later)).containsExactly(later, earlier);
		assertThat(conversations.detail(new ConversationId(UUID.fromString(later))).orElseThrow().events())
			.filteredOn(event -> event.type() == ContactEventType.PRIORITISED)
			.singleElement()
			.satisfies(event -> {
				assertThat(event.attributes().get("from")).hasToString("0");
				assertThat(event.attributes().get("to")).hasToString("240");
				assertThat(event.actor()).isEqualTo(Routing.ROUTING);
			});

		// classified again without urgency it keeps what it had; an explicit 0 gives the place back
		ok(send("PUT", admin, "/api/v1/routing/contacts/" + later + "/classification", "{\"topic\":\"bestelling\"}"));
		assertThat(conversation(later).priority()).isEqualTo(240);
		ok(send("PUT", admin, "/api/v1/routing/contacts/" + later + "/classification", "{\"urgency\":0}"));
		assertThat(conversation(later).priority()).isZero();
		assertThat(order(earlier, later)).containsExactly(earlier, later);
	}

	@Test
	void aTransferToATeamWithAPriorityProfileMovesTheContactUp() throws Exception {
		String admin = token();
		String team = unique("prio");
		teams.define(team, "Spoed " + team, "Urgent " + team);
		routing.defineProfile(new RequirementProfile("queue", team, null, 3, Map.of()), Actor.system("test"));
		String earlier = inbound(admin, "whatsapp", unique("eerst") + "@example.nl", "nl", null);
		clock.advance(Duration.ofMinutes(1));
		String later = inbound(admin, "whatsapp", unique("daarna") + "@example.nl", "nl", null);

		conversations.transfer(new ConversationId(UUID.fromString(later)), team, null, "spoed", Actor.agent("lead"),
				clock.instant());

		// profile priority 3 × baken.routing.priority-seconds (60)
		assertThat(conversation(later).priority()).isEqualTo(180);
		assertThat(order(earlier, later)).containsExactly(later, earlier);
		assertThat(routing.work(UUID.fromString(later)).orElseThrow().queue()).isEqualTo(team);
	}

	private ConversationView conversation(String id) {
		return conversations.find(new ConversationId(UUID.fromString(id))).orElseThrow();
	}

	/** The two conversations in the order an admin's inbox lists them. */
	private List<String> order(String first, String second) {
		return conversations.inbox("admin", null, true, EVERYTHING, 100_000)
			.stream()
			.map(c -> c.id().toString())
			.filter(id -> id.equals(first) || id.equals(second))
			.toList();
	}
}
