package nl.baken.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.baken.ApiTestSupport;
import nl.baken.DatabaseTest;
import nl.baken.access.Authorities;
import nl.baken.access.AuthorityAction;
import nl.baken.access.NewUser;
import nl.baken.access.Role;
import nl.baken.access.Teams;
import nl.baken.access.Users;
import nl.baken.conversation.ContactReason;
import nl.baken.conversation.ContactReasons;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.Conversations;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Every desk endpoint against every kind of person, for a conversation of team A: who may open and act on it, and
 * that a refused request answers "not found" and changes nothing.
 */
@DatabaseTest
class DeskAuthorisationTests extends ApiTestSupport {

	private static final String PASSWORD = "autorisatie-wachtwoord";

	@Autowired
	Users users;

	@Autowired
	Teams teams;

	@Autowired
	ContactReasons reasons;

	@Autowired
	Conversations conversations;

	@Autowired
	Authorities authorities;

	@Test
	void onlyTheTeamItsAssigneeAndAdminsReachAConversation() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String teamA = "a" + suffix;
		String teamB = "b" + suffix;
		teams.define(teamA, "Team A", "Team A");
		teams.define(teamB, "Team B", "Team B");
		String reason = "r" + suffix;
		reasons.define(new ContactReason(reason, "Reden", "Reason", false, false));

		Map<String, Boolean> people = Map.of(
				person("agent-a", Role.AGENT, teamA), true,
				person("admin", Role.ADMIN, null), true,
				person("agent-b", Role.AGENT, teamB), false,
				person("lead-b", Role.TEAM_LEAD, teamB), false,
				person("planner-a", Role.PLANNER, teamA), false);

		for (Map.Entry<String, Boolean> person : people.entrySet()) {
			String conversation = conversationOfTeam(teamA);
			boolean allowed = person.getValue();
			String who = person.getKey();
			List<String> posts = List.of("/reply?text=Hallo&replyKey=" + UUID.randomUUID(), "/note?text=Notitie",
					"/transfer?toTeamId=" + teamA + "&reason=eigen%20team", "/resolve?reasonId=" + reason, "/reopen");
			int eventsBefore = events(conversation);

			MvcTestResult page = mvc.get().uri("/desk/conversations/" + conversation).with(user(who)).exchange();
			assertThat(page).as("%s opens it", who).hasStatus(allowed ? HttpStatus.OK : HttpStatus.NOT_FOUND);
			for (String post : posts) {
				MvcTestResult result = mvc.post()
					.uri("/desk/conversations/" + conversation + post)
					.with(user(who))
					.with(csrf())
					.exchange();
				assertThat(result).as("%s posts %s", who, post)
					.hasStatus(allowed ? HttpStatus.FOUND : HttpStatus.NOT_FOUND);
			}
			String inbox = mvc.get().uri("/desk").with(user(who)).exchange().getResponse().getContentAsString();
			assertThat(inbox.contains(conversation)).as("%s sees it in the inbox", who).isEqualTo(allowed);
			if (allowed) {
				assertThat(events(conversation)).as("what %s did is in the log", who).isGreaterThan(eventsBefore);
			}
			else {
				assertThat(events(conversation)).as("%s changed nothing", who).isEqualTo(eventsBefore);
			}
		}
	}

	@Test
	void actionsFollowTheConversationsAccessAndOnlyAdminsSetAuthorities() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String teamA = "a" + suffix;
		teams.define(teamA, "Team A", "Team A");
		String action = "resend-" + suffix;
		authorities.define(new AuthorityAction(action, "Opnieuw", "Resend", "nowhere-" + suffix, "/resend", false),
				Actor.system("test"));
		authorities.grant(Role.AGENT, action, null, Actor.system("test"));
		String conversation = conversationOfTeam(teamA);
		String outsider = person("agent-b", Role.AGENT, null);
		String insider = person("agent-a", Role.AGENT, teamA);

		assertThat(mvc.post()
			.uri("/desk/conversations/" + conversation + "/actions?actionId=" + action)
			.with(user(outsider))
			.with(csrf())
			.exchange()).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(authorities.ofConversation(UUID.fromString(conversation))).isEmpty();
		MvcTestResult run = mvc.post()
			.uri("/desk/conversations/" + conversation + "/actions?actionId=" + action)
			.with(user(insider))
			.with(csrf())
			.exchange();
		assertThat(run).hasStatus(HttpStatus.FOUND);
		assertThat(authorities.ofConversation(UUID.fromString(conversation))).singleElement()
			.satisfies(r -> assertThat(r.requestedBy()).isEqualTo(insider));

		assertThat(mvc.get().uri("/desk/admin/authorities").with(user(insider).roles("AGENT")).exchange())
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(mvc.post()
			.uri("/desk/admin/authorities/" + action)
			.with(user(insider).roles("AGENT"))
			.with(csrf())
			.exchange()).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(authorities.grants()).filteredOn(g -> g.actionId().equals(action)).hasSize(1);

		String admin = person("admin", Role.ADMIN, null);
		assertThat(mvc.get().uri("/desk/admin/authorities").with(user(admin).roles("ADMIN")).exchange())
			.hasStatus(HttpStatus.OK);
		assertThat(mvc.post()
			.uri("/desk/admin/authorities/" + action + "?allowed-team_lead=on")
			.with(user(admin).roles("ADMIN"))
			.with(csrf())
			.exchange()).hasStatus(HttpStatus.FOUND);
		assertThat(authorities.grants()).filteredOn(g -> g.actionId().equals(action))
			.extracting(g -> g.role())
			.containsExactly(Role.TEAM_LEAD);
	}

	private String person(String role, Role kind, String team) {
		String username = role + "-" + UUID.randomUUID().toString().substring(0, 6);
		users.create(new NewUser(username, role, PASSWORD, EnumSet.of(kind), team, "nl"), Actor.system("test"));
		return username;
	}

	private String conversationOfTeam(String team) throws Exception {
		MvcTestResult inbound = post(token(), "/api/v1/inbound", """
				{"channel":"email","providerMessageId":"%s","sender":{"email":"%s@example.nl"},"subject":"Vraag",
				 "text":"Hallo","sentAt":"2026-11-23T09:00:00Z"}""".formatted(unique("authz"), unique("authz")));
		String id = json.readTree(inbound.getResponse().getContentAsString()).get("conversationId").asString();
		conversations.assign(new ConversationId(UUID.fromString(id)), "colleague-" + team, team, Actor.system("test"),
				Instant.now());
		return id;
	}

	private int events(String conversation) {
		return conversations.detail(new ConversationId(UUID.fromString(conversation))).orElseThrow().events().size();
	}
}
