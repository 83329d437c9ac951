package nl.baken.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Teams;
import nl.baken.access.Users;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.conversation.InboxFilter.View;
import nl.baken.customer.Brands;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/** The inbox views an agent switches between, with the open work counted per view. */
@DatabaseTest
class DeskInboxTests extends ApiTestSupport {

	@Autowired
	Users users;

	@Autowired
	Teams teams;

	@Autowired
	Brands brands;

	@Autowired
	Conversations conversations;

	@Test
	void mineMyTeamAndUnassignedShowWhatTheySayAndAreCounted() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String team = "a" + suffix;
		String otherTeam = "b" + suffix;
		teams.define(team, "Retouren " + suffix, "Returns " + suffix);
		teams.define(otherTeam, "Team B", "Team B");
		String brand = "m" + suffix;
		brands.define(brand, "Merk " + suffix);
		String agent = "inbox-" + suffix;
		users.create(new NewUser(agent, "Agent", "inbox-wachtwoord", EnumSet.of(Role.AGENT), team, "nl"),
				Actor.system("test"));
		Map<View, Long> before = conversations.openCounts(agent, team, false);

		String mine = conversation(brand, "mijn gesprek", team, agent);
		String colleagues = conversation(brand, "van een collega", team, "collega-" + suffix);
		String untaken = conversation(brand, "nog van niemand", null, null);
		String otherTeams = conversation(brand, "ander team", otherTeam, "iemand-" + suffix);

		Map<View, Long> after = conversations.openCounts(agent, team, false);
		assertThat(after.get(View.ALL) - before.get(View.ALL)).isEqualTo(3);
		assertThat(after.get(View.MINE) - before.get(View.MINE)).isEqualTo(1);
		assertThat(after.get(View.TEAM) - before.get(View.TEAM)).isEqualTo(2);
		assertThat(after.get(View.UNASSIGNED) - before.get(View.UNASSIGNED)).isEqualTo(1);

		assertThat(inbox(agent, "all", brand)).contains(mine, colleagues, untaken).doesNotContain(otherTeams);
		assertThat(inbox(agent, "mine", brand)).contains(mine).doesNotContain(colleagues, untaken, otherTeams);
		assertThat(inbox(agent, "team", brand)).contains(mine, colleagues).doesNotContain(untaken, otherTeams);
		assertThat(inbox(agent, "unassigned", brand)).contains(untaken).doesNotContain(mine, colleagues, otherTeams);
		assertThat(inbox(agent, "all", brand)).contains("Van mij (" + after.get(View.MINE) + ")");
		// the customer's brand by its name on the conversation page
		var page = mvc.get().uri("/desk/conversations/" + mine).with(user(agent)).exchange();
		assertThat(page).hasStatusOk();
		assertThat(page.getResponse().getContentAsString()).contains("Merk " + suffix)
			.doesNotContain(">" + brand + "<");
		// a team by its name in the agent's language, not its id
		assertThat(inbox(agent, "team", brand)).contains("<td>Retouren " + suffix + "</td>")
			.doesNotContain("<td>" + team + "</td>");
	}

	@Test
	void aPhoneCallIsNamedAsOneInTheAgentsLanguage() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String brand = "t" + suffix;
		brands.define(brand, "Telefoonmerk " + suffix);
		String agent = "calls-" + suffix;
		users.create(new NewUser(agent, "Agent", "inbox-wachtwoord", EnumSet.of(Role.AGENT), null, "nl"),
				Actor.system("test"));
		var call = post(token(), "/api/v1/channels/telephony/events", """
				{"callId":"%s","eventId":"1","type":"offered","occurredAt":"2026-11-23T09:00:00Z",
				 "caller":"+31201234567","brand":"%s"}""".formatted(unique("call"), brand));
		assertThat(call).hasStatus(HttpStatus.ACCEPTED);
		String id = json.readTree(call.getResponse().getContentAsString()).get("conversationId").asString();

		// a call has no subject of its own; "—" told the agent nothing
		assertThat(inbox(agent, "unassigned", brand)).contains(id).contains(">Telefoongesprek</a>");
		var page = mvc.get().uri("/desk/conversations/" + id).with(user(agent)).exchange();
		assertThat(page).hasStatusOk();
		assertThat(page.getResponse().getContentAsString()).contains("<h1>Telefoongesprek</h1>");
		users.create(new NewUser(agent + "-en", "Agent", "inbox-wachtwoord", EnumSet.of(Role.AGENT), null, "en"),
				Actor.system("test"));
		var english = mvc.get().uri("/desk/conversations/" + id).with(user(agent + "-en")).exchange();
		assertThat(english.getResponse().getContentAsString()).contains("<h1>Phone call</h1>");
	}

	private String inbox(String agent, String view, String brand) throws Exception {
		var result = mvc.get().uri("/desk?view=" + view + "&brand=" + brand).with(user(agent)).exchange();
		assertThat(result).hasStatus(HttpStatus.OK);
		return result.getResponse().getContentAsString();
	}

	private String conversation(String brand, String subject, String team, String agent) throws Exception {
		var inbound = post(token(), "/api/v1/inbound", """
				{"channel":"email","providerMessageId":"%s","sender":{"email":"%s@example.nl"},"brand":"%s",
				 "subject":"%s","text":"Hallo","sentAt":"2026-11-23T09:00:00Z"}"""
			.formatted(unique("inbox"), unique("inbox"), brand, subject));
		String id = json.readTree(inbound.getResponse().getContentAsString()).get("conversationId").asString();
		if (agent != null) {
			conversations.assign(new ConversationId(UUID.fromString(id)), agent, team, Actor.system("test"),
					Instant.now());
		}
		return id;
	}
}
