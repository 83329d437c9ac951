package nl.baken.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import nl.baken.DatabaseTest;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboundMessage;
import nl.baken.conversation.InboundReceipt;
import nl.baken.customer.Identity;
import nl.baken.customer.IdentityClaim;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/** Routing in the desk: presence switch, pick next, callback outcomes and the team lead's callback page. */
@DatabaseTest
class DeskRoutingTests extends RoutingTestSupport {

	@Autowired
	Callbacks callbacks;

	@Autowired
	Conversations conversations;

	@Test
	void anAgentSetsTheirPresenceAndPicksTheNextContact() throws Exception {
		String admin = token();
		String agent = agent(null);
		ok(send("PUT", admin, "/api/v1/routing/agents/" + agent, "{\"languages\":[\"nl\"]}"));
		assertThat(mvc.post().uri("/desk/presence").param("presence", "busy").with(user(agent)).with(csrf()))
			.hasStatus(HttpStatus.FOUND);
		assertThat(routing.agent(agent).orElseThrow().presence()).isEqualTo(Presence.BUSY);
		String inbox = page("/desk", agent);
		assertThat(inbox).contains("<option value=\"busy\" selected=\"selected\">Bezet</option>");

		var none = mvc.post().uri("/desk/pick").with(user(agent)).with(csrf()).exchange();
		assertThat(none).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/desk?notice=desk.pick.none");
		assertThat(page("/desk?notice=desk.pick.none", agent))
			.contains("Er wacht nu geen contact dat je kunt oppakken.");

		String conversation = inbound(admin, "email", unique("c") + "@example.com", "nl", null);
		var picked = mvc.post().uri("/desk/pick").with(user(agent)).with(csrf()).exchange();
		assertThat(picked).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/desk/conversations/" + conversation);
		assertThat(routing.work(UUID.fromString(conversation)).orElseThrow().agentId()).isEqualTo(agent);
		assertThat(mvc.post().uri("/desk/presence").param("presence", "asleep").with(user(agent)).with(csrf()))
			.hasRedirectedUrl("/desk?notice=desk.presence.invalid");
	}

	@Test
	void workAssignedByHandOrAbandonedNoLongerCountsAsWaiting() throws Exception {
		String admin = token();
		String agent = agent(null);
		String byHand = inbound(admin, "email", unique("h") + "@example.com", "nl", null);
		assertThat(routing.work(UUID.fromString(byHand)).orElseThrow().status()).isEqualTo("waiting");
		ok(send("POST", admin, "/api/v1/conversations/" + byHand + "/assignment",
				"{\"agentId\":\"" + agent + "\"}"));
		// before, the work stayed "waiting" until routing happened to offer it to someone: the wallboard counted it
		RoutedWork taken = routing.work(UUID.fromString(byHand)).orElseThrow();
		assertThat(taken.status()).isEqualTo("assigned");
		assertThat(taken.agentId()).isEqualTo(agent);
		assertThat(routing.waiting(10_000)).noneMatch(w -> w.conversationId().toString().equals(byHand));

		String left = inbound(admin, "email", unique("l") + "@example.com", "nl", null);
		conversations.abandon(new ConversationId(UUID.fromString(left)), Actor.customer("test"), clock.instant());
		assertThat(routing.work(UUID.fromString(left)).orElseThrow().status()).isEqualTo("cancelled");
	}

	@Test
	void waitingStartsWhenTheMessageCameIn() {
		// an adapter that hands over a message it received earlier (a mailbox read after a restart, the demo's history)
		Instant received = clock.instant().minusSeconds(2 * 3600).truncatedTo(ChronoUnit.MILLIS);
		InboundReceipt receipt = conversations.receive(new InboundMessage("email", unique("late"),
				new IdentityClaim(List.of(Identity.email(unique("late") + "@example.com")), null, null, received), null,
				"nl", "Late", "Waar blijft mijn bestelling?", null, List.of(), received, received));
		// before, routing counted the wait from the moment it stored the work: the wallboard said 0:00 for two hours
		assertThat(routing.work(receipt.conversationId()).orElseThrow().enqueuedAt()).isEqualTo(received);
	}

	@Test
	void anAgentRecordsACallbackOutcomeAndTheTeamLeadSeesPendingCallbacksAndPromises() throws Exception {
		String admin = token();
		String agent = agent(null);
		ok(send("PUT", admin, "/api/v1/routing/agents/" + agent,
				"{\"languages\":[\"nl\"],\"capacity\":{\"phone\":1,\"email\":0,\"webchat\":0,\"whatsapp\":0}}"));
		ok(send("PUT", admin, "/api/v1/routing/agents/" + agent + "/presence", "{\"presence\":\"available\"}"));
		String lead = "lead" + UUID.randomUUID().toString().substring(0, 8);
		users.create(new NewUser(lead, "Lead", "correct horse battery", EnumSet.of(Role.TEAM_LEAD), null, "en"),
				Actor.system("test"));
		JsonNode callback = ok(send("POST", admin, "/api/v1/callbacks", """
				{"phone":"0612345678","kind":"in_queue","origin":"widget",
				 "reason":"<script>alert('x')</script> kapotte levering"}"""));
		String id = callback.get("id").asString();

		String overview = page("/desk/callbacks", lead);
		assertThat(overview).contains("Pending", "+31612345678", "Keeps place in queue")
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; kapotte levering")
			.doesNotContain("<script>alert");
		assertThat(mvc.get().uri("/desk/callbacks").with(user(agent))).hasStatus(HttpStatus.NOT_FOUND);

		callbacks.queueDue();
		assertThat(routing.dispatch()).isEqualTo(1);
		String conversation = callbacks.find(UUID.fromString(id)).orElseThrow().conversationId().toString();
		assertThat(page("/desk/conversations/" + conversation, agent)).contains("Terugbelverzoek", "Geen gehoor");
		assertThat(mvc.post()
			.uri("/desk/callbacks/" + id + "/attempts")
			.param("outcome", "connected")
			.with(user(agent))
			.with(csrf())).hasRedirectedUrl("/desk/conversations/" + conversation);
		assertThat(callbacks.find(UUID.fromString(id)).orElseThrow().status()).isEqualTo("connected");
		assertThat(page("/desk/callbacks", lead)).containsPattern("<span id=\"kept\">[1-9][0-9]* kept</span>");
		// once connected, the page no longer offers outcomes
		assertThat(page("/desk/conversations/" + conversation, agent)).doesNotContain("Geen gehoor");
	}

	private String page(String uri, String username) throws Exception {
		var result = mvc.get().uri(uri).with(user(username)).exchange();
		assertThat(result).hasStatus(HttpStatus.OK);
		return result.getResponse().getContentAsString();
	}
}
