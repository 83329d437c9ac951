package nl.baken.planning.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Users;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboundReceipt;
import nl.baken.conversation.InboundMessage;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/** The planning page forecasts from the event log and staffs every half hour, with a what-if beside it. */
class PlanningPageTests extends ApiTestSupport {

	@Autowired
	Users users;

	@Autowired
	Conversations conversations;

	String planner;

	@BeforeEach
	void historyOfTwoWeeks() {
		planner = "planner-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(planner, "Planner", "wachtwoord-" + UUID.randomUUID(), EnumSet.of(Role.PLANNER), null,
				"en"), Actor.system("test"));
		Instant now = Instant.now();
		for (int day = 1; day <= 14; day++) {
			for (int contact = 0; contact < 6; contact++) {
				Instant at = now.minus(Duration.ofDays(day)).minus(Duration.ofMinutes(37L * contact));
				InboundReceipt receipt = conversations.receive(new InboundMessage("email", unique("plan"),
						new IdentityClaim(List.of(Identity.email(unique("p") + "@example.nl")), null, null, at), null,
						"nl", null, "Vraag", null, List.of(), at, at));
				// closed, so these old contacts do not crowd the inboxes of other tests sharing the database
				conversations.abandon(new ConversationId(receipt.conversationId()), Actor.system("test"),
						at.plusSeconds(30));
			}
		}
	}

	@Test
	void aPlannerSeesEveryHalfHourOfTomorrowStaffedWithTheWhatIfBesideIt() throws Exception {
		var page = mvc.get()
			.uri("/desk/planning?channel=email&deflectionPercent=50&patienceSeconds=120")
			.with(user(planner).roles("PLANNER"))
			.exchange();
		assertThat(page).hasStatus(HttpStatus.OK);
		String html = page.getResponse().getContentAsString();
		assertThat(html).contains("<td>00:00</td>", "<td>12:30</td>", "<td>23:30</td>", "agent-hours", "<svg");
		assertThat(html.split("<tr>").length - 2).as("one row per half hour").isGreaterThanOrEqualTo(46);
	}

	@Test
	void chatsThatSlowEachOtherDownGetAStaffFromTheSimulationBesideTheFormulas() throws Exception {
		String html = mvc.get()
			.uri("/desk/planning?channel=email&concurrency=3&chatSlowdownPercent=30&ahtSeconds=600")
			.with(user(planner).roles("PLANNER"))
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("Scheduled (simulated)", "class=\"simulated\"");
		assertThat(html.split("class=\"simulated\"").length - 1).as("one simulated figure per half hour")
			.isGreaterThanOrEqualTo(46);
		assertThat(html).contains("Handle time as entered: 600 s");
	}

	@Test
	void withoutHistoryThePageSaysSoInTheUsersLanguage() throws Exception {
		String dutch = "planner-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(dutch, "Planner", "wachtwoord-" + UUID.randomUUID(), EnumSet.of(Role.PLANNER), null,
				"nl"), Actor.system("test"));
		// a channel no other test writes to: the shared test database holds phone history when telephony tests ran first
		String html = mvc.get()
			.uri("/desk/planning?channel=no-such-channel")
			.with(user(dutch).roles("PLANNER"))
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("Er zijn geen contacten in de geschiedenis").doesNotContain("<svg");
		assertThat(mvc.get()
			.uri("/desk/planning?day=2020-01-01")
			.with(user(dutch).roles("PLANNER"))
			.exchange()
			.getResponse()
			.getContentAsString()).contains("Deze instellingen kloppen niet");
	}

	@Test
	void agentsDoNotPlan() {
		assertThat(mvc.get().uri("/desk/planning").with(user("someone").roles("AGENT")).exchange())
			.hasStatus(HttpStatus.FORBIDDEN);
	}
}
