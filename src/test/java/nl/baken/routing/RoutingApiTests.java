package nl.baken.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import nl.baken.DatabaseTest;
import nl.baken.access.Scope;
import nl.baken.access.Teams;
import nl.baken.conversation.ContactEvent;
import nl.baken.conversation.ContactEventType;
import nl.baken.conversation.ContactEvents;
import nl.baken.conversation.ContactReason;
import nl.baken.conversation.ContactReasons;
import nl.baken.conversation.ConversationId;
import nl.baken.conversation.ConversationStatus;
import nl.baken.conversation.Conversations;
import nl.baken.shared.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

@DatabaseTest
class RoutingApiTests extends RoutingTestSupport {

	@Autowired
	Conversations conversations;

	@Autowired
	ContactEvents events;

	@Autowired
	Teams teams;

	@Autowired
	ContactReasons reasons;

	String admin;

	String returns;

	String billing;

	@BeforeEach
	void skills() throws Exception {
		admin = token();
		returns = unique("returns-");
		billing = unique("billing-");
		ok(send("POST", admin, "/api/v1/routing/skills",
				"{\"id\":\"%s\",\"nameNl\":\"Retouren\",\"nameEn\":\"Returns\"}".formatted(returns)));
		ok(send("POST", admin, "/api/v1/routing/skills",
				"{\"id\":\"%s\",\"nameNl\":\"Facturen\",\"nameEn\":\"Billing\"}".formatted(billing)));
	}

	String configured(String skills, String languages, String capacity) throws Exception {
		String agent = agent(null);
		ok(send("PUT", admin, "/api/v1/routing/agents/" + agent,
				"{\"skills\":{%s},\"languages\":[%s],\"capacity\":{%s}}".formatted(skills, languages, capacity)));
		ok(send("PUT", admin, "/api/v1/routing/agents/" + agent + "/presence", "{\"presence\":\"available\"}"));
		return agent;
	}

	@Test
	void aContactGoesToTheAgentWithTheBestSkillMatchInItsLanguage() throws Exception {
		String topic = unique("refund-");
		ok(send("PUT", admin, "/api/v1/routing/profiles/topic/" + topic,
				"{\"priority\":2,\"skills\":{\"%s\":3}}".formatted(returns)));
		String english = configured("\"%s\":5".formatted(returns), "\"en\"", "");
		String weak = configured("\"%s\":2".formatted(returns), "\"nl\"", "");
		String strong = configured("\"%s\":4,\"%s\":2".formatted(returns, billing), "\"nl\"", "");
		String conversation = inbound(admin, "email", unique("c") + "@example.com", "nl", null);
		JsonNode work = ok(send("PUT", admin, "/api/v1/routing/contacts/" + conversation + "/classification",
				"{\"topic\":\"%s\",\"urgency\":1}".formatted(topic)));
		assertThat(work.get("skills").get(returns).asInt()).isEqualTo(3);
		assertThat(work.get("status").asString()).isEqualTo("waiting");

		assertThat(routing.dispatch()).isEqualTo(1);

		assertThat(conversations.find(new ConversationId(UUID.fromString(conversation))).orElseThrow().assignedAgent())
			.isEqualTo(strong)
			.isNotIn(english, weak);
		List<ContactEvent> log = events.ofConversations(List.of(UUID.fromString(conversation)));
		assertThat(log).filteredOn(e -> e.type() == ContactEventType.ASSIGNED)
			.singleElement()
			.satisfies(e -> assertThat(e.actor()).isEqualTo(Routing.ROUTING));
		JsonNode routed = ok(send("GET", admin, "/api/v1/routing/contacts/" + conversation, null));
		assertThat(routed.get("agentId").asString()).isEqualTo(strong);
		assertThat(ok(send("GET", admin, "/api/v1/routing/agents/" + strong, null)).get("loadPercent").asInt())
			.isEqualTo(20);
	}

	@Test
	void capacityHoldsAcrossChannelsAndResolvingGivesItBack() throws Exception {
		String agent = configured("", "\"nl\"", "\"email\":2,\"webchat\":2");
		String first = inbound(admin, "email", unique("c") + "@example.com", "nl", null);
		String second = inbound(admin, "webchat", unique("c") + "@example.com", "nl", null);
		String third = inbound(admin, "email", unique("c") + "@example.com", "nl", null);
		assertThat(routing.dispatch()).isEqualTo(2);
		assertThat(routing.work(UUID.fromString(third)).orElseThrow().status()).isEqualTo("waiting");
		assertThat(routing.agent(agent).orElseThrow().loadPercent()).isEqualTo(100);

		String reason = reason();
		resolve(first, reason, agent);
		assertThat(routing.work(UUID.fromString(first)).orElseThrow().status()).isEqualTo("done");
		assertThat(routing.dispatch()).isEqualTo(1);
		assertThat(routing.work(UUID.fromString(third)).orElseThrow().agentId()).isEqualTo(agent);
		assertThat(routing.work(UUID.fromString(second)).orElseThrow().agentId()).isEqualTo(agent);
	}

	@Test
	void aReopenedConversationNobodyHasWaitsInTheQueueAgain() throws Exception {
		String reason = reason();
		UUID conversation = UUID.fromString(inbound(admin, "email", unique("c") + "@example.com", "nl", null));
		// resolved before anyone took it (a team lead closing it from the inbox)
		resolve(conversation.toString(), reason, "lead");
		assertThat(routing.work(conversation).orElseThrow().status()).isEqualTo("cancelled");

		conversations.reopen(new ConversationId(conversation), Actor.agent("lead"), Instant.now());
		assertThat(conversations.find(new ConversationId(conversation)).orElseThrow().status())
			.isEqualTo(ConversationStatus.QUEUED);
		assertThat(routing.work(conversation).orElseThrow().status()).isEqualTo("waiting");
	}

	@Test
	void routingNeverTakesAConversationFromTheAgentWhoAnsweredIt() throws Exception {
		UUID answered = UUID.fromString(inbound(admin, "email", unique("c") + "@example.com", "nl", null));
		// the agent answers after routing read the conversation, before it assigns: the assignment gives way
		conversations.answer(new ConversationId(answered), "ans", Instant.now());
		assertThat(conversations.assignIfUnassigned(new ConversationId(answered), "routed", null, Routing.ROUTING,
				Instant.now())).isFalse();
		assertThat(conversations.find(new ConversationId(answered)).orElseThrow().assignedAgent()).isEqualTo("ans");

		UUID free = UUID.fromString(inbound(admin, "email", unique("c") + "@example.com", "nl", null));
		assertThat(conversations.assignIfUnassigned(new ConversationId(free), "routed", null, Routing.ROUTING,
				Instant.now())).isTrue();
		assertThat(conversations.find(new ConversationId(free)).orElseThrow().assignedAgent()).isEqualTo("routed");
	}

	@Test
	void aChannelOnlyAnAgentsOwnCapacityNamesIsDispatchedToo() throws Exception {
		String agent = configured("", "\"nl\"", "\"sms\":2");
		String text = inbound(admin, "sms", unique("c") + "@example.com", "nl", null);
		assertThat(routing.dispatch()).isEqualTo(1);
		assertThat(routing.work(UUID.fromString(text)).orElseThrow().agentId()).isEqualTo(agent);
	}

	@Test
	void aRepeatContactWaitsForTheAgentWhoHandledTheCustomerBefore() throws Exception {
		String reason = reason();
		String known = configured("", "\"nl\"", "\"email\":1");
		String email = unique("c") + "@example.com";
		handledBefore(known, email, reason);
		// the known agent is busy with someone else's e-mail by the time the customer writes again
		String stranger = inbound(admin, "email", unique("c") + "@example.com", "nl", null);
		assertThat(routing.dispatch()).isEqualTo(1);
		String other = configured("", "\"nl\"", "\"email\":1");
		String repeat = inbound(admin, "email", email, "nl", null);
		assertThat(routing.work(UUID.fromString(repeat)).orElseThrow().stickyAgent()).isEqualTo(known);
		// the other agent is free, but within the sticky wait the customer waits for the agent they know
		assertThat(routing.dispatch()).isZero();
		assertThat(routing.agent(other).orElseThrow().loadPercent()).isZero();
		resolve(stranger, reason, known);
		assertThat(routing.dispatch()).isEqualTo(1);
		assertThat(routing.work(UUID.fromString(repeat)).orElseThrow().agentId()).isEqualTo(known);
	}

	@Test
	void anAgentWhoGoesOfflineGivesBackTheContactsTheyHaveNotAnswered() throws Exception {
		String reason = reason();
		String leaving = configured("", "\"nl\"", "\"email\":4");
		String email = unique("c") + "@example.com";
		handledBefore(leaving, email, reason);
		// the customer writes again: they wait for the agent who helped them, who takes it and then signs off
		UUID repeat = UUID.fromString(inbound(admin, "email", email, "nl", null));
		UUID answered = UUID.fromString(inbound(admin, "email", unique("c") + "@example.com", "nl", null));
		long place = routing.rankOf(repeat).orElseThrow();
		assertThat(routing.work(repeat).orElseThrow().stickyAgent()).isEqualTo(leaving);
		assertThat(routing.dispatch()).isEqualTo(2);
		conversations.answer(new ConversationId(answered), leaving, Instant.now());
		assertThat(routing.agent(leaving).orElseThrow().loadPercent()).isEqualTo(50);

		ok(send("PUT", admin, "/api/v1/routing/agents/" + leaving + "/presence", "{\"presence\":\"offline\"}"));

		assertThat(conversations.find(new ConversationId(repeat)).orElseThrow()).satisfies(c -> {
			assertThat(c.assignedAgent()).isNull();
			assertThat(c.status()).isEqualTo(ConversationStatus.QUEUED);
		});
		assertThat(routing.work(repeat).orElseThrow()).satisfies(w -> {
			assertThat(w.status()).isEqualTo("waiting");
			assertThat(w.agentId()).isNull();
			assertThat(w.stickyAgent()).isNull();
		});
		assertThat(routing.rankOf(repeat)).contains(place);
		List<ContactEvent> log = events.ofConversations(List.of(repeat));
		assertThat(log).noneMatch(e -> e.type() == ContactEventType.TRANSFERRED);
		assertThat(log.getLast()).satisfies(e -> {
			assertThat(e.type()).isEqualTo(ContactEventType.QUEUED);
			assertThat(e.attributes()).containsEntry("after", "agent-offline").containsEntry("fromAgent", leaving);
		});
		// what they answered stays theirs, and so does its share of their capacity
		assertThat(conversations.find(new ConversationId(answered)).orElseThrow().assignedAgent()).isEqualTo(leaving);
		assertThat(routing.work(answered).orElseThrow().agentId()).isEqualTo(leaving);
		assertThat(routing.agent(leaving).orElseThrow().loadPercent()).isEqualTo(25);

		String other = configured("", "\"nl\"", "\"email\":1");
		assertThat(routing.dispatch()).isEqualTo(1);
		assertThat(routing.work(repeat).orElseThrow().agentId()).isEqualTo(other);
	}

	@Test
	void aTransferToAFullAgentTakesTheirLoadPastFullAndEachEndGivesBackWhatItTook() throws Exception {
		String reason = reason();
		String full = configured("", "\"nl\"", "\"webchat\":1");
		String first = inbound(admin, "webchat", unique("c") + "@example.com", "nl", null);
		assertThat(routing.dispatch()).isEqualTo(1);
		String colleague = configured("", "\"nl\"", "\"webchat\":1");
		String second = inbound(admin, "webchat", unique("c") + "@example.com", "nl", null);
		assertThat(routing.dispatch()).isEqualTo(1);
		assertThat(routing.work(UUID.fromString(second)).orElseThrow().agentId()).isEqualTo(colleague);

		// a person's decision: the customer asked for the agent they spoke to before
		ok(send("POST", admin, "/api/v1/conversations/" + second + "/transfers",
				"{\"toAgentId\":\"%s\",\"reason\":\"kent de klant\",\"agentId\":\"%s\"}".formatted(full, colleague)));
		ok(send("PUT", admin, "/api/v1/routing/agents/" + colleague + "/presence", "{\"presence\":\"offline\"}"));
		assertThat(routing.agent(full).orElseThrow().loadPercent()).isEqualTo(200);

		resolve(first, reason, full);
		assertThat(routing.agent(full).orElseThrow().loadPercent()).isEqualTo(100);
		String third = inbound(admin, "webchat", unique("c") + "@example.com", "nl", null);
		assertThat(routing.dispatch()).isZero();
		assertThat(routing.work(UUID.fromString(third)).orElseThrow().status()).isEqualTo("waiting");
		resolve(second, reason, full);
		assertThat(routing.agent(full).orElseThrow().loadPercent()).isZero();
		assertThat(routing.dispatch()).isEqualTo(1);
		assertThat(routing.work(UUID.fromString(third)).orElseThrow().agentId()).isEqualTo(full);
	}

	@Test
	void anAgentWhoGoesAwayGivesBackWhatTheyHaveNotAnsweredAndOneWhoIsBusyKeepsIt() throws Exception {
		String agent = configured("", "\"nl\"", "\"email\":2");
		UUID answered = UUID.fromString(inbound(admin, "email", unique("c") + "@example.com", "nl", null));
		UUID unanswered = UUID.fromString(inbound(admin, "email", unique("c") + "@example.com", "nl", null));
		assertThat(routing.dispatch()).isEqualTo(2);
		conversations.answer(new ConversationId(answered), agent, Instant.now());

		ok(send("PUT", admin, "/api/v1/routing/agents/" + agent + "/presence", "{\"presence\":\"busy\"}"));
		assertThat(routing.work(unanswered).orElseThrow().agentId()).isEqualTo(agent);

		// a break: the customer whose e-mail they had not opened does not wait for them to come back
		ok(send("PUT", admin, "/api/v1/routing/agents/" + agent + "/presence", "{\"presence\":\"away\"}"));
		assertThat(routing.work(unanswered).orElseThrow().status()).isEqualTo("waiting");
		assertThat(events.ofConversations(List.of(unanswered)).getLast().attributes()).containsEntry("after",
				"agent-away");
		assertThat(routing.work(answered).orElseThrow().agentId()).isEqualTo(agent);
		assertThat(routing.agent(agent).orElseThrow().loadPercent()).isEqualTo(50);
	}

	@Test
	void aContactAssignedByHandTakesTheAgentsCapacityUntilItEnds() throws Exception {
		String reason = reason();
		String agent = configured("", "\"nl\"", "\"webchat\":2");
		List<String> chats = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String chat = inbound(admin, "webchat", unique("c") + "@example.com", "nl", null);
			ok(send("POST", admin, "/api/v1/conversations/" + chat + "/assignment",
					"{\"agentId\":\"" + agent + "\"}"));
			chats.add(chat);
		}
		// before, work assigned by hand took nothing: the router went on filling the agent as if they were free
		assertThat(routing.agent(agent).orElseThrow().loadPercent()).isEqualTo(150);
		String waiting = inbound(admin, "webchat", unique("c") + "@example.com", "nl", null);
		assertThat(routing.dispatch()).isZero();

		resolve(chats.get(0), reason, agent);
		resolve(chats.get(1), reason, agent);
		assertThat(routing.agent(agent).orElseThrow().loadPercent()).isEqualTo(50);
		assertThat(routing.dispatch()).isEqualTo(1);
		assertThat(routing.work(UUID.fromString(waiting)).orElseThrow().agentId()).isEqualTo(agent);
		resolve(chats.get(2), reason, agent);
		resolve(waiting, reason, agent);
		assertThat(routing.agent(agent).orElseThrow().loadPercent()).isZero();
	}

	private String reason() {
		String reason = unique("r");
		reasons.define(new ContactReason(reason, "Reden", "Reason", false, true));
		return reason;
	}

	/** The agent handled an e-mail of the customer, so the customer's next contact waits for them a while. */
	private void handledBefore(String agent, String email, String reason) throws Exception {
		String first = inbound(admin, "email", email, "nl", null);
		assertThat(routing.dispatch()).isEqualTo(1);
		resolve(first, reason, agent);
	}

	private void resolve(String conversation, String reason, String agent) {
		conversations.resolve(new ConversationId(UUID.fromString(conversation)), reason, Actor.agent(agent),
				Instant.now());
	}

	@Test
	void aTransferToATeamPutsTheContactBackInTheQueueWithThatTeamsRequirements() throws Exception {
		String team = "t" + UUID.randomUUID().toString().substring(0, 8);
		teams.define(team, "Facturen", "Billing");
		ok(send("PUT", admin, "/api/v1/routing/profiles/queue/" + team,
				"{\"skills\":{\"%s\":2}}".formatted(billing)));
		String generalist = configured("", "\"nl\"", "");
		String conversation = inbound(admin, "email", unique("c") + "@example.com", "nl", null);
		assertThat(routing.dispatch()).isEqualTo(1);
		ok(send("POST", admin, "/api/v1/conversations/" + conversation + "/transfers",
				"{\"toTeamId\":\"%s\",\"reason\":\"factuurvraag\",\"agentId\":\"%s\"}".formatted(team, generalist)));
		RoutedWork moved = routing.work(UUID.fromString(conversation)).orElseThrow();
		assertThat(moved.status()).isEqualTo("waiting");
		assertThat(moved.queue()).isEqualTo(team);
		assertThat(moved.skills()).containsEntry(billing, 2);
		assertThat(routing.agent(generalist).orElseThrow().loadPercent()).isZero();
		// the generalist lacks the skill; a billing agent takes it
		String specialist = configured("\"%s\":3".formatted(billing), "\"nl\"", "");
		assertThat(routing.dispatch()).isEqualTo(1);
		assertThat(routing.work(UUID.fromString(conversation)).orElseThrow().agentId()).isEqualTo(specialist);
	}

	@Test
	void anAgentPicksTheNextContactAndCustomersSeeTheirPlaceAndWait() throws Exception {
		String agent = configured("", "\"en\"", "\"webchat\":3");
		ok(send("PUT", admin, "/api/v1/routing/agents/" + agent + "/presence", "{\"presence\":\"busy\"}"));
		String first = inbound(admin, "webchat", unique("c") + "@example.com", "en", null);
		String second = inbound(admin, "webchat", unique("c") + "@example.com", "en", null);
		String widget = token(Scope.CALLBACKS_WRITE);
		JsonNode wait = ok(send("GET", widget, "/api/v1/routing/contacts/" + second + "/wait", null));
		assertThat(wait.get("position").asInt()).isEqualTo(2);
		assertThat(wait.get("status").asString()).isEqualTo("waiting");
		// busy: nothing is routed to the agent, but they may pick work
		assertThat(routing.dispatch()).isZero();
		JsonNode picked = ok(send("POST", admin, "/api/v1/routing/agents/" + agent + "/next", null));
		assertThat(picked.get("conversationId").asString()).isEqualTo(first);
		assertThat(ok(send("GET", widget, "/api/v1/routing/contacts/" + second + "/wait", null)).get("position")
			.asInt()).isEqualTo(1);
		assertThat(events.ofConversations(List.of(UUID.fromString(first))))
			.filteredOn(e -> e.type() == ContactEventType.ASSIGNED)
			.singleElement()
			.satisfies(e -> assertThat(e.actor().id()).isEqualTo(agent));
	}

	@Test
	void presenceChangesAreInTheEventLog() throws Exception {
		String agent = configured("", "\"nl\"", "");
		ok(send("PUT", admin, "/api/v1/routing/agents/" + agent + "/presence", "{\"presence\":\"away\"}"));
		assertThat(events.between(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1),
				List.of(ContactEventType.PRESENCE_CHANGED)))
			.filteredOn(e -> agent.equals(e.actor().id()))
			.extracting(e -> e.attributes().get("to"))
			.containsExactly("available", "away");
	}

	@Test
	void badConfigurationIsRefusedWithAClearProblem() throws Exception {
		String agent = agent(null);
		var unknownSkill = send("PUT", admin, "/api/v1/routing/agents/" + agent, "{\"skills\":{\"juggling\":3}}");
		assertThat(unknownSkill).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(unknownSkill.getResponse().getContentAsString()).contains("unknown skill 'juggling'");
		assertThat(send("PUT", admin, "/api/v1/routing/agents/" + agent,
				"{\"skills\":{\"%s\":9}}".formatted(returns))).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(send("PUT", admin, "/api/v1/routing/agents/nobody-here", "{}")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(send("PUT", admin, "/api/v1/routing/agents/" + agent + "/presence", "{\"presence\":\"asleep\"}"))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(send("PUT", admin, "/api/v1/routing/profiles/mood/x", "{}")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(send("POST", admin, "/api/v1/routing/skills",
				"{\"id\":\"%s\",\"nameNl\":\"x\",\"nameEn\":\"x\"}".formatted(returns))).hasStatus(HttpStatus.CONFLICT);
	}
}
